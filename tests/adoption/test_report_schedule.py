"""Reports recur: each answers the current due date and moves it on by report_every_months
while the rollout lasts; reminders come once per due date; evidence files are checked."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile

from adoption import services
from adoption.models import AdoptionReport
from common import clock
from common.exceptions import Conflict
from notifications.models import Notification
from notifications.reminders import send_registered_reminders
from tests.conftest import make_user
from workflow import services as workflow_services

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DUE, OVERDUE = "adoption_report_due", "adoption_report_overdue"


def report(period="Quý I/2026"):
    return {"period": period, "result_summary": "Rút ngắn thời gian giải quyết."}


@pytest.fixture
def run(monkeypatch):
    def run_on(day: date) -> int:
        monkeypatch.setattr(clock, "today", lambda: day)
        return send_registered_reminders("adoption_reports")

    return run_on


@pytest.fixture
def rollout(at_state, province):
    make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    initiative = at_state("rollout")
    return initiative, initiative.adoptions.get(agency=province.phoyen)


def test_a_report_answers_the_due_date_and_moves_it_on_six_months(rollout, province, monkeypatch):
    _initiative, adoption = rollout
    first = adoption.due_date

    one = services.report_add(adoption=adoption, actor=province.other_staff, data=report("I"))
    adoption.refresh_from_db()
    assert one.period_due == first
    assert adoption.due_date == first + relativedelta(months=6)

    # Six months on, the next period has begun: the next report answers it.
    monkeypatch.setattr(clock, "today", lambda: first + relativedelta(days=1))
    two = services.report_add(adoption=adoption, actor=province.other_staff, data=report("II"))
    adoption.refresh_from_db()
    assert two.period_due == first + relativedelta(months=6)
    assert adoption.due_date == first + relativedelta(months=12)
    # The history stays, oldest first.
    assert [r.period for r in adoption.reports.all()] == ["I", "II"]


def test_the_interval_is_the_record_s_own(rollout, province):
    _initiative, adoption = rollout
    type(adoption).objects.filter(pk=adoption.pk).update(report_every_months=3)
    first = adoption.due_date
    services.report_add(adoption=adoption, actor=province.other_staff, data=report())
    adoption.refresh_from_db()
    assert adoption.due_date == first + relativedelta(months=3)


def test_after_the_rollout_closes_no_more_moves_and_no_reminders(rollout, province, run):
    initiative, adoption = rollout
    services.report_add(adoption=adoption, actor=province.other_staff, data=report())
    adoption.refresh_from_db()
    due = adoption.due_date
    workflow_services.initiative_close_rollout(initiative=initiative, actor=province.leader)

    with pytest.raises(Conflict):
        services.report_add(adoption=adoption, actor=province.other_staff, data=report("late"))
    adoption.refresh_from_db()
    assert adoption.due_date == due and adoption.reports.count() == 1
    assert run(due - timedelta(days=5)) == 0
    assert run(due + timedelta(days=1)) == 0
    assert not Notification.objects.filter(initiative=initiative, kind__in=[DUE, OVERDUE])


def test_reminders_come_once_per_due_date_across_a_report(rollout, province, run):
    initiative, adoption = rollout
    first = adoption.due_date
    soon = first - timedelta(days=5)
    assert [run(soon) for _ in range(2)] == [1, 0]

    services.report_add(adoption=adoption, actor=province.other_staff, data=report())
    adoption.refresh_from_db()
    second = adoption.due_date
    assert second == first + relativedelta(months=6)

    # The answered due date is never chased again, on time or overdue.
    assert run(soon) == 0
    assert run(first + timedelta(days=1)) == 0
    # The next one is reminded once before and once after.
    assert [run(second - timedelta(days=5)) for _ in range(3)] == [1, 0, 0]
    assert [run(second + timedelta(days=1)) for _ in range(2)] == [1, 0]

    staff_notes = Notification.objects.filter(
        initiative=initiative, recipient=province.other_staff, kind__in=[DUE, OVERDUE]
    ).order_by("due_date", "kind")
    assert [(n.kind, n.due_date) for n in staff_notes] == [
        (DUE, first),
        (DUE, second),
        (OVERDUE, second),
    ]


def test_a_late_report_stops_the_overdue_reminders_of_its_period(rollout, province, run):
    _initiative, adoption = rollout
    first = adoption.due_date
    assert run(first + timedelta(days=1)) == 1  # overdue
    services.report_add(adoption=adoption, actor=province.other_staff, data=report())
    assert run(first + timedelta(days=2)) == 0


# --- Evidence files --------------------------------------------------------------------------


def evidence(name="bien-ban.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_evidence_is_stored_with_its_checked_type_and_name(rollout, province, settings):
    _initiative, adoption = rollout
    saved = services.report_add(
        adoption=adoption, actor=province.other_staff, data=report(), evidence=evidence()
    )
    assert (saved.evidence_name, saved.evidence_type) == ("bien-ban.pdf", "application/pdf")
    assert saved.evidence.name.startswith(f"evidence/{adoption.pk}/")
    assert saved.evidence.name.endswith(".pdf")
    assert saved.evidence.read() == PDF


def test_evidence_of_the_wrong_type_is_refused_and_nothing_saved(rollout, province, settings):
    from django.core.exceptions import ValidationError

    _initiative, adoption = rollout
    due = adoption.due_date
    with pytest.raises(ValidationError) as problem:
        services.report_add(
            adoption=adoption, actor=province.other_staff, data=report(),
            evidence=evidence("bao-cao.pdf", b"MZ\x90\x00 an executable"),
        )  # fmt: skip
    assert "bao-cao.pdf" in " ".join(problem.value.message_dict["evidence"])
    adoption.refresh_from_db()
    assert adoption.due_date == due and not AdoptionReport.objects.exists()
    evidence_dir = settings.MEDIA_ROOT / "evidence"  # the dossier's own attachments stay
    assert not evidence_dir.exists() or not any(p.is_file() for p in evidence_dir.rglob("*"))


# --- Through the API: JSON as before, multipart with an optional evidence file ----------------


def test_the_api_takes_an_evidence_file_and_shows_the_report_fields(rollout, province, api):
    _initiative, adoption = rollout
    due = adoption.due_date
    url = f"/api/v1/adoptions/{adoption.pk}/reports/"
    response = api(province.other_staff).post(
        url, {**report(), "dossiers_handled": 12, "evidence": evidence()}, format="multipart"
    )
    assert response.status_code == 201, response.data
    assert response.data["evidence_name"] == "bien-ban.pdf"
    assert response.data["period_due"] == due.isoformat()
    assert response.data["confirmed"] is False and "evidence" not in response.data

    record = api(province.other_staff).get(f"/api/v1/adoptions/{adoption.pk}/").data
    assert record["due_date"] == (due + relativedelta(months=6)).isoformat()
    assert [r["period_due"] for r in record["reports"]] == [due.isoformat()]


def test_the_api_refuses_evidence_of_the_wrong_type(rollout, province, api):
    _initiative, adoption = rollout
    response = api(province.other_staff).post(
        f"/api/v1/adoptions/{adoption.pk}/reports/",
        {**report(), "evidence": evidence("anh.png", b"GIF89a not a png")},
        format="multipart",
    )
    assert response.status_code == 400 and "anh.png" in " ".join(response.data["evidence"])
    assert not AdoptionReport.objects.exists()


def test_the_api_refuses_evidence_too_large(rollout, province, api, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    _initiative, adoption = rollout
    response = api(province.other_staff).post(
        f"/api/v1/adoptions/{adoption.pk}/reports/",
        {**report(), "evidence": evidence()},
        format="multipart",
    )
    assert response.status_code == 413
    assert not AdoptionReport.objects.exists()


def test_extra_reports_do_not_push_the_deadline_away(at_state, province):
    from adoption.services import report_add

    initiative = at_state("rollout")
    adoption = initiative.adoptions.get(agency=province.phoyen)
    first_due = adoption.due_date
    for n in range(3):
        report_add(
            adoption=adoption,
            actor=province.other_staff,
            data={"period": f"Đợt {n}", "result_summary": "Kết quả"},
        )
    adoption.refresh_from_db()
    # The first report answers the current period; the others are extra, filed early.
    from dateutil.relativedelta import relativedelta

    assert adoption.due_date == first_due + relativedelta(months=adoption.report_every_months)
    periods = list(adoption.reports.order_by("id").values_list("period_due", flat=True))
    assert periods == [first_due, None, None]
