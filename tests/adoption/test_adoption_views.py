"""The adopting agency's pages: its records, one record's status and reports, the head's
confirmation, evidence downloads; another agency sees none of it and changes nothing."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adoption import services
from adoption.models import Adoption, AdoptionReport
from initiatives.models import Initiative, Status
from tests.conftest import make_draft, make_user
from tests.unchanged import nothing_changes
from workflow import services as workflow_services

pytestmark = pytest.mark.django_db
A = Adoption.Status
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
LIST = reverse("adoption:my_adoptions")
REPORT = {"period": "6 tháng đầu năm 2026", "result_summary": "Giảm thời gian xử lý."}


def english(client, user):
    """Pages in English: the Vietnamese catalogue of new messages is filled in later."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def detail(adoption):
    return reverse("adoption:adoption_detail", args=[adoption.pk])


def action(name, adoption, *args):
    return reverse(f"adoption:adoption_{name}", args=[adoption.pk, *args])


@pytest.fixture
def head(province):
    return make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))


@pytest.fixture
def rollout(at_state, province):
    initiative = at_state("rollout")
    return initiative, initiative.adoptions.get(agency=province.phoyen)


@pytest.fixture
def adoption(rollout):
    return rollout[1]


# --- The list --------------------------------------------------------------------------------


def test_the_list_shows_the_agency_s_own_records(client, rollout, province):
    initiative, mine = rollout
    services.report_add(adoption=mine, actor=province.other_staff, data=REPORT)
    mine.refresh_from_db()
    response = english(client, province.other_staff).get(LIST)
    assert response.status_code == 200
    assert [a.pk for a in response.context["adoptions"]] == [mine.pk]
    row = response.context["adoptions"][0]
    assert (row.report_count, row.next_due) == (1, mine.due_date)
    page = response.content.decode()
    assert reverse("workflow:detail", args=[initiative.pk]) in page
    assert detail(mine) in page
    assert initiative.code in page and "Mandated by the province" in page and "Assigned" in page
    assert mine.due_date.strftime("%d/%m/%Y") in page
    assert date.today().strftime("%d/%m/%Y") in page  # last report
    assert "days left" in page  # the deadline badge, in words


def test_the_list_filters_by_status(client, rollout, province):
    _initiative, mine = rollout
    services.adoption_update(
        adoption=mine, actor=province.other_staff, data={"status": A.IN_PROGRESS}
    )
    client = english(client, province.other_staff)
    assert len(client.get(LIST, {"status": "in_progress"}).context["adoptions"]) == 1
    assert len(client.get(LIST, {"status": "assigned"}).context["adoptions"]) == 0
    assert len(client.get(LIST, {"status": "bogus"}).context["adoptions"]) == 1  # ignored


def test_the_list_is_only_for_agency_people(client, province, db):
    assert client.get(LIST).status_code == 302  # to the login page
    response = english(client, province.reviewer).get(LIST)
    assert response.status_code == 403
    assert "staff and heads of agencies" in response.content.decode()


def test_the_list_runs_a_constant_number_of_queries(client, province):
    def grow(n):
        for _ in range(n):
            initiative = make_draft(province)
            code = f"SK-2026-{initiative.pk:04d}"
            Initiative.objects.filter(pk=initiative.pk).update(status=Status.ROLLOUT, code=code)
            adoption = Adoption.objects.create(
                initiative=initiative, agency=province.phoyen, source="mandated",
                due_date=date.today() + timedelta(days=initiative.pk),
            )  # fmt: skip
            AdoptionReport.objects.create(adoption=adoption, period="I", result_summary="x")

    def count():
        client.force_login(province.other_staff)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(queries), len(response.context["adoptions"])

    grow(5)
    small, shown = count()
    assert shown == 5
    grow(35)
    large, shown = count()
    assert shown == 20  # one page
    assert large == small, f"{small} queries for 5 records, {large} for 40"


# --- One record ------------------------------------------------------------------------------


def test_another_agency_gets_404_on_the_page(client, adoption, province):
    dailu = make_user("staff_daitu", "Hà Văn Khải", ("agency_staff", province.dailu))
    for user in (province.staff, province.outsider, dailu):
        client.force_login(user)
        assert client.get(detail(adoption)).status_code == 404
    client.force_login(province.other_staff)
    assert client.get(detail(adoption)).status_code == 200


