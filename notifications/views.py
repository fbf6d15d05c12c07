from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views import View
from django.views.generic import ListView

from . import services
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


class ReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        services.notifications_mark_all_read(recipient=request.user)
        return redirect("notifications:inbox")
