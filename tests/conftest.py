import os
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from agencies.models import Agency, Membership, Role, User
from common import clock
from initiatives.models import Attachment, AttachmentKind, Author, Initiative
from workflow.council_body import Council, CouncilMember
from workflow.scenarios import PDF, Cast, advance

IN_CI = os.environ.get("CI", "").lower() == "true"
pytest_plugins = ["tests.browser", "tests.skip_guard"]


def today() -> date:
    """The system's today (common.clock, the project's time zone), asked for when a test needs
    it: a module-level constant would go stale in a run that crosses midnight."""
    return clock.today()


def require_service(name: str, reason: str):
    """Skip locally when a service is missing; fail under CI=true, never skip there."""
    message = f"{name} is required for this test: {reason}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def pytest_sessionstart(session):
    if IN_CI and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("CI=true: the suite must run on PostgreSQL (set DATABASE_URL).")


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")
    if not url or not url.startswith("redis"):
        require_service("Redis", "set CELERY_BROKER_URL=redis://…")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        require_service("Redis", f"cannot reach {url}: {exc}")
    return url


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- People and agencies --------------------------------------------------------------------


def make_agency(code, name, kind=Agency.Kind.DEPARTMENT, parent=None):
    return Agency.objects.create(code=code, name=name, short_name=name, kind=kind, parent=parent)


def make_user(username, full_name, *memberships, email=None):
    user = User.objects.create_user(
        username=username,
        password="pw-for-tests-123",
        full_name=full_name,
        email=email if email is not None else f"{username}@example.vn",
    )
    for role, agency in memberships:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def make_council(body, seats, name="Hội đồng sáng kiến tỉnh", **fields):
    """A council set up by decision; seats are (user or None, role[, full name])."""
    values = dict(
        name=name,
        body=body,
        decision_number="1234/QĐ-UBND",
        decision_date=today() - timedelta(days=100),
        decision_signer="Chủ tịch UBND tỉnh",
    )
    values.update(fields)
    council = Council.objects.create(**values)
    for order, (user, role, *named) in enumerate(seats):
        CouncilMember.objects.create(
            council=council, user=user, role=role, order=order,
            full_name=named[0] if named else user.get_full_name(),
        )  # fmt: skip
    return council


class Province:
    """A small province: the agencies and one person per role, as in DESIGN.md §7."""

    def __init__(self):
        self.ubnd = make_agency("UBND-TINH", "UBND tỉnh Thái Nguyên", Agency.Kind.PROVINCIAL)
        self.skhcn = make_agency("SKHCN", "Sở Khoa học và Công nghệ", parent=self.ubnd)
        self.stp = make_agency("STP", "Sở Tư pháp", parent=self.ubnd)
        self.snv = make_agency("SNV", "Sở Nội vụ", parent=self.ubnd)
        self.vp = make_agency("VPUBND", "Văn phòng UBND tỉnh", Agency.Kind.PROVINCIAL, self.ubnd)
        self.phoyen = make_agency(
            "UBND-PHOYEN", "UBND phường Phổ Yên", Agency.Kind.COMMUNE, self.ubnd
        )
        self.dailu = make_agency("UBND-DAITU", "UBND xã Đại Từ", Agency.Kind.COMMUNE, self.ubnd)
        self.staff = make_user("staff_tuphap", "Nguyễn Thị Lan", (Role.AGENCY_STAFF, self.stp))
        self.head = make_user("head_tuphap", "Trần Văn Hùng", (Role.AGENCY_HEAD, self.stp))
        self.other_staff = make_user(
            "staff_phoyen", "Lê Minh Đức", (Role.AGENCY_STAFF, self.phoyen)
        )
        # An agency with no part in any dossier of the tests: sees none of them.
        self.songcong = make_agency("UBND-SONGCONG", "UBND phường Sông Công", Agency.Kind.COMMUNE)
        self.outsider = make_user(
            "staff_songcong", "Mai Văn Tú", (Role.AGENCY_STAFF, self.songcong)
        )
        self.reviewer = make_user("reviewer", "Phạm Thu Hà", (Role.REVIEWER, self.skhcn))
        self.council = [
            make_user("council1", "Hoàng Văn Nam", (Role.COUNCIL_MEMBER, self.skhcn)),
            make_user("council2", "Vũ Thị Mai", (Role.COUNCIL_MEMBER, self.snv)),
            make_user("council3", "Đỗ Quang Vinh", (Role.COUNCIL_MEMBER, self.vp)),
        ]
        # A council member who works at the applicant agency: must be recused.
        self.council_stp = make_user("council_stp", "Bùi Văn Tâm", (Role.COUNCIL_MEMBER, self.stp))
        self.leader = make_user("leader", "Ngô Thanh Sơn", (Role.LEADER, self.ubnd))
        # The provincial council set up by decision: council1 is its secretary.
        self.council_body = make_council(
            self.ubnd,
            [(self.council[1], "chair"), (self.council[2], "vice_chair"),
             (self.council[0], "secretary")],
        )  # fmt: skip

    def seat(self, user=None, role="member", council=None, **fields):
        """Add a seat to the provincial council (or `council`): a user, or an outside expert."""
        council = council or self.council_body
        name = fields.pop("full_name", user.get_full_name() if user else "Chuyên gia độc lập")
        return CouncilMember.objects.create(
            council=council, user=user, full_name=name, role=role,
            order=council.members.count(), **fields,
        )  # fmt: skip

    def seat_all(self, users, council=None):
        """Seat each user not seated yet on the council; the council."""
        council = council or self.council_body
        seated = set(council.members.values_list("user", flat=True))
        for user in users:
            if user.pk not in seated:
                self.seat(user, council=council)
        return council

    def cast(self, **overrides):
        values = dict(
            agency_user=self.staff,
            reviewer=self.reviewer,
            council=self.council,
            council_body=self.council_body,
            leader=self.leader,
            rollout_agencies=[self.phoyen, self.dailu],
            agency_head=self.head,
        )
        values.update(overrides)
        return Cast(**values)


