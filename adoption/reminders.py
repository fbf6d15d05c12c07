"""Adoption report reminders: the adopting agency's staff and head hear a few days before the
report is due (the rollout_report rule's remind_days_before) and on the day after it passes,
once each per adoption and due date, while the adoption is open (assigned or in progress) and
the initiative is rolling out.

Reports recur: each report moves the adoption's due date on by report_every_months
(adoption.services.report_add), so the key (adoption, due date) gives one "soon" and one
"overdue" reminder per period. Once the rollout is closed nothing is reminded any more.

Adoption only says which reminders are due (`report_reminders`, registered as
"adoption_reports" at start-up); notifications sends them once each
(notifications.reminders.send_registered_reminders, run by beat).
"""

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.selectors import agency_people_by_agency
from workflow import deadlines
from workflow.models import DeadlineRule
from workflow.reminders import OVERDUE, SOON, Line, Reminder, deadline_line, due_window, when_for

from .models import Adoption
from .selectors import awaiting_report_q

SOURCE = "adoption_reports"
KINDS = {SOON: "adoption_report_due", OVERDUE: "adoption_report_overdue"}
DEADLINE = _("the adoption report")


def reminder_key(adoption_id: int, due: date, when: str) -> str:
    return f"adoption_report:{adoption_id}:{due.isoformat()}:{when}"


def _agency_line(name: str) -> Line:
    return Line(lambda: gettext("Adopting agency: %(agency)s") % {"agency": name})


def report_reminders(day: date) -> list[Reminder]:
    """The reports due soon or overdue on `day`, with the adopting agencies' people (one query
    for the adoptions, one for the people)."""
    rule = deadlines.rules()[DeadlineRule.Stage.ROLLOUT_REPORT]
    adoptions = list(
        Adoption.objects.filter(due_window("due_date", rule, day), awaiting_report_q())
        .select_related("initiative", "agency")
        .order_by("pk")
    )
    people = agency_people_by_agency(a.agency_id for a in adoptions) if adoptions else {}
    return [_reminder(a, when_for(a.due_date, day), rule, day, people) for a in adoptions]


def _reminder(adoption, when: str, rule, day: date, people: dict) -> Reminder:
    due = adoption.due_date
    return Reminder(
        key=reminder_key(adoption.pk, due, when),
        kind=KINDS[when],
        initiative=adoption.initiative,
        due=due,
        recipients=[(user, True) for user in people.get(adoption.agency_id, [])],
        details=(_agency_line(adoption.agency.name), deadline_line(DEADLINE, rule, day, due, when)),
        url=f"/adoptions/{adoption.pk}/",  # where the report form is
    )
