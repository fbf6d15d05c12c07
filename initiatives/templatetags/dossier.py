"""{% status_badge initiative %}: a dossier's state as a coloured pill with its label."""

from django import template

from initiatives.choices import status_label

register = template.Library()

STATUS_COLOURS = {
    "draft": "secondary",
    "department_review": "primary",
    "revision_requested": "warning",
    "council_review": "info",
    "awaiting_decision": "primary",
    "recognized": "success",
    "rollout": "success",
    "closed": "dark",
    # Both refusals end the dossier; their labels tell the two legal acts apart.
    "refused": "danger",
    "rejected": "danger",
    # The agency's complaint waits for the reviewer or the leader, like a review.
    "appeal_review": "warning",
    # A recognition cancelled afterwards ends the dossier too.
    "revoked": "danger",
    "withdrawn": "secondary",
}


@register.inclusion_tag("initiatives/status_badge.html")
def status_badge(initiative):
    return {
        "colour": STATUS_COLOURS.get(initiative.status, "secondary"),
        "label": status_label(initiative),
    }
