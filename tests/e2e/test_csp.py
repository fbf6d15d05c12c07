"""The Content-Security-Policy in a real browser: the main pages of each role, the admin, Swagger
UI and the dashboard load without a single violation ("Refused to …"), and what depends on
scripts still works — the live contribution total, an htmx upload, the export progress that
polls, the chart, the Swagger operations list, the admin's autocomplete."""

import math
import re

import pytest
from playwright.sync_api import expect

from adoption.models import Adoption
from agencies.models import User
from exports.models import ExportJob
from initiatives.models import Initiative
from tests.browser import screenshot
from workflow.permissions import transition_label

from .helpers import PDF, days_from_now, dossier_url, vi_lazy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Runs in every document before its own scripts: each violation the browser reports.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.documentURI}:${event.lineNumber}`);
});
"""


@pytest.fixture
def strict_page(new_page):
    """strict_page(user) → a page that records CSP violations in page.violations, both the
    securitypolicyviolation events and Chromium's console messages about them."""

    def build(user=None, **kwargs):
        page = new_page(user, **kwargs)
        page.violations = []
        page.context.expose_binding(
            "__cspViolation", lambda source, text: page.violations.append(text)
        )
        page.context.add_init_script(LISTEN)
        page.on("console", lambda message: _record_console(page, message))
        return page

    return build


def _record_console(page, message):
    text = message.text
    if "Content Security Policy" in text or text.startswith("Refused to"):
        page.violations.append(f"console: {text}")


def visit(page, path, name=None):
    """Open a page; it must load and report no violation and no script error."""
    response = page.goto(path)
    assert response.status < 400 or response.status == 404, (path, response.status)
    page.wait_for_load_state("networkidle")
    assert_clean(page, path)
    if name:
        screenshot(page, f"csp-{name}")


def assert_clean(page, where):
    assert not page.violations, f"{where}: {page.violations}"
    assert not page.js_errors, f"{where}: {page.js_errors}"


def width_ratio(locator) -> float:
    """The bar's width over its track's. An htmx poll may swap the bar out between Playwright
    finding it and measuring it (a detached bar measures 0 / 0): measure the new one then."""
    for _attempt in range(20):
        ratio = locator.evaluate(
            "bar => bar.getBoundingClientRect().width"
            " / bar.parentElement.getBoundingClientRect().width"
        )
        if not math.isnan(ratio):
            return ratio
        locator.page.wait_for_timeout(50)
    return ratio


# --- The agency: drafting with its scripts, htmx upload, inbox, export progress ---------------


def test_agency_pages_run_their_scripts_under_the_policy(strict_page, province, tmp_path):
    page = strict_page(province.staff)
    for path in ("/", "/initiatives/", "/adoptions/", "/registry/", "/notifications/"):
        visit(page, path)
    visit(page, "/notifications/settings/")
    visit(page, "/accounts/password/")
    visit(page, "/no-such-page/")  # the 404 page

    visit(page, "/initiatives/new/", "dossier-form")
    total = page.locator("[data-contribution-total]")
    page.locator('[name="title"]').fill("Một cửa điện tử cho chứng thực bản sao")
    page.locator('[name="authors-0-full_name"]').fill("Nguyễn Thị Lan")
    page.locator('[name="authors-0-contribution_percent"]').fill("60")
    expect(total).to_contain_text("60%")
    page.locator('[data-formset="authors"] [data-formset-add]').click()  # dossier_form.js
    page.locator('[name="authors-1-full_name"]').fill("Trần Văn Hùng")
    page.locator('[name="authors-1-contribution_percent"]').fill("40")
    expect(total).to_contain_text("100%")  # the live total, computed by the static script
    expect(total).to_have_class(re.compile("text-success"))
    page.locator('#dossier-form button[name="next"][value=""]').click()  # save the draft
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    assert_clean(page, "saved draft")
    initiative = Initiative.objects.get()

    visit(page, f"/initiatives/{initiative.pk}/edit/")
    upload = tmp_path / "mo-ta.pdf"
    upload.write_bytes(PDF)
    page.locator('#attachment-upload [name="file"]').set_input_files(str(upload))
    page.locator('#attachment-upload [name="kind"]').select_option("mo_ta")
    page.locator("#attachment-upload [type=submit]").click()  # htmx swaps the list in
    expect(page.locator("#attachment-list").get_by_role("link", name="mo-ta.pdf")).to_be_visible()
    assert page.url.endswith(f"/initiatives/{initiative.pk}/edit/")  # no full page load
    assert_clean(page, "htmx upload")

    visit(page, f"/initiatives/{initiative.pk}/preview/")
    visit(page, f"/initiatives/{initiative.pk}/print/", "print")
    expect(page.locator("#print-button")).to_be_visible()  # shown by its static script
    visit(page, f"/initiatives/{initiative.pk}/transitions/submit/", "submit-confirmation")
    visit(page, f"/initiatives/{initiative.pk}/transitions/withdraw/")
    page.locator("#confirm-button").click()  # a confirmation form posts and redirects
    page.wait_for_url(dossier_url(initiative.pk))
    expect(page.locator(".alert-success")).to_be_visible()
    assert_clean(page, "dossier page after a transition")

    # The export page polls its progress with htmx; the bar's width is a class, not a style.
    job = ExportJob.objects.create(
        user=province.staff, kind="initiatives", status=ExportJob.Status.RUNNING, progress=40
    )
    visit(page, f"/exports/jobs/{job.pk}/", "export-running")
    bar = page.locator("#export-job-bar")
    expect(bar).to_have_text("40 %")
    assert 0.35 < width_ratio(bar) < 0.45
    ExportJob.objects.filter(pk=job.pk).update(progress=75)
    expect(bar).to_have_text("75 %")  # the next poll swapped the new state in
    expect(bar).to_have_class(re.compile(r"\bw-pct-75\b"))
    page.wait_for_timeout(800)  # the bar's own width transition
    assert 0.7 < width_ratio(bar) < 0.8
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error="Hết giờ")
    expect(page.locator("#export-error")).to_have_text("Hết giờ")
    assert_clean(page, "export polling")


# --- Reviewer, council, leader: queues, confirmations, score sheet, dashboard -----------------


def test_reviewer_council_and_leader_pages_obey_the_policy(strict_page, province, at_state):
    in_review = at_state("department_review")
    scoring = at_state("council_review", title="Chữ ký số cho cán bộ cấp xã")
    awaiting = at_state("awaiting_decision", title="Sổ tay thủ tục hành chính")
    rolled_out = at_state("rollout", title="Tiếp nhận hồ sơ đất đai trực tuyến")
    Adoption.objects.filter(initiative=rolled_out, agency=province.phoyen).update(
        status=Adoption.Status.APPLIED, started_on=days_from_now(-20), applied_on=days_from_now(-5)
    )

    reviewer = strict_page(province.reviewer)
    visit(reviewer, "/review/", "review-queue")
    visit(reviewer, f"/initiatives/{in_review.pk}/", "reviewer-dossier")
    visit(reviewer, f"/initiatives/{in_review.pk}/transitions/accept/", "accept-confirmation")
    visit(reviewer, f"/initiatives/{in_review.pk}/transitions/request_revision/")
    visit(reviewer, f"/initiatives/{scoring.pk}/")

    member = strict_page(province.council[0])
    visit(member, "/council/")
    visit(member, f"/initiatives/{scoring.pk}/scoresheet/", "scoresheet")

    leader = strict_page(province.leader)
    visit(leader, "/decisions/", "decisions")
    visit(leader, f"/initiatives/{awaiting.pk}/transitions/recognize/")
    visit(leader, f"/initiatives/{rolled_out.pk}/")
    visit(leader, "/dashboard/", "dashboard")
    canvas = leader.locator("#progress-chart")
    expect(canvas).to_have_attribute("data-rendered", "true")  # Chart.js drew it
    assert canvas.bounding_box()["height"] > 100
    # One of the two targeted communes applied it: its kind's coverage bar is half full.
    coverage = leader.locator('#by-kind tr[data-kind="commune"] .progress-bar')
    assert 0.45 < width_ratio(coverage) < 0.55
    for path in ("/dashboard/initiatives/", "/dashboard/matrix/", "/dashboard/adoptions/"):
        visit(leader, path)
    visit(leader, f"/dashboard/initiatives/{rolled_out.pk}/")
    assert_clean(leader, "dashboard pages")
    visit(leader, "/registry/")
    visit(leader, f"/registry/{rolled_out.pk}/")


# --- Login, the admin and Swagger UI -------------------------------------------------------------


def test_login_admin_and_swagger_ui_obey_the_policy(strict_page, province, at_state):
    dossier = at_state("department_review")
    User.objects.create_superuser(
        "root", "root@example.vn", "pw-for-tests-123", full_name="Quản trị"
    )

    page = strict_page()
    visit(page, "/accounts/login/", "login")
    page.get_by_label("Tên đăng nhập").fill("root")
    page.get_by_label("Mật khẩu").fill("pw-for-tests-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")
    assert_clean(page, "after login")
    page.get_by_role("button", name="English").click()  # the language form
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert_clean(page, "language switch")

    visit(page, "/admin/", "admin")
    visit(page, "/admin/initiatives/initiative/")
    visit(page, f"/admin/initiatives/initiative/{dossier.pk}/change/", "admin-change")
    page.locator(".object-tools a", has_text=vi_lazy(transition_label("request_revision"))).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#content-main form")).to_be_visible()
    assert_clean(page, "admin transition page")
    visit(page, "/admin/agencies/membership/add/")
    page.locator(".field-agency .select2-selection").click()  # the admin's autocomplete
    expect(page.locator(".select2-results__option", has_text=province.skhcn.name)).to_be_visible()
    page.keyboard.press("Escape")
    assert_clean(page, "admin autocomplete")

    visit(page, "/api/v1/docs/", "swagger")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 10
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/initiatives/").first
    ).to_be_visible()
    assert_clean(page, "swagger ui")
