"""The visibility matrix (DESIGN.md §6), generated: every role — plus anonymous, a superuser and
the audit's multi-role user — × every dossier state × every URL that reads or writes one
dossier (or one of its attachments or adoption records), through the API and the pages.

For each cell the expected answer is derived from the rules, not recorded from the code:
  * who sees a dossier at all (else 404 — never a 403 that would confirm it exists);
  * who is inside its review (confidential_info, birth dates, confidential files, history,
    scores) — decided per dossier;
  * which confidential strings must be absent from what everyone else receives.

The URL patterns are enumerated from the resolver: a URL that is in none of the tables below
fails `test_every_url_is_in_the_matrix`, so a new endpoint cannot skip the matrix.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from adoption import services as adoption_services
from agencies.models import Membership, Role, User
from initiatives import services as initiative_services
from initiatives.models import Status
from tests.conftest import make_draft, make_user
from workflow.scenarios import advance

pytestmark = pytest.mark.django_db

SECRET = "Bí mật nghiệp vụ: khóa truy cập hệ thống một cửa XK-7731"
BIRTH = date(1977, 3, 19)
BIRTH_SHOWN = ("19/03/1977", "1977-03-19")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

S = Status
# States reached through the council (a declined dossier, `rejected`, went through it too).
COUNCIL_STATES = {
    S.COUNCIL_REVIEW, S.AWAITING_DECISION, S.RECOGNIZED, S.ROLLOUT, S.CLOSED, S.REJECTED,
    S.REVOKED,
}  # fmt: skip
PUBLIC_STATES = {S.RECOGNIZED, S.ROLLOUT, S.CLOSED}
# Phổ Yên was asked to adopt it; after a revocation it keeps its record (and the public part).
ADOPTED_STATES = {S.ROLLOUT, S.CLOSED, S.REVOKED}
SUBMITTED = set(S.values) - {S.DRAFT, S.WITHDRAWN}  # withdrawn here means withdrawn as a draft
EDITABLE = {S.DRAFT, S.REVISION_REQUESTED}

WHO = ("anonymous", "staff", "head", "adopter", "outsider", "reviewer", "leader", "council1",
       "double", "admin")  # fmt: skip


# --- Who sees what, from DESIGN.md §6 ---------------------------------------------------------


def sees(who: str, state: str) -> bool:
    return {
        "staff": True,
        "head": True,
        "admin": True,
        "reviewer": state in SUBMITTED,
        "leader": state in SUBMITTED,
        "council1": state in COUNCIL_STATES,
        "adopter": state in ADOPTED_STATES,
        "double": state in ADOPTED_STATES,
    }.get(who, False)


def inside(who: str, state: str) -> bool:
    """Inside this dossier's review: its agency, reviewers, leaders, its council."""
    return sees(who, state) and who not in ("adopter", "double")


def read(who, state) -> int:
    return 200 if sees(who, state) else 404


def read_inside(who, state) -> int:
    if not sees(who, state):
        return 404
    return 200 if inside(who, state) else 403


def scoresheet(who, state) -> int:
    if not sees(who, state):
        return 404
    return 200 if who == "council1" else 403


def no_such_seat(who, state) -> int:
    """An outside expert's paper sheet, for a seat this dossier's council does not have: 404 to
    everyone (who may enter a real one is tested in test_views_council_meeting.py)."""
    return 404


def adoptions_list(who, state) -> int:
    return 200 if state in PUBLIC_STATES or sees(who, state) else 404


def public_file(who, state) -> int:
    return read(who, state)


def confidential_file(who, state) -> int:
    return 200 if inside(who, state) else 404


def edit_page(who, state) -> int:
    if not sees(who, state):
        return 404
    if who in ("staff", "head"):
        return 200 if state in EDITABLE else 302  # back to the dossier, with the reason
    return 403


def registry(who, state) -> int:
    return 200 if state in PUBLIC_STATES else 404


def adoption_record(who, state) -> int:
    """The adopting agency, the owning agency, reviewers and leaders see an adoption record."""
    return (
        200 if who in ("adopter", "double", "staff", "head", "reviewer", "leader", "admin") else 404
    )


