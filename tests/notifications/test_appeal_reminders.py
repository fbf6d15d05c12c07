"""The appeal's resolution deadline is reminded like every other: N days before, to the
resolvers (reviewers for a refusal, leaders for a non-recognition), and the day after, naming
its legal basis (30 days, or 45 for a complex appeal; Luật Khiếu nại 2011 Điều 28)."""

from datetime import date, timedelta

import pytest

from common import clock
from notifications.models import Notification
from notifications.reminders import send_deadline_reminders
from workflow import services

pytestmark = pytest.mark.django_db
SOON, OVERDUE = "deadline_soon", "deadline_overdue"


@pytest.fixture
def run(monkeypatch):
    def run_on(day: date) -> int:
        monkeypatch.setattr(clock, "today", lambda: day)
        return send_deadline_reminders()

    return run_on


def reminded(initiative, kind):
    rows = Notification.objects.filter(initiative=initiative, kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def appealed(at_state, province, state):
    return services.initiative_appeal(
        initiative=at_state(state), actor=province.head, comment="Đề nghị xem xét lại."
    )


def test_an_appeal_against_a_refusal_reminds_the_reviewers(province, at_state, run):
    initiative = appealed(at_state, province, "refused")
    due = initiative.appeal_due
    run(due - timedelta(days=6))
    assert reminded(initiative, SOON) == []
    run(due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["reviewer"]
    note = Notification.objects.get(initiative=initiative, kind=SOON)
    assert "Điều 28 Luật Khiếu nại 2011: 30 ngày" in note.message
    run(due + timedelta(days=1))
    assert reminded(initiative, OVERDUE) == ["reviewer"]


def test_an_appeal_against_a_non_recognition_reminds_the_leaders(province, at_state, run):
    initiative = appealed(at_state, province, "rejected")
    initiative = services.appeal_mark_complex(initiative=initiative, actor=province.leader)
    due = initiative.appeal_due
    run(due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["leader"]
    note = Notification.objects.get(initiative=initiative, kind=SOON)
    assert "45 ngày" in note.message


def test_a_resolved_appeal_is_not_reminded(province, at_state, run):
    initiative = appealed(at_state, province, "refused")
    due = initiative.appeal_due
    services.initiative_resolve_appeal(
        initiative=initiative, actor=province.reviewer, outcome="upheld", comment="Giữ nguyên."
    )
    run(due + timedelta(days=1))
    assert reminded(initiative, OVERDUE) == []


@pytest.mark.parametrize("state", ["refused", "rejected"])
def test_the_notice_of_a_refusal_or_non_recognition_says_until_when_to_appeal(
    state, province, at_state
):
    """The appeal period runs from the notice: the notice names its last day and basis."""
    from django.utils import timezone, translation

    from workflow.models import TransitionLog

    initiative = at_state(state)
    log = TransitionLog.objects.filter(initiative=initiative, target=state).latest("id")
    last_day = timezone.localdate(log.created_at) + timedelta(days=90)
    note = Notification.objects.filter(
        initiative=initiative, kind=log.transition, recipient=province.head
    ).get()
    with translation.override("vi"):
        text = str(note.message)
    assert f"khiếu nại quyết định này đến hết ngày {last_day:%d/%m/%Y}" in text, text
    assert "Điều 9 Luật Khiếu nại 2011" in text


def test_other_notices_say_nothing_of_an_appeal(province, at_state):
    initiative = at_state("department_review")
    texts = [str(n.message) for n in Notification.objects.filter(initiative=initiative)]
    assert texts and not any("khiếu nại" in t.lower() for t in texts)
