"""Adoption report reminders: the adopting agency's staff and head hear a few days before the
report is due (the rollout_report rule's remind_days_before) and on the day after it passes,
once each per adoption and due date, while the adoption is open (assigned or in progress) and
the initiative is rolling out.

Reports recur: each report moves the adoption's due date on by report_every_months
(adoption.services.report_add), so the key (adoption, due date) gives one "soon" and one
"overdue" reminder per period. Once the rollout is closed nothing is reminded any more.
"""

from datetime import date

from celery import shared_task
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common import clock
from notifications.reminding import (
    OVERDUE,
    SOON,
    Line,
    agency_people_by_agency,
    claimed,
    deadline_line,
    due_window,
    send_logged,
    when_for,
)
from notifications.services import notify
from workflow import deadlines
from workflow.models import DeadlineRule

from .models import Adoption
from .selectors import awaiting_report_q

KINDS = {SOON: "adoption_report_due", OVERDUE: "adoption_report_overdue"}
DEADLINE = _("the adoption report")


def reminder_key(adoption_id: int, due: date, when: str) -> str:
    return f"adoption_report:{adoption_id}:{due.isoformat()}:{when}"


def _agency_line(name: str) -> Line:
    return Line(lambda: gettext("Adopting agency: %(agency)s") % {"agency": name})


def _due_adoptions(rule: deadlines.Rule, day: date) -> list[tuple]:
    adoptions = (
        Adoption.objects.filter(due_window("due_date", rule, day), awaiting_report_q())
        .select_related("initiative", "agency")
        .order_by("pk")
    )
    found = [(a, when_for(a.due_date, day)) for a in adoptions]
    done = claimed(reminder_key(a.pk, a.due_date, when) for a, when in found)
    return [(a, when) for a, when in found if reminder_key(a.pk, a.due_date, when) not in done]


@shared_task
def send_report_reminders() -> int:
    """Safe to run any number of times: each reminder is sent once. Returns how many
    reminders (adoption × due/overdue) this run sent."""
    day = clock.today()
    rule = deadlines.rules()[DeadlineRule.Stage.ROLLOUT_REPORT]
    reminders = _due_adoptions(rule, day)
    if not reminders:
        return 0
    people = agency_people_by_agency(a.agency_id for a, _when in reminders)
    sent = 0
    for adoption, when in reminders:
        users = people.get(adoption.agency_id, [])
        if not users:
            continue  # nobody in the agency yet: not claimed, a later run tries again
        due = adoption.due_date
        details = (
            _agency_line(adoption.agency.name),
            deadline_line(DEADLINE, rule, day, due, when),
        )

        def send(adoption=adoption, due=due, when=when, users=users, details=details):
            notify(
                recipients=[(user, True) for user in users],
                kind=KINDS[when],
                initiative=adoption.initiative,
                due=due,
                details=details,
                url=f"/adoptions/{adoption.pk}/",  # where the report form is
            )

        sent += send_logged(reminder_key(adoption.pk, due, when), send)
    return sent
