"""Deadline reminders: N days before each stage's deadline and on the day after it passes, to
whoever must act, once each however often the beat runs.

"Today" is frozen by replacing common.clock.today; the dossiers themselves are driven
through the real services, so their due dates count from the real date."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common import clock
from initiatives.models import Initiative
from notifications import reminders
from notifications.models import Notification, NotificationPreference, SentReminder
from notifications.reminders import send_deadline_reminders
from tests.conftest import make_draft, make_user
from workflow import scoresheets, services
from workflow.models import CouncilAssignment, DeadlineRule
from workflow.scenarios import advance, meeting_minutes

pytestmark = pytest.mark.django_db
SOON, OVERDUE = "deadline_soon", "deadline_overdue"
SCORES = {"novelty": 30, "applicability": 22, "benefit": 24}


@pytest.fixture
def run(monkeypatch):
    """run(day) → the reminder task as the beat would run it on that day."""

    def run_on(day: date) -> int:
        monkeypatch.setattr(clock, "today", lambda: day)
        return send_deadline_reminders()

    return run_on


def reminded(initiative, kind):
    rows = Notification.objects.filter(initiative=initiative, kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def set_due(initiative, field, due):
    Initiative.objects.filter(pk=initiative.pk).update(**{field: due})
    initiative.refresh_from_db()
    return due


def score(initiative, member):
    scoresheets.scoresheet_save(
        initiative_id=initiative.pk, actor=member, scores=SCORES, vote="agree", submit=True
    )


# --- Once, and exactly when -----------------------------------------------------------------


def test_a_reminder_fires_once_not_on_every_beat_tick(at_state, run):
    initiative = at_state("department_review")
    day = initiative.review_due - timedelta(days=5)

    assert [run(day), run(day), run(day)] == [1, 0, 0]
    assert run(day + timedelta(days=1)) == 0  # the next day's ticks do not repeat it

    assert reminded(initiative, SOON) == ["reviewer"]
    assert SentReminder.objects.filter(
        key=f"department_review:{initiative.pk}:{initiative.review_due.isoformat()}:soon"
    ).exists()


def test_soon_is_exactly_n_days_before_not_n_plus_one(at_state, run):
    initiative = at_state("department_review")
    due = initiative.review_due

    assert run(due - timedelta(days=6)) == 0
    assert reminded(initiative, SOON) == []
    assert run(due - timedelta(days=5)) == 1
    assert reminded(initiative, SOON) == ["reviewer"]


def test_n_is_the_stage_rule_s_remind_days_before(at_state, run):
    DeadlineRule.objects.filter(stage="department_review").update(remind_days_before=2)
    initiative = at_state("department_review")
    due = initiative.review_due

    assert run(due - timedelta(days=3)) == 0
    assert run(due - timedelta(days=2)) == 1


def test_overdue_is_the_day_after_the_deadline_and_once(at_state, run):
    initiative = at_state("department_review")
    due = initiative.review_due

    run(due)  # the last day: still "soon" (caught up), not overdue
    assert reminded(initiative, OVERDUE) == []
    assert [run(due + timedelta(days=1)) for _ in range(3)] == [1, 0, 0]
    assert run(due + timedelta(days=2)) == 0
    assert reminded(initiative, OVERDUE) == ["reviewer"]
    assert reminded(initiative, SOON) == ["reviewer"]


def test_a_missed_soon_is_not_sent_once_the_deadline_passed(at_state, run):
    initiative = at_state("department_review")
    run(initiative.review_due + timedelta(days=1))
    assert reminded(initiative, SOON) == []
    assert reminded(initiative, OVERDUE) == ["reviewer"]


def test_working_day_reminders_skip_tet(province, at_state, run):
    """A review counted in working days, due Fri 12/02/2027: five working days before is
    Fri 29/01 (1, 2, 3, 11, 12 Feb — Tết 4–10 Feb skipped), not Thu 28/01."""
    DeadlineRule.objects.filter(stage="department_review").update(
        amount=20, unit="days", day_type="working"
    )
    province.reviewer.language = "en"
    province.reviewer.save()
    initiative = at_state("department_review")
    set_due(initiative, "review_due", date(2027, 2, 12))

    assert run(date(2027, 1, 28)) == 0
    assert run(date(2027, 1, 29)) == 1
    note = Notification.objects.get(initiative=initiative, kind=SOON)
    assert "12/02/2027, in 5 working days." in note.message


# --- Who is reminded, stage by stage --------------------------------------------------------


def test_department_review_reminds_the_reviewers(province, at_state, run):
    second = make_user("reviewer_b", "Đinh Văn Lộc", ("reviewer", province.skhcn))
    gone = make_user("reviewer_c", "Cao Thị Hoa", ("reviewer", province.skhcn))
    gone.is_active = False
    gone.save()
    initiative = at_state("department_review")
    run(initiative.review_due - timedelta(days=1))
    assert reminded(initiative, SOON) == ["reviewer", second.username]


def test_revision_reply_reminds_the_agency_and_is_not_overdue(at_state, run):
    initiative = at_state("revision_requested")
    due = initiative.revision_due

    run(due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["head_tuphap", "staff_tuphap"]
    note = Notification.objects.get(
        initiative=initiative, kind=SOON, recipient__username="staff_tuphap"
    )
    assert note.due_date == due and note.url == f"/initiatives/{initiative.pk}/"

    # The day after, `expire` refuses the dossier and tells the agency; no overdue reminder.
    assert run(due + timedelta(days=1)) == 0
    assert reminded(initiative, OVERDUE) == []


def test_council_reminds_only_members_who_have_not_scored(province, run):
    member_a, member_b, member_c = province.council
    province.seat(province.council_stp)  # recused: works at the applicant agency
    province.seat(None, "expert", full_name="TS. Chuyên Gia")  # no account: nobody to remind
    initiative = advance(make_draft(province), "council_review", province.cast())
    score(initiative, member_a)
    # Having scored another dossier does not excuse a member from this one.
    other = advance(make_draft(province), "council_review", province.cast())
    score(other, member_b)
    due = initiative.decision_due

    run(due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["council2", "council3"]
    assert reminded(other, SOON) == ["council1", "council3"]

    run(due + timedelta(days=1))
    assert reminded(initiative, OVERDUE) == ["council2", "council3", "reviewer"]
    flagged = Notification.objects.get(
        initiative=initiative, kind=OVERDUE, recipient=province.reviewer
    )
    acting = Notification.objects.get(initiative=initiative, kind=OVERDUE, recipient=member_b)
    assert flagged.due_date is None and acting.due_date == due  # the reviewer is informed
    recused = CouncilAssignment.objects.get(initiative=initiative, member=province.council_stp)
    assert recused.recused and "council_stp" not in reminded(initiative, SOON)
    assert member_c.username in reminded(initiative, SOON)


def test_council_done_scoring_reminds_the_reviewer_to_complete(province, at_state, run):
    initiative = at_state("council_review")
    for member in province.council:
        score(initiative, member)
    run(initiative.decision_due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["reviewer"]


def test_awaiting_decision_reminds_leaders_then_flags_overdue_to_reviewer_and_leaders(
    province, at_state, run
):
    initiative = at_state("awaiting_decision")
    due = initiative.decision_due

    run(due - timedelta(days=5))
    assert reminded(initiative, SOON) == ["leader"]

    run(due + timedelta(days=1))
    assert reminded(initiative, OVERDUE) == ["leader", "reviewer"]
    leader = Notification.objects.get(
        initiative=initiative, kind=OVERDUE, recipient=province.leader
    )
    assert leader.due_date == due


def test_the_council_and_the_decision_stage_each_get_their_reminder(province, at_state, run):
    """decision_due spans both stages; each stage's people are reminded in their turn."""
    initiative = at_state("council_review")
    due = initiative.decision_due
    run(due - timedelta(days=5))
    for member in province.council:
        score(initiative, member)
    services.initiative_complete_scoring(
        initiative=initiative, actor=province.reviewer, **meeting_minutes(initiative)
    )
    run(due - timedelta(days=4))
    assert reminded(initiative, SOON) == ["council1", "council2", "council3", "leader"]


