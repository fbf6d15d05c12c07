from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from . import services
from .forms import PreferencesForm
from .selectors import inbox


class InboxView(LoginRequiredMixin, ListView):
    template_name = "notifications/inbox.html"
    paginate_by = 25
    context_object_name = "notifications"

    def get_queryset(self):
        queryset = inbox(self.request.user).select_related("initiative")
        if self.request.GET.get("unread"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset


class OpenView(LoginRequiredMixin, View):
    """Mark a notification read and go where it points."""

    def post(self, request, pk):
        notification = services.notification_mark_read(recipient=request.user, notification_id=pk)
        return redirect(notification.url or "notifications:inbox")


class ReadView(LoginRequiredMixin, View):
    """Mark one notification read without leaving the inbox."""

    def post(self, request, pk):
        services.notification_mark_read(recipient=request.user, notification_id=pk)
        return redirect(_back_to_inbox(request))


class ReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        services.notifications_mark_all_read(recipient=request.user)
        return redirect(_back_to_inbox(request))


def _back_to_inbox(request) -> str:
    """The inbox page the user came from (its filter and page), never another site."""
    target = request.POST.get("next", "")
    inbox_url = reverse("notifications:inbox")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith(inbox_url) else inbox_url


class SettingsView(LoginRequiredMixin, FormView):
    """How the user wants to hear of each kind of event: e-mail at once, digest or in-app."""

    template_name = "notifications/settings.html"
    form_class = PreferencesForm
    success_url = reverse_lazy("notifications:settings")

    def get_initial(self):
        return services.preferences_of(self.request.user)

    def form_valid(self, form):
        services.preferences_update(user=self.request.user, channels=form.cleaned_data)
        messages.success(self.request, _("Your notification settings have been saved."))
        return super().form_valid(form)
