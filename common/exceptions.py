"""Domain errors raised by services and mapped to HTTP statuses at the edges (API, views).

Validation problems use django.core.exceptions.ValidationError (400), permission problems
django.core.exceptions.PermissionDenied (403), invisible objects django.http.Http404 (404).
"""

from django.utils.translation import gettext_lazy as _


class Conflict(Exception):
    """The action is not allowed in the object's current state, or it lost a race (409)."""

    default_message = _("This action is not allowed in the dossier's current state.")

    def __init__(self, message=None, *, status=None):
        self.message = message or self.default_message
        self.status = status
        super().__init__(str(self.message))


class UploadTooLarge(Exception):
    """An uploaded file exceeds the size limit (413)."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