def test_finished_stages_are_not_reminded(at_state, run):
    recognized = at_state("recognized")
    rejected = at_state("rejected")
    day = timezone.localdate() + timedelta(days=200)
    assert run(day) == 0
    assert reminded(recognized, OVERDUE) == reminded(rejected, OVERDUE) == []


def test_nobody_to_remind_leaves_the_reminder_for_a_later_run(province, at_state, run):
    initiative = at_state("awaiting_decision")
    province.leader.is_active = False
    province.leader.save()
    day = initiative.decision_due - timedelta(days=3)

    assert run(day) == 0
    assert not SentReminder.objects.exists()

    province.leader.is_active = True
    province.leader.save()
    assert run(day) == 1
    assert reminded(initiative, SOON) == ["leader"]


# --- Channels, words, new deadlines ---------------------------------------------------------


def test_in_app_only_gets_an_inbox_row_and_no_email(province, at_state, run):
    NotificationPreference.objects.create(
        user=province.staff, category="deadline", channel="in_app"
    )
    initiative = at_state("revision_requested")
    run(initiative.revision_due - timedelta(days=5))

    rows = Notification.objects.filter(initiative=initiative, kind=SOON)
    assert dict(rows.values_list("recipient__username", "email_status")) == {
        "staff_tuphap": "skipped",
        "head_tuphap": "pending",
    }