def adoption_page(who, state) -> int:
    """The record's page is the adopting agency's working page; others follow the record from
    the dossier and the dashboard."""
    return 200 if who in ("adopter", "double") else 404


def dashboard_initiative(who, state) -> int:
    if who not in ("reviewer", "leader", "admin"):
        return 403
    return 200 if state in PUBLIC_STATES else 404


def round_placement(who, state) -> int:
    """Only the standing office (and administrators) move a dossier between rounds; to anyone
    else the page is refused whatever the dossier (which confirms nothing)."""
    if who not in ("reviewer", "admin"):
        return 403
    return read(who, state)


# --- The matrix: URL name → how to reach it and what each cell must answer ---------------------


@dataclass(frozen=True)
class Cell:
    url: str  # the URL name
    target: str  # which object fills <pk>: dossier, public_file, secret_file, adoption, evidence
    expect: object  # expect(who, state) → status code
    api: bool = False
    method: str = "get"
    kwargs: tuple = ()
    confidential: bool = True  # check the absence of the secrets in what non-insiders read
    public: bool = False  # open without login: anonymous gets expect("anonymous", state)

    def anonymous_status(self, state) -> int:
        if self.public:
            return self.expect("anonymous", state)
        return 401 if self.api else 302


READS = [
    Cell("initiative-detail", "dossier", read, api=True),
    Cell("initiative-history", "dossier", read_inside, api=True),
    Cell("initiative-scoresheet", "dossier", scoresheet, api=True),
    Cell("initiative-adoptions", "dossier", adoptions_list, api=True),
    Cell("api-attachment-download", "public_file", public_file, api=True, confidential=False),
    Cell("api-attachment-download", "secret_file", confidential_file, api=True, confidential=False),
    Cell("workflow:detail", "dossier", read),
    Cell("initiatives:preview", "dossier", read),
    Cell("initiatives:print", "dossier", read),
    Cell("initiatives:edit", "dossier", edit_page),
    Cell("initiatives:attachment", "public_file", public_file, confidential=False),
    Cell("initiatives:attachment", "secret_file", confidential_file, confidential=False),
    Cell("workflow:scoresheet", "dossier", scoresheet),
    Cell("workflow:paper_scoresheet", "dossier", no_such_seat, kwargs=(("seat", 999999),)),
    Cell("workflow:round_placement", "dossier", round_placement),
    Cell("workflow:promote", "dossier", read),
    Cell("initiatives:registry_detail", "dossier", registry, public=True),
    Cell("adoption:dashboard_initiative", "dossier", dashboard_initiative),
    Cell("api-adoption", "adoption", adoption_record, api=True),
    Cell("adoption:adoption_detail", "adoption", adoption_page),
    Cell("adoption:adoption_report_evidence", "evidence", adoption_record, confidential=False),
    # Official documents: a certificate goes with the dossier, a receipt (it lists confidential
    # attachments) stays inside its review.
    Cell("initiative-documents", "dossier", read, api=True),
    Cell("api-document-download", "certificate", public_file, api=True, confidential=False),
    Cell("api-document-download", "receipt", confidential_file, api=True, confidential=False),
    Cell("documents:download", "certificate", public_file, confidential=False),
    Cell("documents:download", "receipt", confidential_file, confidential=False),
    Cell("api-document-signed-scan", "certificate", public_file, api=True, confidential=False),
    Cell("api-document-signed-scan", "receipt", confidential_file, api=True, confidential=False),
    Cell("documents:signed_scan", "certificate", public_file, confidential=False),
    Cell("documents:signed_scan", "receipt", confidential_file, confidential=False),
    # The signed recognition decision is a public act: linked from the registry, no login.
    Cell("documents:registry_decision_scan", "dossier", registry, public=True, confidential=False),
]

