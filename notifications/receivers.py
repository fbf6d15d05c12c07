from django.dispatch import receiver

from workflow.signals import initiative_transitioned

from .services import notifications_for_transition


@receiver(initiative_transitioned, dispatch_uid="notifications.on_transition")
def on_transition(sender, *, initiative, log, extra, **kwargs):
    notifications_for_transition(initiative=initiative, log=log, extra=extra)
