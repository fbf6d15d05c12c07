"""Who may take which transition, read from the django-fsm declarations on Initiative."""

from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from initiatives.models import Initiative

from .appeal_rules import appeal_open

# Transitions a person can take; `expire` belongs to the system alone.
USER_TRANSITIONS = (
    "submit",
    "resubmit",
    "withdraw",
    "request_revision",
    "reject",
    "accept",
    "complete_scoring",
    "recognize",
    "decline",
    "start_rollout",
    "close_rollout",
    "revoke",
    "appeal",
    "resolve_appeal",
)


def transition_meta(name: str):
    """django-fsm's description of a transition (permission, label); same for every source."""
    return next(iter(getattr(Initiative, name)._django_fsm.transitions.values()))


# The signed, stamped scan of a document about the dossier was uploaded (documents.services).
SIGNED_SCAN = "signed_scan"

# Entries of the audit trail that are not transitions (workflow.services.edits).
LOG_ONLY_LABELS = {
    "admin_edit": _("Edited by an administrator"),
    "appeal_complex": _("Appeal marked as complex"),
    "record_national": _("Nationwide recognition recorded"),
    "round_move": _("Moved between rounds"),
    "promote": _("Proposed to the province"),
    SIGNED_SCAN: _("Signed copy uploaded"),
}


def transition_label(name: str) -> str:
    if name in LOG_ONLY_LABELS:
        return LOG_ONLY_LABELS[name]
    return transition_meta(name).custom["label"]


def may_take(initiative, actor, name: str) -> bool:
    """Role check only, whatever the state: the superuser acts through the admin."""
    return actor.is_superuser or transition_meta(name).has_perm(initiative, actor)


def available_transitions(initiative, user) -> list[dict]:
    """What this user may do now: the buttons to show (an appeal only while it may be filed)."""
    return [
        {"name": name, "label": str(transition_label(name))}
        for name in USER_TRANSITIONS
        if can_proceed(getattr(initiative, name))
        and may_take(initiative, user, name)
        and (name != "appeal" or appeal_open(initiative))
    ]