# Writes: anonymous is refused (401 / login), whoever cannot see the object gets 404 and
# nothing changes; nobody gets a 5xx. Who may actually write is tested transition by
# transition in tests/api/test_transitions.py and the apps' own tests.
WRITES = [
    Cell("initiative-detail", "dossier", read, api=True, method="patch"),
    Cell("initiative-transitions", "dossier", read, api=True, method="post",
         kwargs=(("name", "withdraw"),)),
    Cell("initiative-attachments", "dossier", read, api=True, method="post"),
    Cell("initiative-scoresheet", "dossier", read, api=True, method="put"),
    Cell("initiative-adoptions", "dossier", adoptions_list, api=True, method="post"),
    Cell("api-adoption", "adoption", adoption_record, api=True, method="patch"),
    Cell("api-adoption-reports", "adoption", adoption_record, api=True, method="post"),
    Cell("workflow:transition", "dossier", read, method="post", kwargs=(("name", "withdraw"),)),
    Cell("initiatives:attachment_upload", "dossier", read, method="post"),
    Cell("workflow:appeal_complex", "dossier", read, method="post"),
    Cell("workflow:record_national", "dossier", read, method="post"),
    Cell("workflow:round_placement", "dossier", round_placement, method="post"),
    Cell("workflow:promote", "dossier", read, method="post"),
    Cell("api-initiative-promote", "dossier", read, api=True, method="post"),
    Cell("initiatives:attachment_delete", "public_file", read, method="post"),
    Cell("adoption:registry_adopt", "dossier", registry, method="post"),
    Cell("adoption:adoption_status", "adoption", adoption_record, method="post"),
    Cell("adoption:adoption_report_add", "adoption", adoption_record, method="post"),
    # Uploading a signed scan: a certificate goes with the dossier, a receipt stays inside it.
    Cell("documents:signed_scan_upload", "certificate", public_file, method="post"),
    Cell("documents:signed_scan_upload", "receipt", confidential_file, method="post"),
    Cell("api-document-signed-scan", "certificate", public_file, api=True, method="post"),
    Cell("api-document-signed-scan", "receipt", confidential_file, api=True, method="post"),
]  # fmt: skip

# Reached through one report of an adoption record (two ids), a write like the others.
REPORT_WRITES = {"adoption:adoption_report_confirm"}

# URLs that belong to one user (their notifications, tokens, exports): another user gets 404.
OWN_RECORDS = {
    "notifications:open", "notifications:read", "notification-read", "token_revoke",
    "exports:job", "exports:download", "exports:restart",
    "api-export-job", "api-export-job-download",
}  # fmt: skip

# URLs about no single dossier: lists filtered by visibility, forms, the user's own pages,
# public documents. Their own tests cover them; here they must not leak the secrets.
NOT_ABOUT_ONE_DOSSIER = {
    "home", "set_language", "login", "logout", "password_change", "password_change_done",
    "profile", "token_revoke_all", "initiatives:list", "initiatives:create",
    # An agency's head turns its cơ sở track on; the province's overview of that level (figures
    # and recognized titles only: tests/workflow/test_agency_track_pages.py).
    "agency_track", "workflow:agency_level_overview",
    "workflow:review_queue", "workflow:council_list", "workflow:decisions",
    "workflow:councils", "workflow:council_create", "workflow:council_edit",
    "workflow:rounds", "workflow:round", "workflow:round_create", "workflow:round_edit",
    "workflow:round_decide",
    "api-rounds", "api-round-decide",
    "adoption:my_adoptions", "initiatives:registry", "initiatives:registry_similar",
    "adoption:dashboard", "adoption:dashboard_initiatives", "adoption:dashboard_matrix",
    "adoption:dashboard_list", "exports:start", "notifications:inbox",
    "notifications:read_all", "notifications:settings", "api-token", "api-logout",
    "api-logout-all", "api-me", "api-agencies", "api-rubric", "api-schema", "api-docs",
    "api-registry", "api-stats-adoption", "api-councils", "initiative-list", "notification-list",
    "notification-read-all", "healthz", "api-persons", "api-person-recognitions",
    "initiatives:person_suggestions", "initiatives:persons", "initiatives:person",
    "initiatives:person_merge",
    # Public: a certificate or decision checked by its verification code (tests/documents).
    "documents:verify", "api-verify",
    # A council's decision: about the council, not a dossier (tests/documents/test_council_docs).
    "documents:council_decision_draft", "documents:council_decision_issue",
    "documents:council_decision",
    # A member's score sheet, blank or filled (tests/documents/test_score_sheets.py).
    "documents:score_sheet_blank", "documents:score_sheet_filled",
    # A round's proposal (Tờ trình) draft (tests/documents/test_round_proposal.py).
    "documents:round_proposal_draft",
    # The council minutes' Word draft (tests/documents/test_council_minutes.py).
    "documents:minutes_draft",
    # The council papers page and the recognition decision's Word drafts, for a dossier or a
    # round (tests/documents/test_dossier_papers.py).
    "documents:council_papers", "documents:recognition_draft", "documents:round_recognition_draft",
    # All the certificates of a round in one zip, an export job for those who see the round
    # page: 404 for anyone else (tests/documents/test_certificate_zip.py).
    "api-round-certificates-zip",
}  # fmt: skip

