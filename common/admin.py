"""Admin helpers that know no domain."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from .exceptions import Conflict


class ReadOnlyAdminMixin:
    """Shown, never written through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def refusal_text(refusal: Exception) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(str(message) for message in refusal.messages)
    return str(refusal)


class ServiceRefusalsAdminMixin:
    """The admin writes through services, which check the state under a row lock. When the
    state changed after the form was shown (a dossier submitted meanwhile, a sheet submitted),
    the service refuses: the administrator reads why on the page, instead of a server error,
    and nothing is written (the admin's transaction rolls back)."""

    refusals = (Conflict, ValidationError)

    def _refused(self, request, refusal):
        self.message_user(request, refusal_text(refusal), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except self.refusals as refusal:
            return self._refused(request, refusal)

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except self.refusals as refusal:
            return self._refused(request, refusal)

    def changelist_view(self, request, *args, **kwargs):
        try:
            return super().changelist_view(request, *args, **kwargs)
        except self.refusals as refusal:
            return self._refused(request, refusal)
