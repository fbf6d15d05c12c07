from django.dispatch import receiver

from workflow.signals import initiative_transitioned

from .services import adoptions_close_open, adoptions_mandate


@receiver(initiative_transitioned, dispatch_uid="adoption.on_transition")
def on_transition(sender, *, initiative, log, extra, **kwargs):
    if log.transition == "start_rollout":
        adoptions_mandate(
            initiative=initiative,
            agency_ids=extra["target_agencies"],
            due_date=extra["report_due"],
        )
    elif log.transition == "revoke":
        adoptions_close_open(initiative=initiative, reason=extra["reason"])