# Lists each role reads: the dossier's secrets never show up in any of them.
LIST_PAGES = [
    ("home", False), ("initiatives:list", False), ("workflow:review_queue", False),
    ("workflow:council_list", False), ("workflow:decisions", False), ("workflow:councils", False),
    ("adoption:my_adoptions", False), ("initiatives:registry", False),
    ("adoption:dashboard", False), ("adoption:dashboard_list", False),
    ("notifications:inbox", False), ("initiative-list", True), ("api-registry", True),
    ("notification-list", True), ("api-stats-adoption", True), ("api-councils", True),
    ("workflow:rounds", False), ("api-rounds", True),
    ("api-persons", True), ("initiatives:persons", False),
]  # fmt: skip


def _url_names():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue  # the admin is for superusers and has its own permission system
                inner = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_is_in_the_matrix():
    covered = {c.url for c in READS + WRITES} | REPORT_WRITES | OWN_RECORDS | NOT_ABOUT_ONE_DOSSIER
    missing = _url_names() - covered
    assert not missing, f"URLs with no place in the visibility matrix: {sorted(missing)}"
    stale = covered - _url_names()
    assert not stale, f"The matrix names URLs that no longer exist: {sorted(stale)}"


# --- The province of the test ---------------------------------------------------------------


@pytest.fixture
def people(province):
    double = make_user("council_phoyen", "Lý Thị Hoa", (Role.COUNCIL_MEMBER, province.skhcn))
    Membership.objects.create(user=double, agency=province.phoyen, role=Role.AGENCY_STAFF)
    admin = User.objects.create_superuser("admin", "admin@example.vn", "pw-for-tests-123")
    return {
        "staff": province.staff,
        "head": province.head,
        "adopter": province.other_staff,
        "outsider": province.outsider,
        "reviewer": province.reviewer,
        "leader": province.leader,
        "council1": province.council[0],
        "double": double,
        "admin": admin,
    }


def _dossier_in(state, province):
    draft = make_draft(province, confidential_info=SECRET)
    draft.authors.update(birth_date=BIRTH)
    files = {}
    for name, secret in (("cong-khai.pdf", False), ("mat.pdf", True)):
        files["secret_file" if secret else "public_file"] = initiative_services.attachment_add(
            initiative=draft, actor=province.staff, file=SimpleUploadedFile(name, PDF),
            kind="minh_chung", confidential=secret,
        )  # fmt: skip
    return advance(draft, state, province.cast()), files


def _adoption_targets(initiative, province):
    adoption = initiative.adoptions.filter(agency=province.phoyen).first()
    if adoption is None:
        return {}
    report = None
    if initiative.status == S.ROLLOUT:
        report = adoption_services.report_add(
            adoption=adoption, actor=province.other_staff,
            data={"period": "Quý 1", "result_summary": "Đã áp dụng."},
            evidence=SimpleUploadedFile("minh-chung.pdf", PDF),
        )  # fmt: skip
    return {"adoption": adoption, "evidence": report}


