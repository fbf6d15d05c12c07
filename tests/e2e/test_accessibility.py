"""Accessibility in a real browser: axe-core (vendored in static/vendor/axe-core) checks every
main page of every role against the WCAG 2.0/2.1 A and AA rules; none may be violated.

axe is injected as an init script (run by the browser itself, before the page's own scripts),
so the page keeps its strict Content-Security-Policy while it is checked.
"""

from pathlib import Path

import pytest

from adoption.models import Adoption
from agencies.models import User
from tests.browser import screenshot

from .helpers import days_from_now

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations"],
}).then(results => results.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
})))"""


@pytest.fixture
def dossiers(province, at_state):
    """One dossier in each stage a role works on, and an adoption under way at Phổ Yên."""
    rolled_out = at_state("rollout", title="Tiếp nhận hồ sơ đất đai trực tuyến")
    Adoption.objects.filter(initiative=rolled_out, agency=province.phoyen).update(
        status=Adoption.Status.APPLIED, started_on=days_from_now(-20), applied_on=days_from_now(-5)
    )
    return {
        "draft": at_state("draft", title="Sổ tay thủ tục hành chính điện tử"),
        "review": at_state("department_review"),
        "refused": at_state("refused", title="Tra cứu lý lịch tư pháp qua tin nhắn"),
        "appeal": at_state("appeal_review", title="Khiếu nại việc từ chối chấp nhận đơn"),
        "scoring": at_state("council_review", title="Chữ ký số cho cán bộ cấp xã"),
        "awaiting": at_state("awaiting_decision", title="Một cửa liên thông cấp xã"),
        "rollout": rolled_out,
        "adoption": Adoption.objects.get(initiative=rolled_out, agency=province.phoyen),
    }


@pytest.fixture
def audit(new_page):
    """audit(user, paths) → the violations found on each page, as readable lines."""

    def run(user, paths, *, name):
        page = new_page(user)
        page.context.add_init_script(path=str(AXE))
        report = []
        for path in paths:
            response = page.goto(path)
            assert response.status < 400, (name, path, response.status)
            page.wait_for_load_state("networkidle")
            violations = page.evaluate(RUN_AXE, WCAG_TAGS)
            if violations:
                screenshot(page, f"a11y-{name}-{path.strip('/').replace('/', '-') or 'home'}")
            report.extend(_describe(name, path, violation) for violation in violations)
        return report

    return run


def _describe(name, path, violation):
    nodes = "\n".join(f"      {n['target']}: {n['summary']}" for n in violation["nodes"][:10])
    more = len(violation["nodes"]) - 10
    tail = f"\n      … and {more} more" if more > 0 else ""
    return (
        f"[{name}] {path}: {violation['id']} ({violation['impact']}) {violation['help']}, "
        f"{len(violation['nodes'])} element(s)\n{nodes}{tail}"
    )


def assert_accessible(report):
    assert not report, "WCAG 2 A/AA violations found by axe-core:\n" + "\n".join(report)


def test_login_page_is_accessible(audit):
    assert_accessible(audit(None, ["/accounts/login/"], name="anonymous"))


def test_agency_pages_are_accessible(audit, province, dossiers):
    draft, review = dossiers["draft"], dossiers["review"]
    common = ["/", "/notifications/", "/notifications/settings/", "/accounts/profile/"]
    staff_pages = [
        *common,
        "/initiatives/",
        "/initiatives/new/",
        f"/initiatives/{draft.pk}/",
        f"/initiatives/{draft.pk}/edit/",
        f"/initiatives/{review.pk}/",
        "/registry/",
        f"/registry/{dossiers['rollout'].pk}/",
    ]
    refused = dossiers["refused"]
    head_pages = [
        *common,
        "/initiatives/",
        f"/initiatives/{review.pk}/",
        f"/initiatives/{refused.pk}/",  # until when it may be appealed, the letter upload
        f"/initiatives/{refused.pk}/transitions/appeal/",
    ]
    adopter_pages = [*common, "/adoptions/", f"/adoptions/{dossiers['adoption'].pk}/"]
    report = audit(province.staff, staff_pages, name="staff")
    report += audit(province.head, head_pages, name="head")
    report += audit(province.other_staff, adopter_pages, name="adopter")
    assert_accessible(report)


def test_reviewer_and_council_pages_are_accessible(audit, province, dossiers):
    review, scoring = dossiers["review"], dossiers["scoring"]
    common = ["/", "/notifications/", "/notifications/settings/", "/accounts/profile/"]
    reviewer_pages = [
        *common,
        "/review/",
        "/initiatives/",
        f"/initiatives/{review.pk}/",
        f"/initiatives/{review.pk}/transitions/accept/",
        f"/initiatives/{scoring.pk}/",
        f"/initiatives/{dossiers['appeal'].pk}/",  # the appeal, "mark as complex"
        f"/initiatives/{dossiers['appeal'].pk}/transitions/resolve_appeal/",
        "/councils/",
    ]
    council_pages = [*common, "/council/", f"/initiatives/{scoring.pk}/scoresheet/"]
    report = audit(province.reviewer, reviewer_pages, name="reviewer")
    report += audit(province.council[0], council_pages, name="council")
    assert_accessible(report)


def test_leader_and_admin_pages_are_accessible(audit, province, dossiers):
    rollout, awaiting = dossiers["rollout"], dossiers["awaiting"]
    leader_pages = [
        "/",
        "/decisions/",
        "/councils/",
        "/councils/new/",
        f"/councils/{province.council_body.pk}/edit/",
        f"/initiatives/{awaiting.pk}/",
        f"/initiatives/{awaiting.pk}/transitions/recognize/",
        "/dashboard/",
        "/dashboard/initiatives/",
        f"/dashboard/initiatives/{rollout.pk}/",
        "/dashboard/matrix/",
        "/dashboard/adoptions/",
        "/registry/",
        f"/registry/{rollout.pk}/",
        "/notifications/",
        "/notifications/settings/",
        "/accounts/profile/",
    ]
    admin = User.objects.create_superuser(
        "root", "root@example.vn", "pw-for-tests-123", full_name="Quản trị"
    )
    admin_pages = ["/", "/initiatives/", f"/initiatives/{rollout.pk}/", "/dashboard/", "/admin/"]
    report = audit(province.leader, leader_pages, name="leader")
    report += audit(admin, admin_pages, name="admin")
    assert_accessible(report)


def test_the_documents_section_and_the_verification_page_are_accessible(audit, province, dossiers):
    """The dossier's "Văn bản" table with issued, superseded and signed documents, and the public
    verification page of a current and a superseded certificate."""
    from django.core.files.base import ContentFile

    from documents.models import Document, DocumentKind
    from documents.services import Rendered, document_correct, document_issue

    rollout = dossiers["rollout"]

    def plain(document):
        return Rendered(b"%PDF-1.7\n%%EOF\n", Document.Format.PDF, "Văn bản")

    receipt = document_issue(kind=DocumentKind.RECEIPT, act_key="a11y:r", number="1/2027",
                             build=plain, initiative=rollout)  # fmt: skip
    receipt.signed_scan.save("scan.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    first = document_issue(kind=DocumentKind.CERTIFICATE, act_key="a11y:c", build=plain,
                           verifiable=True, initiative=rollout,
                           author=rollout.authors.first())  # fmt: skip
    current = document_correct(document=first, build=plain)
    report = audit(province.staff, [f"/initiatives/{rollout.pk}/"], name="staff")
    # A reviewer gets the upload of the current certificate's signed scan (a <details> form).
    report += audit(province.reviewer, [f"/initiatives/{rollout.pk}/"], name="reviewer")
    report += audit(
        None,
        [f"/verify/{current.verification_code}/", f"/verify/{first.verification_code}/"],
        name="anonymous",
    )  # fmt: skip
    assert_accessible(report)