@pytest.fixture
def province(db):
    return Province()


def make_draft(province, **fields):
    """A draft that meets every submission condition unless fields say otherwise."""
    values = dict(
        title="Cải cách thủ tục chứng thực bản sao điện tử tại bộ phận một cửa",
        agency=province.stp,
        problem="Người dân phải đi lại nhiều lần để chứng thực bản sao giấy tờ.",
        investor="Sở Tư pháp",
        first_applied_on=today() - timedelta(days=60),
        description="Số hoá quy trình chứng thực, trả kết quả qua Cổng dịch vụ công.",
        applicability="Áp dụng được tại tất cả UBND cấp xã trong tỉnh.",
        conditions="Có đường truyền Internet và chữ ký số.",
        benefits_author="Giảm 50% thời gian giải quyết thủ tục.",
        benefits_first_adopters="Tiết kiệm chi phí đi lại cho người dân.",
        state_funded=True,
        truthfulness_declared=True,
        public_order_declared=True,
        no_ip_protection_declared=True,
        created_by=province.staff,
    )
    authors = fields.pop("authors", [("Nguyễn Thị Lan", 60), ("Trần Văn Hùng", 40)])
    agency_decision = fields.pop("agency_decision", True)
    values.update(fields)
    initiative = Initiative.objects.create(**values)
    if agency_decision:
        attach(initiative, AttachmentKind.QUYET_DINH_CO_SO, "quyet-dinh-co-so.pdf")
    for order, (name, percent) in enumerate(authors):
        Author.objects.create(
            initiative=initiative,
            full_name=name,
            contribution_percent=Decimal(percent),
            order=order,
        )
    return initiative


def attach(initiative, kind, name="tai-lieu.pdf", content=PDF, **fields):
    """An attachment stored as an upload would be (a small valid PDF by default); the
    provincial dossier's cơ sở decision (REQUIRE_AGENCY_RECOGNITION_ATTACHMENT) is one."""
    attachment = Attachment(
        initiative=initiative,
        kind=kind,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        uploaded_by=initiative.created_by,
        **fields,
    )
    attachment.file.save(name, ContentFile(content), save=True)
    return attachment


@pytest.fixture
def draft(province):
    return make_draft(province)


@pytest.fixture
def at_state(province):
    """at_state("council_review") → a dossier driven there through the services."""

    def build(state, **draft_fields):
        return advance(make_draft(province, **draft_fields), state, province.cast())

    return build


class AgencyTrack:
    """Sở Tư pháp runs its cơ sở track (issue 13): an initiative secretary, its own council of
    three of its people set up by its head's decision, and its head (province.head) decides."""

    def __init__(self, province):
        self.province = province
        self.agency = province.stp
        Agency.objects.filter(pk=self.agency.pk).update(runs_agency_track=True)
        self.agency.runs_agency_track = True
        self.secretary = make_user(
            "secretary_tuphap", "Đinh Thị Thu", (Role.INITIATIVE_SECRETARY, self.agency)
        )
        self.head = province.head
        self.members = [
            make_user(f"hd_tuphap{i}", name, (Role.COUNCIL_MEMBER, self.agency))
            for i, name in enumerate(("Lương Văn Bình", "Hà Thị Ngọc", "Tạ Quang Huy"), start=1)
        ]
        self.council = make_council(
            self.agency,
            [(self.members[0], "chair"), (self.members[1], "vice_chair"),
             (self.members[2], "secretary")],
            name="Hội đồng sáng kiến Sở Tư pháp", decision_number="15/QĐ-STP",
            decision_signer="Giám đốc Sở Tư pháp",
        )  # fmt: skip

    def cast(self, **overrides):
        values = dict(reviewer=self.secretary, council=self.members, council_body=self.council,
                      leader=self.head, signer_authority="director")  # fmt: skip
        return self.province.cast(**values | overrides)


@pytest.fixture
def track(province):
    return AgencyTrack(province)


@pytest.fixture
def at_agency_state(province, track):
    """at_agency_state("awaiting_decision") → a cơ sở dossier of Sở Tư pháp driven there."""

    def build(state, **draft_fields):
        draft = make_draft(province, level="agency", agency_decision=False, **draft_fields)
        return advance(draft, state, track.cast())

    return build


@pytest.fixture
def api():
    """api(user) → an authenticated APIClient; api() → anonymous."""

    def build(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return build


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with no throttle counts: its own key prefix in the cache (local memory,
    or the Redis of CI, which is never flushed: the broker may share it). Login lockouts live
    in the database and go with each test's transaction."""
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    settings.CACHES = {**settings.CACHES, "default": default}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


SEED_MIGRATIONS = (
    "initiatives.migrations.0002_seed_fields",
    "workflow.migrations.0002_seed_rubric_and_deadlines",
)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the tables, data migrations included: seed them again."""
    if "transactional_db" not in request.fixturenames and not _is_transactional(request):
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