def _document_targets(initiative):
    """A receipt, a certificate and the recognition decision of the dossier (a stand-in file:
    visibility is under test), each with its signed scan."""
    from documents.models import Document, DocumentKind
    from documents.services import Rendered, document_issue

    def plain(document):
        return Rendered(PDF, Document.Format.PDF, "Văn bản")

    about = {"initiative": initiative, "build": plain}
    documents = {
        "receipt": document_issue(kind=DocumentKind.RECEIPT, act_key="m:r", number="1/2027",
                                  **about),
        "certificate": document_issue(kind=DocumentKind.CERTIFICATE, act_key="m:c",
                                      verifiable=True, **about),
        "decision": document_issue(kind=DocumentKind.RECOGNITION_DECISION, act_key="m:d",
                                   number=initiative.decision_number or "0/QĐ",
                                   verifiable=True, **about),
    }  # fmt: skip
    for document in documents.values():  # the signed, stamped copy uploaded afterwards
        document.signed_scan.save("scan.pdf", ContentFile(PDF))
    return documents


def _url(cell, targets):
    target = targets.get(cell.target)
    if target is None:
        return None
    kwargs = {"pk": target.adoption_id if cell.target == "evidence" else target.pk}
    if cell.target == "evidence":
        kwargs["report_pk"] = target.pk
    kwargs.update(dict(cell.kwargs))
    return reverse(cell.url, kwargs=kwargs)


def _call(client, cell, url, **headers):
    method = getattr(client, cell.method)
    if cell.api:
        return method(url, {}, format="json") if cell.method != "get" else method(url)
    return method(url, {}, **headers) if cell.method != "get" else method(url, **headers)


def _clients(api, client_factory, people):
    clients = {"anonymous": (api(), client_factory())}
    for who, user in people.items():
        page_client = client_factory()
        page_client.force_login(user)
        clients[who] = (api(user), page_client)
    return clients


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def _leaks(response) -> list[str]:
    body = response.content.decode(errors="replace")
    return [s for s in (SECRET, "mat.pdf", *BIRTH_SHOWN) if s in body]


ALL_STATES = [s for s in S.values if s in {
    S.DRAFT, S.DEPARTMENT_REVIEW, S.REVISION_REQUESTED, S.COUNCIL_REVIEW, S.AWAITING_DECISION,
    S.RECOGNIZED, S.ROLLOUT, S.CLOSED, S.REFUSED, S.REJECTED, S.APPEAL_REVIEW, S.REVOKED,
    S.WITHDRAWN,
}]  # fmt: skip