def test_another_agency_gets_403_on_actions(client, adoption, province):
    """The submitting agency sees the record (dossier page, API) but changes nothing."""
    report = services.report_add(adoption=adoption, actor=province.other_staff, data=REPORT)
    client = english(client, province.head)
    posts = [
        (action("status", adoption), {"status": "in_progress"}),
        (action("report_add", adoption), REPORT),
        (action("report_confirm", adoption, report.pk), {}),
    ]
    with nothing_changes(adoption, adoption.reports.all()):
        for url, data in posts:
            response = client.post(url, data)
            assert response.status_code == 403, url
            assert "Only the adopting agency" in response.content.decode()
        # Unrelated agencies do not even learn the record exists.
        client.force_login(province.outsider)
        response = client.post(action("status", adoption), {"status": "in_progress"})
        assert response.status_code == 404


def test_the_page_shows_the_initiative_the_forms_and_the_history(client, rollout, province):
    initiative, adoption = rollout
    services.report_add(adoption=adoption, actor=province.other_staff, data=REPORT)
    response = english(client, province.other_staff).get(detail(adoption))
    page = response.content.decode()
    assert initiative.title in page and initiative.decision_number in page
    assert reverse("workflow:detail", args=[initiative.pk]) in page
    assert 'id="status-form"' in page and 'id="report-form"' in page
    assert 'enctype="multipart/form-data"' in page
    assert [r.period for r in response.context["reports"]] == [REPORT["period"]]
    assert "Awaiting the head's confirmation" in page
    assert adoption.due_date.strftime("%d/%m/%Y") in page  # the due date the report answered
    assert initiative.confidential_info == "" or initiative.confidential_info not in page


def test_staff_sees_applied_disabled_with_the_reason_and_is_refused(client, adoption, province):
    client = english(client, province.other_staff)
    page = client.get(detail(adoption)).content.decode()
    assert 'id="to-applied" disabled' in page
    assert "Only the head of the agency can confirm that the initiative has been applied." in page
    assert "confirm-report" not in page

    with nothing_changes(adoption):
        response = client.post(action("status", adoption), {"status": "applied"})
    assert response.status_code == 403
    assert "Only the head of the agency" in response.content.decode()


def test_staff_moves_it_in_progress_then_the_head_confirms_applied(
    client, adoption, province, head
):
    client = english(client, province.other_staff)
    started = date.today() - timedelta(days=10)
    response = client.post(
        action("status", adoption), {"status": "in_progress", "started_on": started.isoformat()}
    )
    assert response.status_code == 302 and response.url == detail(adoption)
    assert "The adoption record has been updated." in flashed(response)
    adoption.refresh_from_db()
    assert (adoption.status, adoption.started_on) == (A.IN_PROGRESS, started)

    client = english(client, head)
    page = client.get(detail(adoption)).content.decode()
    assert 'name="status" value="applied"' in page
    assert client.post(action("status", adoption), {"status": "applied"}).status_code == 302
    adoption.refresh_from_db()
    assert (adoption.status, adoption.applied_on) == (A.APPLIED, date.today())


