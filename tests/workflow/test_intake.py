"""The intake book (Sổ tiếp nhận): receipt numbers per year without gaps, what a receipt will
need, resubmissions on the same line; shown on the dossier page and in the API."""

import threading
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.urls import reverse

from common import clock
from initiatives.models import Attachment
from tests.conftest import make_draft, require_service, today
from workflow import services
from workflow.deadlines import due_date
from workflow.models import DeadlineRule, IntakeEntry, IntakeSequence
from workflow.scenarios import advance


def submit(initiative, actor):
    return services.initiative_submit(initiative=initiative, actor=actor)


def test_submit_writes_the_line_the_receipt_will_need(province):
    draft = make_draft(province)
    Attachment.objects.create(
        initiative=draft, kind="mo_ta", file="x.pdf", original_name="Mô tả.pdf",
        content_type="application/pdf", size=10,
    )  # fmt: skip
    submit(draft, province.staff)

    entry = IntakeEntry.objects.get(initiative=draft)
    review_due = due_date(DeadlineRule.Stage.DEPARTMENT_REVIEW, today())
    assert (entry.year, entry.number, entry.receipt_number) == (
        today().year, 1, f"1/{today().year}"
    )  # fmt: skip
    assert entry.submitted_by == province.staff and entry.received_at is not None
    assert entry.title == draft.title
    assert entry.attachments == [
        {"name": "quyet-dinh-co-so.pdf", "kind": "quyet_dinh_co_so"},  # make_draft's cơ sở decision
        {"name": "Mô tả.pdf", "kind": "mo_ta"},
    ]
    assert entry.review_due == review_due
    # Review period, then the 3 months of NĐ 13 Điều 7.
    assert entry.promised_result_on == review_due + relativedelta(months=3)


def test_the_promise_counts_from_the_end_of_a_trial_that_ends_after_the_review(province):
    """NĐ 13 Điều 7: the decision's 3 months run from the end of first application if later."""
    draft = make_draft(province)
    trial_ends = today() + relativedelta(months=2)
    type(draft).objects.filter(pk=draft.pk).update(first_application_ends_on=trial_ends)
    entry = submit(draft, province.staff).intake
    assert entry.review_due < trial_ends
    assert entry.promised_result_on == trial_ends + relativedelta(months=3)


def test_numbers_run_in_order_and_restart_each_year(province, monkeypatch):
    numbers = [submit(make_draft(province), province.staff).intake.number for _ in range(3)]
    assert numbers == [1, 2, 3]
    next_year = date(today().year + 1, 1, 2)
    monkeypatch.setattr(clock, "today", lambda: next_year)
    entry = submit(make_draft(province, first_applied_on=next_year), province.staff).intake
    assert (entry.year, entry.number) == (next_year.year, 1)


def test_a_rolled_back_submission_takes_no_number(province):
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(make_draft(province), province.staff)
        raise RuntimeError("the request failed after the submission")
    assert not IntakeEntry.objects.exists()
    assert submit(make_draft(province), province.staff).intake.number == 1


def test_a_refused_submission_takes_no_number(province):
    with pytest.raises(ValidationError):
        submit(make_draft(province, truthfulness_declared=False), province.staff)
    assert IntakeSequence.objects.filter(last__gt=0).count() == 0
    assert submit(make_draft(province), province.staff).intake.number == 1


def test_a_resubmission_keeps_the_number_and_is_recorded_on_the_line(province, at_state):
    initiative = at_state("revision_requested")
    number = initiative.intake.number
    services.initiative_resubmit(initiative=initiative, actor=province.head)
    entry = IntakeEntry.objects.get(initiative=initiative)
    assert entry.number == number and IntakeEntry.objects.count() == 1
    assert len(entry.resubmissions) == 1
    assert entry.resubmissions[0]["submitted_by"] == province.head.pk
    assert entry.resubmissions[0]["title"] == initiative.title


def test_the_api_shows_the_receipt_number_read_only(province, at_state, api):
    initiative = at_state("revision_requested")
    client = api(province.staff)
    url = f"/api/v1/initiatives/{initiative.pk}/"
    data = client.get(url).data
    assert data["receipt_number"] == f"1/{today().year}"
    assert data["promised_result_on"] == initiative.intake.promised_result_on.isoformat()
    client.patch(url, {"receipt_number": "99/2000"}, format="json")
    assert client.get(url).data["receipt_number"] == f"1/{today().year}"
    draft = make_draft(province)
    assert client.get(f"/api/v1/initiatives/{draft.pk}/").data["receipt_number"] is None


def test_the_dossier_page_shows_the_receipt_number_and_legal_bases(province, at_state, client):
    initiative = at_state("council_review")
    client.force_login(province.reviewer)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert f'id="receipt-number">1/{today().year}<' in html
    assert "Điều 7 NĐ 13/2012: 03 tháng kể từ ngày chấp nhận đơn" in html
    assert "Điều 6 NĐ 13/2012" in html


# --- Concurrency (PostgreSQL row locks) ---------------------------------------------------


@pytest.fixture
def postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "row locks are only meaningful on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_submissions_take_consecutive_numbers(postgres, province, api, attempt):
    drafts = [make_draft(province) for _ in range(4)]
    # One dossier already registered this year, so the counter row exists for some attempts.
    if attempt:
        advance(make_draft(province), "department_review", province.cast())
    barrier = threading.Barrier(len(drafts))
    codes = []

    def run(draft):
        try:
            barrier.wait()
            path = f"/api/v1/initiatives/{draft.pk}/transitions/submit/"
            codes.append(api(province.staff).post(path, {}, format="json").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert codes == [200] * len(drafts)
    numbers = sorted(IntakeEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(drafts) + 1 + (1 if attempt else 0)))
    assert IntakeSequence.objects.get(year=today().year).last == numbers[-1]


def test_review_due_is_not_in_the_past_of_the_promise(province):
    entry = submit(make_draft(province), province.staff).intake
    assert entry.promised_result_on > entry.review_due >= today() + timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_the_migration_registers_dossiers_submitted_before_the_book(province, at_state):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    first = at_state("council_review")
    second = at_state("department_review")
    make_draft(province)  # never submitted: no line
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("workflow")
    executor.migrate([("workflow", "0008_refused_by_log")])
    MigrationExecutor(connection).migrate(latest)

    entries = list(IntakeEntry.objects.order_by("number"))
    assert [(e.initiative_id, e.number) for e in entries] == [(first.pk, 1), (second.pk, 2)]
    assert entries[0].submitted_by == province.staff
    assert entries[0].promised_result_on == first.review_due + relativedelta(months=3)
    assert IntakeSequence.objects.get(year=today().year).last == 2
    assert submit(make_draft(province), province.staff).intake.number == 3
    rule = DeadlineRule.objects.get(stage=DeadlineRule.Stage.REVISION_REPLY)
    assert (rule.amount, rule.unit) == (1, "months")
