"""Excel exports: each file opens with openpyxl and holds the rows of the page it comes from,
under Vietnamese headers; the build runs as an idempotent Celery task whose progress the job
page polls; only the job's owner sees its page and its file."""

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from kombu.exceptions import OperationalError
from openpyxl import load_workbook

from adoption.models import Adoption, AdoptionReport
from agencies.models import Membership, Role
from common.xlsx import XLSX
from config.celery import app
from exports import registry, services, tasks
from exports.models import ExportJob
from tests.conftest import make_draft, make_user
from workflow.scenarios import advance

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")


@pytest.fixture
def eager():
    """enqueue() runs the task at once, as a worker would."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def run_export(client, eager, django_capture_on_commit_callbacks):
    """run_export(user, kind, query) → (job, workbook): through the button's POST, the job page
    and the download, as the browser does."""

    def run(user, kind, query=None, *, language=None):
        client.force_login(user)
        if language:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("exports:start", args=[kind]), query or {})
        assert response.status_code == 302, response
        job = ExportJob.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))
        assert response.url == reverse("exports:job", args=[job.pk])
        page = client.get(response.url)
        assert job.status == ExportJob.Status.DONE and page.status_code == 200, job.error
        download = client.get(reverse("exports:download", args=[job.pk]))
        assert download.status_code == 200
        assert download["Content-Type"] == XLSX
        assert download["Content-Disposition"].startswith("attachment;")
        return job, load_workbook(io.BytesIO(b"".join(download.streaming_content)))

    return run


def data_rows(sheet):
    return list(sheet.iter_rows(min_row=2, values_only=True))


def header(sheet):
    return [c.value for c in sheet[1]]


def page_rows(client, user, query) -> list[tuple]:
    """(code, title) of every row the dossier list shows for the query, page after page."""
    client.force_login(user)
    rows, number = [], 1
    while True:
        response = client.get(LIST, {**query, "page": number})
        html = response.content.decode()
        for initiative in response.context["initiatives"]:
            assert initiative.title in html
            rows.append((initiative.code, initiative.title))
        if not response.context["page_obj"].has_next():
            return rows
        number += 1


# --- (a) The dossier list -------------------------------------------------------------------


@pytest.fixture
def dossiers(province, at_state):
    """25 drafts of Sở Tư pháp (two pages of the list) and three submitted dossiers."""
    for n in range(25):
        make_draft(
            province,
            title=f"{'Một cửa' if n % 3 == 0 else 'Số hoá'} hồ sơ {n:02d}",
            benefit_amount_vnd=1_500_000 * n or None,
        )
    submitted = [
        at_state("department_review", title="Một cửa liên thông điện tử"),
        at_state("council_review", title="Chữ ký số cho cán bộ cấp xã"),
        advance(
            make_draft(province, title="Sổ tay thủ tục", agency=province.phoyen),
            "department_review",
            province.cast(agency_user=province.other_staff),
        ),
    ]
    return submitted


QUERIES = [
    {},
    {"sort": "title"},
    {"q": "mot cua", "sort": "-code"},
    {"status": "draft", "sort": "status"},
    {"status": "department_review", "sort": "-title"},
    {"sort": "code", "year": "1999"},  # an invalid value is ignored, as the page does
]


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) or "all" for q in QUERIES])
def test_dossier_export_holds_the_rows_of_the_page(client, province, dossiers, run_export, query):
    expected = page_rows(client, province.staff, query)
    assert len(expected) > 0
    _job, workbook = run_export(province.staff, "initiatives", query)
    rows = data_rows(workbook.active)
    assert [(code or None, title) for code, title, *_rest in rows] == expected


def test_reviewer_export_with_agency_filter(client, province, dossiers, run_export):
    query = {"agency": str(province.stp.pk), "sort": "title"}
    expected = page_rows(client, province.reviewer, query)
    assert [title for _code, title in expected] == [
        "Chữ ký số cho cán bộ cấp xã",
        "Một cửa liên thông điện tử",
    ]  # drafts are the agency's own: reviewers never see them, on the page or in the file
    _job, workbook = run_export(province.reviewer, "initiatives", query)
    assert [(code, title) for code, title, *_rest in data_rows(workbook.active)] == expected


def test_headers_are_vietnamese_and_cells_are_typed(province, dossiers, run_export):
    job, workbook = run_export(province.staff, "initiatives", {"sort": "title"})
    sheet = workbook.active
    assert sheet.title == "Hồ sơ"
    assert header(sheet) == [
        "Mã hồ sơ",
        "Tên sáng kiến",
        "Cơ quan, đơn vị",
        "Lĩnh vực",
        "Đợt xét (năm)",
        "Trạng thái",
        "Thời hạn",
        "Thời gian nộp",
        "Số quyết định",
        "Ngày quyết định",
        "Người ký",
        "Tiền làm lợi (đồng)",
        "Cập nhật",
    ]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    assert sheet.column_dimensions["B"].width == 60
    assert sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    first = {c.column_letter: c for c in sheet[2]}  # "Chữ ký số …", in council review
    assert first["B"].value == "Chữ ký số cho cán bộ cấp xã"
    assert first["C"].value == "Sở Tư pháp"
    assert first["F"].value == "Hội đồng sáng kiến đánh giá"
    assert isinstance(first["H"].value, datetime) and first["H"].number_format == "dd/mm/yyyy"
    assert first["H"].value.date() == date.today()
    assert isinstance(first["M"].value, datetime) and first["M"].number_format == "dd/mm/yyyy"
    money = next(row for row in sheet.iter_rows(min_row=2) if row[11].value)
    assert isinstance(money[11].value, int) and money[11].number_format == "#,##0"
    assert job.file.name.startswith("exports/ho-so-") and job.file.name.endswith(".xlsx")


def test_the_signer_follows_the_decision(province, at_state, run_export):
    at_state("recognized", title="Một cửa liên thông điện tử")
    _job, workbook = run_export(province.leader, "initiatives", {})
    row = {c.column_letter: c.value for c in workbook.active[2]}
    assert row["I"].endswith("/QĐ-UBND")
    assert row["K"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Ngô Thanh Sơn"


def test_headers_follow_the_language_of_the_request(province, dossiers, run_export):
    _job, workbook = run_export(province.staff, "initiatives", language="en")
    assert header(workbook.active)[:3] == ["Code", "Title", "Agency"]
    assert workbook.active.title == "Dossiers"


def test_text_never_becomes_a_formula(province, run_export):
    make_draft(province, title='=HYPERLINK("http://evil.example","x")\x07')
    _job, workbook = run_export(province.staff, "initiatives")
    title = workbook.active["B2"]
    assert title.data_type == "s" and title.value == '=HYPERLINK("http://evil.example","x")'


def test_the_list_posts_its_filters_to_the_export(client, province, dossiers):
    client.force_login(province.staff)
    html = client.get(LIST, {"q": "một cửa", "sort": "title", "page": "2"}).content.decode()
    form = re.search(r'<form method="post" action="/exports/initiatives/".*?</form>', html, re.S)
    assert form, "the Export to Excel button is on the list"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[0]))
    assert fields.pop("csrfmiddlewaretoken")
    assert fields == {"q": "một cửa", "sort": "title"}  # the page number is not a filter


# --- (b) The adoption matrix ----------------------------------------------------------------


@pytest.fixture
def rollouts(province, at_state):
    """Two initiatives in rollout at Phổ Yên and Đại Từ; Sông Công joins the first one."""
    first = at_state("rollout", title="Một cửa liên thông")
    second = at_state("rollout", title="Chữ ký số")
    at_state("recognized", title="Chưa nhân rộng")  # recognized only: not in the matrix
    first.adoptions.filter(agency=province.phoyen).update(status=Adoption.Status.APPLIED)
    first.adoptions.filter(agency=province.dailu).update(status=Adoption.Status.IN_PROGRESS)
    second.adoptions.filter(agency=province.dailu).update(status=Adoption.Status.NOT_APPLICABLE)
    Adoption.objects.create(
        initiative=first,
        agency=province.songcong,
        source=Adoption.Source.VOLUNTARY,
        status=Adoption.Status.APPLIED,
    )
    return first, second


def test_adoption_matrix(province, rollouts, run_export):
    first, second = sorted(rollouts, key=lambda i: i.code)
    _job, workbook = run_export(province.leader, "adoption_matrix")
    sheet = workbook.worksheets[0]
    assert header(sheet) == ["Cơ quan, đơn vị", first.code, second.code]
    assert sheet.freeze_panes == "B2"
    expected = {
        province.phoyen.name: {first: "Đã áp dụng", second: "Được giao"},
        province.songcong.name: {first: "Đã áp dụng", second: None},
        province.dailu.name: {first: "Đang triển khai", second: "Không áp dụng được"},
    }
    rows = data_rows(sheet)
    agencies, summary = rows[:3], rows[3:]
    assert [row[0] for row in agencies] == sorted(expected)  # agencies by name
    for name, *cells in agencies:
        assert cells == [expected[name][first], expected[name][second]]
    targeted, applied, coverage = summary
    assert targeted[1:] == (3, 2) and applied[1:] == (2, 0)
    assert coverage[1] == pytest.approx(2 / 3) and coverage[2] == 0
    assert sheet.cell(row=sheet.max_row, column=2).number_format == "0%"
    legend = workbook.worksheets[1]
    assert [row[:2] for row in data_rows(legend)] == [
        (first.code, first.title),
        (second.code, second.title),
    ]


def test_the_file_and_the_dashboard_show_one_matrix(province, rollouts, run_export):
    """Both come from adoption.dashboard.matrix.matrix_cells: same rows, columns and states."""
    from adoption.dashboard.matrix import matrix

    columns, _rows, table = matrix(columns=100, rows=100)
    with translation.override("vi"):
        labels = {value: str(text) for value, text in Adoption.Status.choices}
    on_page = [
        [agency.name, *(labels[cell.status] if cell else None for cell in cells)]
        for agency, cells in table
    ]
    _job, workbook = run_export(province.leader, "adoption_matrix", language="vi")
    sheet = workbook.worksheets[0]
    assert header(sheet)[1:] == [initiative.code for initiative in columns.object_list]
    assert [list(row) for row in data_rows(sheet)[: len(on_page)]] == on_page


@pytest.mark.parametrize("kind", ["adoption_matrix", "reports"])
def test_restricted_exports_are_refused(client, province, kind):
    outsider = make_user("council_only", "Lý Văn Tài", (Role.COUNCIL_MEMBER, province.snv))
    refused = [outsider] if kind == "reports" else [outsider, province.staff]
    for user in refused:
        client.force_login(user)
        response = client.post(reverse("exports:start", args=[kind]))
        assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_a_role_lost_before_the_build_fails_the_job(client, province, rollouts):
    job = ExportJob.objects.create(user=province.leader, kind="adoption_matrix")
    Membership.objects.filter(user=province.leader).delete()
    assert tasks.build_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.error and not job.file


# --- (c) The adoption reports ---------------------------------------------------------------


@pytest.fixture
def reports(province, rollouts):
    first, second = rollouts
    phoyen = first.adoptions.get(agency=province.phoyen)
    dailu = first.adoptions.get(agency=province.dailu)
    made = [
        AdoptionReport.objects.create(
            adoption=phoyen,
            period="6 tháng đầu năm 2026",
            result_summary="Giảm một nửa thời gian chờ.",
            processing_days_before=Decimal("5.0"),
            processing_days_after=Decimal("2.5"),
            dossiers_handled=1234,
            cost_saved_vnd=12_500_000,
            period_due=date(2026, 6, 30),
            confirmed_by=province.leader,
        ),
        AdoptionReport.objects.create(
            adoption=dailu, period="Quý I/2026", result_summary="Đang triển khai."
        ),
        AdoptionReport.objects.create(
            adoption=second.adoptions.get(agency=province.phoyen),
            period="Năm 2026",
            result_summary="Đã áp dụng tại bộ phận một cửa.",
        ),
    ]
    return made


def posted_export(client, user, page_url) -> ExportJob:
    """Press the page's Excel button as the browser would: post the form's fields."""
    client.force_login(user)
    html = client.get(page_url).content.decode()
    form = re.search(r'<form method="post" action="(/exports/[^"]+/)".*?</form>', html, re.S)
    assert form, f"an Excel button on {page_url}"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[0]))
    response = client.post(form[1], fields)
    assert response.status_code == 302
    return ExportJob.objects.filter(user=user).latest("pk")


def test_the_dashboard_matrix_offers_its_excel_file(client, province, rollouts, eager):
    job = posted_export(client, province.leader, reverse("adoption:dashboard_matrix"))
    assert job.kind == "adoption_matrix"


def test_an_initiative_dashboard_exports_that_initiatives_reports(
    client, province, reports, rollouts, eager
):
    first, _second = rollouts
    page = reverse("adoption:dashboard_initiative", args=[first.pk])
    job = posted_export(client, province.leader, page)
    assert (job.kind, job.params["query"]) == ("reports", {"initiative": str(first.pk)})


def test_the_button_writes_ids_as_digits_in_every_language(rf):
    """In Vietnamese 1232 is written "1.232": a hidden id must not be (CI caught it)."""
    request = rf.get("/")
    request.user = AnonymousUser()
    for language in ("vi", "en"):
        with translation.override(language):
            html = render_to_string(
                "exports/export_button.html",
                {"kind": "reports", "label": "Excel", "fixed": {"initiative": 1232}},
                request=request,
            )
        assert 'name="initiative" value="1232"' in html


def test_an_agency_exports_its_reports_from_its_adoption_records(client, province, reports):
    job = posted_export(client, province.staff, reverse("adoption:my_adoptions"))
    assert job.kind == "reports"


def test_reviewers_export_every_report(province, reports, run_export):
    _job, workbook = run_export(province.reviewer, "reports")
    sheet = workbook.active
    assert header(sheet)[:4] == ["Mã hồ sơ", "Sáng kiến", "Cơ quan, đơn vị", "Kỳ báo cáo"]
    expected = sorted(
        reports,
        key=lambda r: (r.adoption.initiative.code, r.adoption.agency.name, r.created_at, r.pk),
    )
    rows = data_rows(sheet)
    assert [(row[0], row[2], row[3]) for row in rows] == [
        (r.adoption.initiative.code, r.adoption.agency.name, r.period) for r in expected
    ]
    full = next(row for row in sheet.iter_rows(min_row=2) if row[3].value.startswith("6 tháng"))
    values = [c.value for c in full]
    assert values[4] == datetime(2026, 6, 30) and full[4].number_format == "dd/mm/yyyy"
    assert values[6:10] == [5, 2.5, 1234, 12_500_000]
    assert full[9].number_format == "#,##0" and full[6].number_format == "#,##0.0"
    assert values[10] == "Có"
    assert isinstance(values[11], datetime)


def test_an_agency_exports_only_its_own_reports(province, reports, run_export):
    _job, workbook = run_export(province.other_staff, "reports")  # Phổ Yên
    rows = data_rows(workbook.active)
    assert len(rows) == 2 and {row[2] for row in rows} == {province.phoyen.name}
    _job, workbook = run_export(province.outsider, "reports")  # Sông Công filed none
    assert data_rows(workbook.active) == []


def test_reports_follow_the_initiative_filter(province, reports, rollouts, run_export):
    first, _second = rollouts
    query = {"initiative": str(first.pk), "page": "3"}
    _job, workbook = run_export(province.leader, "reports", query)
    assert {row[0] for row in data_rows(workbook.active)} == {first.code}
    assert len(data_rows(workbook.active)) == 2


# --- The job: progress, failure, idempotency, ownership -------------------------------------


def test_progress_goes_from_0_to_100(province, dossiers, monkeypatch):
    seen = []
    store = services.set_progress

    def recording(job_id, percent):
        store(job_id, percent)
        seen.append(ExportJob.objects.get(pk=job_id).progress)

    monkeypatch.setattr(services, "PROGRESS_EVERY", 5)
    monkeypatch.setattr(services, "set_progress", recording)
    job = ExportJob.objects.create(user=province.staff, kind="initiatives", params={})
    assert (job.status, job.progress) == (ExportJob.Status.PENDING, 0)
    assert tasks.build_export(job.pk) == "done"
    job.refresh_from_db()
    # Every 5 of the 27 rows Sở Tư pháp sees (its 25 drafts, its 2 submitted dossiers).
    assert seen == [18, 37, 55, 74, 92]
    assert (job.status, job.progress) == (ExportJob.Status.DONE, 100)
    assert job.finished_at and job.file and not job.error
    assert len(data_rows(load_workbook(job.file.path).active)) == 27


def test_job_page_polls_until_done(client, province):
    job = ExportJob.objects.create(
        user=province.staff, kind="initiatives", status=ExportJob.Status.RUNNING, progress=42
    )
    url = reverse("exports:job", args=[job.pk])
    client.force_login(province.staff)
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and f'hx-get="{url}"' in page
    assert 'role="progressbar"' in page and 'aria-valuenow="42"' in page and "42 %" in page
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith("<section") and "<html" not in partial
    assert 'aria-valuenow="42"' in partial and 'hx-trigger="every 1s"' in partial

    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.PENDING)
    assert tasks.build_export(job.pk) == "done"
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial  # polling stops
    assert 'aria-valuenow="100"' in partial and "100 %" in partial
    assert reverse("exports:download", args=[job.pk]) in partial


def test_a_failing_build_ends_failed_with_its_error_shown(client, province, monkeypatch):
    def broken(user, query, progress_for):
        raise RuntimeError("disk full")

    builder = registry.builder("initiatives")
    monkeypatch.setitem(registry._builders, "initiatives", replace(builder, build=broken))
    job = ExportJob.objects.create(user=province.staff, kind="initiatives")
    assert tasks.build_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.finished_at and not job.file
    # The cause goes to the log; the owner reads a plain message.
    assert "disk full" not in job.error and job.error
    client.force_login(province.staff)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert 'role="alert"' in page and job.error in page and "hx-trigger" not in page
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 404


def test_building_twice_does_nothing_more(province, dossiers):
    job = ExportJob.objects.create(user=province.staff, kind="initiatives")
    assert tasks.build_export(job.pk) == "done"
    job.refresh_from_db()
    first = (job.file.name, job.finished_at, job.progress)
    assert tasks.build_export(job.pk) == "skipped"
    assert tasks.build_export(job.pk) == "skipped"
    job.refresh_from_db()
    assert (job.file.name, job.finished_at, job.progress) == first
    assert len(list((settings.MEDIA_ROOT / "exports").iterdir())) == 1
    running = ExportJob.objects.create(
        user=province.staff, kind="initiatives", status=ExportJob.Status.RUNNING, progress=30
    )
    assert tasks.build_export(running.pk) == "skipped"  # another worker holds it
    running.refresh_from_db()
    assert (running.status, running.progress) == (ExportJob.Status.RUNNING, 30)
    assert tasks.build_export(999_999) == "skipped"


def test_without_a_broker_the_request_builds_the_file(
    client, province, dossiers, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_export, "delay", unreachable)
    client.force_login(province.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=["initiatives"]))
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:job", args=[job.pk])
    assert job.status == ExportJob.Status.DONE and job.file


def test_only_the_owner_sees_a_job_and_its_file(client, province, dossiers):
    job = ExportJob.objects.create(user=province.staff, kind="initiatives")
    tasks.build_export(job.pk)
    urls = [
        reverse("exports:job", args=[job.pk]),
        reverse("exports:download", args=[job.pk]),
    ]
    for other in (province.head, province.reviewer, province.leader):
        client.force_login(other)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.logout()
    for url in urls:
        assert client.get(url).url.startswith(reverse("login"))
    client.force_login(province.staff)
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_start_takes_a_post_and_a_known_kind(client, province):
    client.force_login(province.staff)
    assert client.get(reverse("exports:start", args=["initiatives"])).status_code == 405
    assert client.post(reverse("exports:start", args=["salaries"])).status_code == 404
    client.logout()
    response = client.post(reverse("exports:start", args=["initiatives"]))
    assert response.status_code == 302 and not ExportJob.objects.exists()


def test_the_download_is_named_after_the_export(client, province, dossiers):
    job = ExportJob.objects.create(
        user=province.staff, kind="initiatives", params={"language": "vi"}
    )
    tasks.build_export(job.pk)
    client.force_login(province.staff)
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert re.search(r'filename="ho-so-\d{8}-\d{4}\.xlsx"', response["Content-Disposition"])


# --- In a real browser ----------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_job_page_follows_the_worker_in_a_browser(new_page, province, monkeypatch):
    """Export from the list, watch htmx follow the job the worker builds, download the file."""
    from tests.browser import screenshot

    for n in range(3):
        make_draft(province, title=f"Một cửa số {n}")
    make_draft(province, title="Chữ ký số")
    queued = []
    monkeypatch.setattr(tasks.build_export, "delay", queued.append)  # the worker waits
    page = new_page(province.staff)
    page.goto(f"{LIST}?q=mot+cua&sort=-title")
    page.locator("form.export-form button").click()
    page.wait_for_url(re.compile(r"/exports/jobs/\d+/$"))
    job = ExportJob.objects.get()
    assert queued == [job.pk] and job.params["query"] == {"q": "mot cua", "sort": "-title"}
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "0"

    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=42)
    page.wait_for_selector('[role="progressbar"][aria-valuenow="42"]')
    assert "42 %" in bar.inner_text()
    screenshot(page, "50-export-progress")

    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.PENDING)
    assert tasks.build_export(job.pk) == "done"  # the worker's turn
    link = page.locator("#export-download")
    link.wait_for()
    assert bar.get_attribute("aria-valuenow") == "100"
    screenshot(page, "51-export-ready")
    with page.expect_download() as download:
        link.click()
    assert re.fullmatch(r"ho-so-\d{8}-\d{4}\.xlsx", download.value.suggested_filename)
    with open(download.value.path(), "rb") as handle:
        workbook = load_workbook(handle)
    assert [row[1] for row in data_rows(workbook.active)] == [
        "Một cửa số 2",
        "Một cửa số 1",
        "Một cửa số 0",
    ]
    assert not page.js_errors