def test_not_applicable_without_a_reason_shows_the_error_next_to_it(client, adoption, province):
    client = english(client, province.other_staff)
    response = client.post(action("status", adoption), {"status": "not_applicable"})
    assert response.status_code == 200
    assert response.context["status_form"].errors["reason"] == [
        "Explain why the initiative does not apply."
    ]
    adoption.refresh_from_db()
    assert adoption.status == A.ASSIGNED

    reason = "Phường chưa triển khai chữ ký số."
    response = client.post(
        action("status", adoption), {"status": "not_applicable", "reason": reason}
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert (adoption.status, adoption.reason) == (A.NOT_APPLICABLE, reason)
    page = client.get(detail(adoption)).content.decode()
    assert 'id="report-form"' not in page and reason in page


def test_a_future_date_is_shown_next_to_its_field(client, adoption, province):
    client = english(client, province.other_staff)
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(
        action("status", adoption), {"status": "in_progress", "started_on": future}
    )
    assert response.context["status_form"].errors["started_on"] == [
        "This date cannot be in the future."
    ]


# --- Reports ---------------------------------------------------------------------------------


def test_a_report_is_filed_and_moves_the_due_date(client, adoption, province):
    due = adoption.due_date
    data = {**REPORT, "processing_days_before": "5", "processing_days_after": "2.5",
            "dossiers_handled": "120", "cost_saved_vnd": "12000000"}  # fmt: skip
    response = english(client, province.other_staff).post(action("report_add", adoption), data)
    assert response.status_code == 302 and response.url == detail(adoption) + "#reports"
    report = adoption.reports.get()
    assert (report.period_due, report.dossiers_handled, report.cost_saved_vnd) == (
        due, 120, 12_000_000,
    )  # fmt: skip
    adoption.refresh_from_db()
    assert adoption.due_date == due + relativedelta(months=6)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(detail(adoption)).content.decode()
    assert "12.000.000 đ" in page and "5 → 2,5" in page


def test_evidence_of_the_wrong_type_is_refused_next_to_the_field(client, adoption, province):
    due = adoption.due_date
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf")
    response = english(client, province.other_staff).post(
        action("report_add", adoption), {**REPORT, "evidence": fake}
    )
    assert response.status_code == 200
    errors = response.context["report_form"].errors["evidence"]
    assert "bao-cao.pdf" in errors[0] and "PDF" in errors[0]
    assert "The report was not filed: correct the fields marked below." in flashed(response)
    adoption.refresh_from_db()
    assert adoption.due_date == due and not AdoptionReport.objects.exists()


def test_evidence_too_large_is_refused_next_to_the_field(client, adoption, province, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    response = english(client, province.other_staff).post(
        action("report_add", adoption),
        {**REPORT, "evidence": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )
    assert response.status_code == 200 and response.context["report_form"].errors["evidence"]
    assert not AdoptionReport.objects.exists()


def test_evidence_is_downloaded_only_by_those_who_see_the_record(client, adoption, province):
    client.force_login(province.other_staff)
    client.post(
        action("report_add", adoption),
        {**REPORT, "evidence": SimpleUploadedFile("biên bản.pdf", PDF)},
    )
    report = adoption.reports.get()
    url = action("report_evidence", adoption, report.pk)
    assert url in client.get(detail(adoption)).content.decode()

    for user in (province.other_staff, province.staff, province.reviewer, province.leader):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user.username
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    dailu = make_user("staff_daitu", "Hà Văn Khải", ("agency_staff", province.dailu))
    for user in (province.outsider, dailu, province.council[0]):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
    client.logout()
    assert client.get(url).status_code == 302


def test_only_the_head_confirms_a_report(client, adoption, province, head):
    report = services.report_add(adoption=adoption, actor=province.other_staff, data=REPORT)
    url = action("report_confirm", adoption, report.pk)
    with nothing_changes(adoption, report):
        response = english(client, province.other_staff).post(url)
    assert response.status_code == 403
    assert "Only the head of the agency can confirm a report." in response.content.decode()

    client = english(client, head)
    assert "confirm-report" in client.get(detail(adoption)).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response.url == detail(adoption) + "#reports"
    report.refresh_from_db()
    assert report.confirmed_by == head
    again = client.post(url)
    assert "This report has already been confirmed." in flashed(again)


def test_the_head_s_report_is_confirmed_at_once(client, adoption, head):
    english(client, head).post(action("report_add", adoption), REPORT)
    assert adoption.reports.get().confirmed_by == head


def test_a_closed_rollout_freezes_the_record(client, rollout, province):
    initiative, adoption = rollout
    workflow_services.initiative_close_rollout(initiative=initiative, actor=province.leader)
    client = english(client, province.other_staff)
    page = client.get(detail(adoption)).content.decode()
    assert 'id="record-frozen"' in page
    assert 'id="status-form"' not in page and 'id="report-form"' not in page
    assert client.get(LIST).context["adoptions"][0].next_due is None  # no longer chased

    response = client.post(action("report_add", adoption), REPORT)
    assert response.status_code == 302
    assert any("recognized or rolling out" in m for m in flashed(response))
    assert not adoption.reports.exists()
