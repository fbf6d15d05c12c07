"""Every kind of notification: its category (for preferences), headline, and what the
recipient who must act is expected to do. Texts are lazy: they are rendered in each
recipient's language."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DOSSIER = "dossier", _("Changes to dossiers that concern me")
    ROLLOUT = "rollout", _("Rollout and adoption reports")
    DEADLINE = "deadline", _("Deadline reminders")


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("In the daily digest e-mail")
    IN_APP = "in_app", _("In the system only, no e-mail")


@dataclass(frozen=True)
class Event:
    category: str
    headline: str
    action: str = ""  # what the recipient who acts next is expected to do


C = Category
EVENTS = {
    "submit": Event(C.DOSSIER, _("A new dossier awaits review"), _("Check the dossier")),
    "resubmit": Event(
        C.DOSSIER, _("A revised dossier awaits review"), _("Check the revised dossier")
    ),
    "request_revision": Event(
        C.DOSSIER,
        _("The Department of S&T asks for a revision"),
        _("Correct the dossier and resubmit it"),
    ),
    "reject": Event(C.DOSSIER, _("The application was refused on formal grounds")),
    "expire": Event(
        C.DOSSIER,
        _("The application was refused: no reply to the amendment request by the deadline"),
    ),
    "accept": Event(
        C.DOSSIER,
        _("The dossier was accepted and sent to the council"),
        _("Score the dossier and vote"),
    ),
    "complete_scoring": Event(
        C.DOSSIER,
        _("The council has finished scoring; a decision is needed"),
        _("Recognize the initiative or decline it"),
    ),
    "recognize": Event(C.DOSSIER, _("The initiative was recognized")),
    "decline": Event(C.DOSSIER, _("The province declined to recognize the initiative")),
    "start_rollout": Event(
        C.ROLLOUT,
        _("Rollout has started: your agency is asked to adopt the initiative"),
        _("Apply the initiative and report the results"),
    ),
    "close_rollout": Event(C.DOSSIER, _("The rollout was closed")),
    "revoke": Event(C.DOSSIER, _("The recognition of the initiative was revoked")),
    "appeal": Event(
        C.DOSSIER, _("The agency appealed against the outcome"), _("Resolve the appeal")
    ),
    "resolve_appeal": Event(C.DOSSIER, _("The appeal was resolved"), _("Check the dossier")),
    "withdraw": Event(C.DOSSIER, _("The dossier was withdrawn")),
    "deadline_soon": Event(C.DEADLINE, _("A deadline is approaching")),
    "deadline_overdue": Event(C.DEADLINE, _("A deadline has passed")),
    "adoption_report_due": Event(
        C.ROLLOUT, _("An adoption report is due soon"), _("Report on the adoption")
    ),
    "adoption_report_overdue": Event(
        C.ROLLOUT, _("An adoption report is overdue"), _("Report on the adoption")
    ),
    "round_opened": Event(
        C.DEADLINE,
        _("A round is open for dossiers"),
        _("Submit your agency's dossiers before the round closes"),
    ),
    "round_closing": Event(
        C.DEADLINE,
        _("A round closes soon"),
        _("Submit your agency's dossiers before the round closes"),
    ),
}


def event(kind: str) -> Event:
    return EVENTS.get(kind, Event(C.DOSSIER, kind))