def test_the_reminder_says_which_deadline_and_when(province, at_state, run):
    province.staff.language = "en"
    province.staff.save()
    initiative = at_state("revision_requested")
    due = initiative.revision_due
    run(due - timedelta(days=5))

    note = Notification.objects.get(initiative=initiative, kind=SOON, recipient=province.staff)
    assert note.subject == f"[{initiative.code}] A deadline is approaching"
    text = due.strftime("%d/%m/%Y")
    assert f"Deadline for the reply to the revision request: {text}, in 5 days." in note.message
    assert "refused automatically" in note.message
    assert "Expected of you: Correct the dossier and resubmit it" in note.message
    assert f"Due by {text}." in note.message


def test_overdue_says_how_long_ago(province, at_state, run):
    province.leader.language = "en"
    province.leader.save()
    initiative = at_state("awaiting_decision")
    due = initiative.decision_due
    run(due + timedelta(days=1))
    note = Notification.objects.get(initiative=initiative, kind=OVERDUE, recipient=province.leader)
    assert note.subject.endswith("A deadline has passed")
    assert (
        f"Deadline for the provincial decision: {due.strftime('%d/%m/%Y')}, passed 1 day ago."
        in note.message
    )


def test_a_new_due_date_after_a_resubmission_gives_a_new_reminder(
    province, at_state, run, settings
):
    settings.REVISION_REQUESTS_MAX = 2
    today = timezone.localdate()
    initiative = at_state("revision_requested")  # due in 1 calendar month
    first_due = initiative.revision_due
    run(first_due - timedelta(days=5))

    services.initiative_resubmit(initiative=initiative, actor=province.staff)
    second_due = today + timedelta(days=70)
    initiative = services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Còn thiếu số liệu.",
        reply_due=second_due,
    )  # fmt: skip
    run(first_due - timedelta(days=5))  # the same day again: the new deadline is not near yet
    assert run(second_due - timedelta(days=5)) == 1
    assert run(second_due - timedelta(days=5)) == 0

    rows = Notification.objects.filter(initiative=initiative, kind=SOON, recipient=province.staff)
    assert sorted(rows.values_list("due_date", flat=True)) == [first_due, second_due]


def test_emails_are_enqueued_once_the_reminders_commit(
    at_state, run, django_capture_on_commit_callbacks, monkeypatch
):
    from notifications import services as notification_services

    enqueued = []
    monkeypatch.setattr(notification_services, "enqueue_emails", enqueued.extend)
    initiative = at_state("department_review")
    with django_capture_on_commit_callbacks(execute=True):
        run(initiative.review_due - timedelta(days=5))
    note = Notification.objects.get(initiative=initiative, kind=SOON)
    assert enqueued == [note.pk]


# --- Cost ----------------------------------------------------------------------------------


def _queries(day) -> int:
    with CaptureQueriesContext(connection) as ctx:
        send_deadline_reminders()
    return len(ctx.captured_queries)


def test_beat_ticks_cost_the_same_however_many_dossiers_wait(province, run, monkeypatch):
    def dossiers(n):
        return [advance(make_draft(province), "department_review", province.cast())
                for _ in range(n)]  # fmt: skip

    real_today = clock.today
    first = dossiers(1)
    day = first[0].review_due - timedelta(days=5)
    run(day)
    monkeypatch.setattr(clock, "today", lambda: day)
    idle_one = _queries(day)

    # Submitted today like the first (the services read the same clock), due on its day.
    monkeypatch.setattr(clock, "today", real_today)
    more = dossiers(3)
    monkeypatch.setattr(clock, "today", lambda: day)
    with CaptureQueriesContext(connection) as sending:
        assert send_deadline_reminders() == 3
    idle_four = _queries(day)

    assert idle_one == idle_four  # nothing left to send: a constant handful of queries
    assert idle_one <= 2 * len(reminders.STAGES) + 1
    # Sending: a constant amount per reminded dossier on top of the per-stage queries.
    per_dossier = (len(sending.captured_queries) - idle_one) / len(more)
    assert per_dossier <= 8


def test_a_reminder_claimed_meanwhile_by_another_run_is_not_sent_again(at_state, run, monkeypatch):
    """Two beat runs at once: both see the reminder unsent, only the first insert of the key
    wins; the other writes nothing."""
    initiative = at_state("department_review")
    due = initiative.review_due
    SentReminder.objects.create(key=f"department_review:{initiative.pk}:{due.isoformat()}:soon")
    monkeypatch.setattr(reminders, "claimed", lambda keys: set())

    assert run(due - timedelta(days=5)) == 0
    assert reminded(initiative, SOON) == []


def test_a_reminder_names_the_legal_basis_of_its_deadline(at_state, run):
    initiative = at_state("council_review")
    run(initiative.decision_due - timedelta(days=5))
    rows = Notification.objects.filter(initiative=initiative, kind=SOON)
    assert rows and all(
        "Căn cứ pháp lý: Điều 7 NĐ 13/2012: 03 tháng kể từ ngày chấp nhận đơn" in row.message
        for row in rows
    )