@pytest.mark.parametrize("state", ALL_STATES)
def test_reads(state, province, people, api, client_factory):
    initiative, files = _dossier_in(state, province)
    targets = {"dossier": initiative, **files, **_adoption_targets(initiative, province),
               **_document_targets(initiative)}  # fmt: skip
    clients = _clients(api, client_factory, people)
    wrong = []
    for cell in READS:
        url = _url(cell, targets)
        if url is None:
            continue  # no adoption record in this state
        for who in WHO:
            api_client, page_client = clients[who]
            response = _call(api_client if cell.api else page_client, cell, url)
            expected = (
                cell.anonymous_status(state) if who == "anonymous" else cell.expect(who, state)
            )
            if response.status_code != expected:
                wrong.append(
                    f"{who} GET {url} ({cell.url}): {response.status_code}, expected {expected}"
                )
            elif cell.confidential and not inside(who, state) and (leaks := _leaks(response)):
                wrong.append(f"{who} GET {url} ({cell.url}) shows {leaks}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("state", ALL_STATES)
def test_writes_by_those_who_cannot_see_change_nothing(
    state, province, people, api, client_factory
):
    initiative, files = _dossier_in(state, province)
    targets = {"dossier": initiative, **files, **_adoption_targets(initiative, province),
               **_document_targets(initiative)}  # fmt: skip
    clients = _clients(api, client_factory, people)
    wrong = []
    for cell in WRITES:
        url = _url(cell, targets)
        if url is None:
            continue
        for who in WHO:
            if who != "anonymous" and cell.expect(who, state) != 404:
                continue  # may see it: what they may do is tested per transition elsewhere
            api_client, page_client = clients[who]
            response = _call(api_client if cell.api else page_client, cell, url)
            expected = cell.anonymous_status(state) if who == "anonymous" else 404
            if response.status_code != expected:
                wrong.append(f"{who} {cell.method.upper()} {url} ({cell.url}): "
                             f"{response.status_code}, expected {expected}")  # fmt: skip
    initiative.refresh_from_db()
    assert initiative.status == state
    assert initiative.attachments.count() == 3  # the two files above and the cơ sở decision
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("state", sorted(ADOPTED_STATES | {S.RECOGNIZED}))
def test_writes_never_answer_secrets_to_those_outside_the_review(
    state, province, people, api, client_factory
):
    """Those who read the public part (the adopting commune, a council member of other
    dossiers working there) get no secret back from any write — refused or not, plain or
    htmx (whose answers are page fragments such as the attachment panel)."""
    initiative, files = _dossier_in(state, province)
    targets = {"dossier": initiative, **files, **_adoption_targets(initiative, province),
               **_document_targets(initiative)}  # fmt: skip
    clients = _clients(api, client_factory, people)
    wrong = []
    for cell in WRITES:
        url = _url(cell, targets)
        outsiders = [w for w in ("adopter", "double", "outsider") if cell.expect(w, state) != 404]
        for who, headers in ((w, h) for w in outsiders for h in ({}, {"HTTP_HX_REQUEST": "true"})):
            api_client, page_client = clients[who]
            response = _call(api_client if cell.api else page_client, cell, url, **headers)
            leaks = _leaks(response)
            if response.status_code >= 500 or leaks:
                wrong.append(f"{who} {cell.method.upper()} {url} {headers}: "
                             f"{response.status_code} {leaks}")  # fmt: skip
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("state", [S.COUNCIL_REVIEW, S.ROLLOUT])
def test_no_list_shows_the_secrets(state, province, people, api, client_factory):
    _dossier_in(state, province)
    clients = _clients(api, client_factory, people)
    wrong = []
    for name, is_api in LIST_PAGES:
        for who in WHO:
            api_client, page_client = clients[who]
            response = (api_client if is_api else page_client).get(reverse(name))
            assert response.status_code < 500, (who, name)
            if leaks := _leaks(response):
                wrong.append(f"{who} {name} shows {leaks}")
    assert not wrong, "\n".join(wrong)


def test_own_records_are_not_reachable_by_another_user(province, api, client_factory):
    """Notifications, tokens and exports belong to one user: another user gets 404."""
    from agencies.services import api_token_create
    from notifications.models import Notification

    owner, other = province.reviewer, province.leader
    notification = Notification.objects.create(
        recipient=owner, kind="submit", subject="s", message=SECRET, url="/"
    )
    token, _key = api_token_create(user=owner)
    job = _export_job(owner)
    page = client_factory()
    page.force_login(other)
    attempts = [
        (page.post, reverse("notifications:open", args=[notification.pk])),
        (page.post, reverse("notifications:read", args=[notification.pk])),
        (api(other).post, reverse("notification-read", args=[notification.pk])),
        (page.post, reverse("token_revoke", args=[token.pk])),
        (page.get, reverse("exports:job", args=[job.pk])),
        (page.get, reverse("exports:download", args=[job.pk])),
        (page.post, reverse("exports:restart", args=[job.pk])),
        (api(other).get, reverse("api-export-job", args=[job.pk])),
        (api(other).get, reverse("api-export-job-download", args=[job.pk])),
    ]
    for call, url in attempts:
        assert call(url).status_code == 404, url
    notification.refresh_from_db()
    assert notification.read_at is None
    assert type(token).objects.filter(pk=token.pk).exists()
    assert type(job).objects.get() == job  # no export started again for someone else


def _export_job(user):
    from exports.models import ExportJob

    return ExportJob.objects.create(user=user, kind="initiatives", params={})
