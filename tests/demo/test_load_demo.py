from collections import Counter
from datetime import UTC, datetime
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from adoption.models import Adoption, AdoptionReport
from agencies.models import Agency, Membership, Person, User
from initiatives.models import Initiative, Status
from notifications.models import Notification
from workflow.council_body import Council
from workflow.intake import IntakeEntry
from workflow.models import CouncilAssignment, Round, ScoreSheet, TransitionLog

DEMO_ACCOUNTS = {
    "staff_tuphap": ("agency_staff", "STP"),
    "head_tuphap": ("agency_head", "STP"),
    "staff_phoyen": ("agency_staff", "UBND-PHOYEN"),
    "reviewer": ("reviewer", "SKHCN"),
    "council1": ("council_member", "SKHCN"),
    "council2": ("council_member", "SNV"),
    "council3": ("council_member", "VPUBND"),
    "council4": ("council_member", "UBND-TINH"),
    "council5": ("council_member", "STC"),
    "council6": ("council_member", "SXD"),
    "leader": ("leader", "UBND-TINH"),
}
MODELS = (
    Agency, User, Membership, Initiative, TransitionLog, Notification, CouncilAssignment,
    ScoreSheet, Adoption, AdoptionReport, Person, Round, IntakeEntry,
)  # fmt: skip


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_every_state_has_at_least_two_dossiers(demo):
    by_state = Counter(Initiative.objects.values_list("status", flat=True))

    assert set(by_state) == set(Status.values)
    assert min(by_state.values()) >= 2
    # 33 dossiers of this year and 9 of the two past rounds (4 + 5) on the provincial track,
    # 7 at agency level (Sở Tư pháp, Phổ Yên) and the provincial one proposed from one of them.
    assert sum(by_state.values()) == 50
    assert Initiative.objects.filter(level="agency").count() == 7
    assert Initiative.objects.filter(promoted_from__isnull=False).count() == 1
    assert "Dossiers: 33 created" in demo
    assert "Agency level (Sở Tư pháp, UBND phường Phổ Yên): 7 dossiers created" in demo
    assert "Past rounds: 2 created with 9 dossiers" in demo


def test_running_twice_changes_nothing(demo):
    before = counts()
    statuses = dict(Initiative.objects.values_list("title", "status"))

    output = load_demo()

    assert counts() == before
    assert dict(Initiative.objects.values_list("title", "status")) == statuses
    assert "Agencies: 0 created, 0 updated, 119 unchanged" in output
    assert "Users: 0 created" in output
    assert "Dossiers: 0 created" in output
    assert "Past rounds: 0 created" in output


def test_the_province_is_loaded(demo):
    assert Agency.objects.count() == 119
    assert Agency.objects.filter(kind="commune").count() == 92
    assert not Agency.objects.filter(kind="district", is_active=True).exists()


def test_demo_accounts_and_their_roles(demo):
    for username, (role, code) in DEMO_ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.is_demo
        assert user.full_name
        assert user.email == f"{username}@demo.thainguyen.gov.vn"
        assert list(user.memberships.values_list("role", "agency__code")) == [(role, code)]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_demo
    assert not admin.memberships.exists()
    assert not User.objects.filter(is_demo=False).exists()


def log_in(username, password):
    # A login comes with its request: the lockout (django-axes) counts failures per IP address.
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password)


def test_demo_accounts_log_in_only_when_debug_is_on(demo, settings):
    settings.DEBUG = True
    for username in [*DEMO_ACCOUNTS, "admin"]:
        assert log_in(username, "demo12345") is not None, username
    assert log_in("reviewer", "wrong") is None

    settings.DEBUG = False
    for username in [*DEMO_ACCOUNTS, "admin"]:
        assert log_in(username, "demo12345") is None, username


def test_the_demo_accounts_have_work_waiting(demo):
    by_agency = Counter(Initiative.objects.values_list("agency__code", flat=True))
    assert by_agency["STP"] >= 5
    assert by_agency["UBND-PHOYEN"] >= 5
    assert len(by_agency) >= 5

    waiting = CouncilAssignment.objects.filter(
        initiative__status=Status.COUNCIL_REVIEW, recused=False
    ).exclude(sheet__submitted_at__isnull=False)
    assert {a.member.username for a in waiting} >= {"council2", "council3"}
    # One dossier is fully scored: the reviewer can complete the scoring.
    scored = [
        i for i in Initiative.objects.filter(status=Status.COUNCIL_REVIEW)
        if not waiting.filter(initiative=i).exists()
    ]  # fmt: skip
    assert scored


def test_the_provincial_council_set_up_by_decision(demo, settings):
    council = Council.objects.get(name="Hội đồng sáng kiến tỉnh")
    assert (council.body.code, council.decision_number) == ("UBND-TINH", "1234/QĐ-UBND")
    assert council.decision_signer.startswith("Chủ tịch") and council.is_active
    roles = {seat.role: seat for seat in council.members.all()}
    assert roles["secretary"].user.username == "council1"
    assert {"chair", "vice_chair", "secretary", "member"} <= set(roles)
    assert council.voting == "secret"  # bỏ phiếu kín, as Thái Nguyên's council votes
    # Every member is a demo account with the demo password: the whole council plays via the API.
    assert not council.members.filter(user=None).exists()
    accounts = [seat.user for seat in council.members.all()]
    assert len(accounts) >= 5 and all(user.is_demo for user in accounts)
    settings.DEBUG = True
    for user in accounts:
        assert log_in(user.username, "demo12345") is not None, user.username
    # Demo dossiers with the council were accepted through it (the agencies' own dossiers go
    # to their own councils).
    provincial = Initiative.objects.filter(level="provincial")
    for initiative in provincial.filter(status=Status.COUNCIL_REVIEW):
        assert initiative.council_review.council == council
        seats = set(initiative.council_assignments.values_list("council_member", flat=True))
        assert seats == set(council.members.values_list("pk", flat=True))


def test_dossiers_are_complete_and_consistent(demo):
    for initiative in Initiative.objects.prefetch_related("authors"):
        total = sum(a.contribution_percent for a in initiative.authors.all())
        assert total == 100, initiative.title
        assert initiative.first_applied_on is not None
        if initiative.status != Status.DRAFT and initiative.submitted_at:
            assert initiative.code
    assert Initiative.objects.exclude(participants=None).exists()
    assert Initiative.objects.exclude(benefit_amount_vnd=None).exists()
    assert Initiative.objects.exclude(field_id="cai_cach_hanh_chinh").exists()
    assert TransitionLog.objects.filter(transition="decline").exists()
    assert TransitionLog.objects.filter(transition="resubmit").exists()
    # One appeal awaits the reviewer; another was resolved (the refusal upheld, now final).
    appeals = Initiative.objects.filter(status=Status.APPEAL_REVIEW)
    assert set(appeals.values_list("appealed_from", flat=True)) == {"refused", "rejected"}
    assert Initiative.objects.filter(status=Status.REFUSED, appeal_final=True).exists()


def test_decisions_are_signed_and_one_goes_against_the_council(demo):
    decided = Initiative.objects.exclude(decision_number="")
    assert decided.exists()
    for initiative in decided:
        assert initiative.signer_name and initiative.signer_authority, initiative.title
        # Each track decides its own scope: the agency's head cấp cơ sở.
        assert initiative.scope == ("agency" if initiative.level == "agency" else "provincial")
    against = TransitionLog.objects.filter(transition="recognize", data__against_council=True)
    assert against.count() == 1 and against.get().comment
    # Every provincial dossier carries the agency's cơ sở decision, drafts included (ready to
    # submit); an agency-level dossier is how that decision comes about.
    provincial = Initiative.objects.filter(level="provincial")
    assert not provincial.exclude(attachments__kind="quyet_dinh_co_so").exists()


def test_rollouts_have_adoptions_and_reports(demo):
    rolled_out = Initiative.objects.filter(status__in=[Status.ROLLOUT, Status.CLOSED])
    for initiative in rolled_out:
        assert initiative.adoptions.count() >= 2, initiative.title
    assert AdoptionReport.objects.filter(confirmed_by__isnull=False).exists()
    assert Adoption.objects.filter(status=Adoption.Status.APPLIED).exists()
    assert Adoption.objects.filter(source=Adoption.Source.VOLUNTARY).exists()


@pytest.mark.django_db
def test_works_on_another_day():
    another_day = datetime(2027, 2, 28, 3, 0, tzinfo=UTC)
    with time_machine.travel(another_day, tick=False):
        load_demo()

    assert Counter(Initiative.objects.values_list("status", flat=True))[Status.CLOSED] >= 2
    assert Initiative.objects.filter(code__startswith="SK-2027-").count() >= 20
    latest = max(Initiative.objects.values_list("first_applied_on", flat=True))
    assert latest < another_day.date()

    # The past is that day's: rounds of 2025 and 2026, 2027's open.
    assert sorted(Round.objects.values_list("year", flat=True)) == [2025, 2026, 2027]
    assert Initiative.objects.filter(code__startswith="SK-2025-").count() == 4

    output = load_demo()  # and again on the real day: nothing new
    assert "Dossiers: 0 created" in output and "Past rounds: 0 created" in output
    assert Round.objects.count() == 3


@pytest.mark.django_db
def test_a_failure_leaves_nothing_behind():
    from demo import dossiers

    calls = {"n": 0}
    real_advance = dossiers.advance

    def failing_advance(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise RuntimeError("boom")
        return real_advance(*args, **kwargs)

    with (
        mock.patch.object(dossiers, "advance", failing_advance),
        pytest.raises(RuntimeError),
    ):
        load_demo()

    assert set(counts().values()) == {0}, counts()


def test_no_api_token_is_made_and_the_output_says_how_to_get_one(demo, settings):
    from rest_framework.test import APIClient

    from agencies.models import ApiToken

    assert not ApiToken.objects.exists()  # stored hashed: one made here could never be shown
    assert "POST /api/v1/auth/token/" in demo and '"password": "demo12345"' in demo
    settings.DEBUG = True
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "reviewer", "password": "demo12345"}, format="json"
    )
    assert response.status_code == 200 and response.data["token"]


def test_demo_token_stops_working_when_debug_is_off(db, settings):
    from rest_framework.test import APIClient

    from agencies.models import User
    from agencies.services import api_token_create

    demo = User.objects.create_user("demo_x", password="demo12345", is_demo=True)
    _token, key = api_token_create(user=demo)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    settings.DEBUG = True
    assert client.get("/api/v1/me/").status_code == 200
    settings.DEBUG = False
    assert client.get("/api/v1/me/").status_code == 401


def test_rounds_decided_in_past_years_and_one_open(demo):
    from common.clock import today

    year = today().year
    rounds = {r.year: r for r in Round.objects.all()}
    assert sorted(rounds) == [year - 2, year - 1, year]
    assert [rounds[y].status for y in sorted(rounds)] == ["decided", "decided", "open"]
    assert rounds[year].title == f"Đợt I năm {year}"
    for past in (rounds[year - 2], rounds[year - 1]):
        assert past.title == f"Đợt I năm {past.year}"
        decided = set(
            Initiative.objects.filter(intake_round_entry__round=past).values_list(
                "status", flat=True
            )
        )
        assert decided and decided <= {"recognized", "rollout", "closed", "rejected"}
    assert rounds[year].entries.filter(initiative__status="department_review").exists()
    load_demo()
    assert Round.objects.count() == 3


def past_rounds():
    return Round.objects.filter(decided_on__isnull=False).order_by("year")


def test_a_past_round_is_decided_by_one_decision(demo):
    """One decision number, date and signer for every dossier the round recognizes (each
    with its own log entry by the leader that day); the others declined with a reason."""
    for intake in past_rounds():
        dossiers = Initiative.objects.filter(intake_round_entry__round=intake)
        recognized = dossiers.exclude(status=Status.REJECTED)
        declined = dossiers.filter(status=Status.REJECTED)
        assert recognized.count() >= 3 and declined.count() >= 1
        decisions = set(
            recognized.values_list("decision_number", "decision_date", "signer_name", "scope")
        )
        assert len(decisions) == 1
        number, day, signer, scope = decisions.pop()
        assert number.endswith("/QĐ-UBND") and signer and scope == "provincial"
        assert day == intake.decided_on and day.year == intake.year
        logs = TransitionLog.objects.filter(initiative__in=dossiers, transition="recognize")
        assert logs.count() == recognized.count()
        for log in logs.select_related("actor"):
            assert log.actor.username == "leader"
            assert timezone.localdate(log.created_at) == day
            assert log.data["decision_number"] == number
        for log in TransitionLog.objects.filter(initiative__in=declined, transition="decline"):
            assert log.comment and timezone.localdate(log.created_at) == day
    numbers = {i.decision_number for r in past_rounds() for i in initiatives_of(r)}
    assert len(numbers - {""}) == 2  # one decision per round


def initiatives_of(intake):
    return Initiative.objects.filter(intake_round_entry__round=intake)


def test_past_dossiers_live_in_their_round_s_year(demo):
    """Submitted, entered in that year's intake book and coded inside the round, accepted,
    scored and decided in order; their notices dated then and read by the end of the year."""
    for intake in past_rounds():
        for initiative in initiatives_of(intake).select_related("intake"):
            submitted = timezone.localdate(initiative.submitted_at)
            assert intake.opens_on <= submitted <= intake.closes_on
            assert initiative.code.startswith(f"SK-{intake.year}-")
            assert initiative.round == intake.year
            entry = initiative.intake
            assert (entry.year, timezone.localdate(entry.received_at)) == (intake.year, submitted)
            assert submitted < timezone.localdate(initiative.accepted_at) < intake.decided_on
            assert timezone.localdate(initiative.created_at) <= submitted
            assert initiative.first_applied_on < submitted
            assert initiative.decision_due >= intake.decided_on  # decided in time
            logs = initiative.transition_logs.order_by("pk")
            days = [timezone.localdate(log.created_at) for log in logs]
            assert days == sorted(days) and days[-1].year == intake.year
            assert {"submit", "accept", "complete_scoring"} <= {log.transition for log in logs}
            notices = Notification.objects.filter(initiative=initiative)
            assert notices.exists()
            assert not notices.filter(read_at=None).exists()
            assert all(n.created_at.year == intake.year for n in notices)
    numbers = IntakeEntry.objects.filter(year=past_rounds()[0].year).values_list(
        "number", flat=True
    )
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # the book restarts each year


def test_a_person_has_recognitions_in_three_years(demo):
    from initiatives.person_selectors import person_recognitions, persons

    years = {
        p.full_name: {a.initiative.decision_date.year for a in person_recognitions(p)}
        for p in persons()
        if p.recognitions
    }
    assert max(len(y) for y in years.values()) >= 3, years
    lan = Person.objects.get(folded_name="nguyen thi lan")
    assert len(years[lan.full_name]) == 3
    assert sum(len(y) >= 2 for y in years.values()) >= 3  # several people, several years


def test_the_council_sat_before_the_oldest_round(demo):
    council = Council.objects.get(decision_number="1234/QĐ-UBND")
    oldest = past_rounds().first()
    assert council.term_starts_on == council.decision_date < oldest.opens_on
    assert oldest.council == council
    assert timezone.localdate(council.created_at) == council.decision_date


def test_the_person_and_round_pages_of_the_demo(demo, client, settings):
    settings.DEBUG = True  # demo accounts are refused otherwise
    reviewer = User.objects.get(username="reviewer")
    client.force_login(reviewer)
    lan = Person.objects.get(folded_name="nguyen thi lan")
    page = client.get(f"/persons/{lan.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for intake in past_rounds():
        assert intake.decided_on.strftime("%d/%m/%Y") in text
    intake = past_rounds().last()
    page = client.get(f"/rounds/{intake.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for initiative in initiatives_of(intake):
        assert initiative.code in text


def test_a_demo_whose_council_came_later_loads_without_a_history(db):
    """A demo database from before the history: its council was set up after the past rounds
    would have opened, so they are left out rather than accepted by a council not yet sitting."""
    from common.clock import today

    with mock.patch("demo.council.decision_date", return_value=today()):
        output = load_demo()
    assert "Past rounds: 0 created" in output
    assert [r.status for r in Round.objects.all()] == ["open"]


def test_demo_authors_are_persons_and_some_have_several_recognitions(demo):
    """Authors are linked as the dossier form links them; nobody is split or merged by name."""
    from initiatives.person_selectors import persons

    assert not Initiative.objects.filter(authors__person__isnull=True).exists()
    lan = Person.objects.get(folded_name="nguyen thi lan")
    assert lan.authorships.count() >= 5
    recognized = {p.full_name: p.recognitions for p in persons() if p.recognitions}
    assert max(recognized.values()) >= 2, recognized


def test_the_demo_loads_in_rounds_mode_too(db, settings):
    """A province that takes dossiers only in rounds: this year's are submitted into the open
    round, which exists before them."""
    settings.ROUNDS_MODE = "rounds"
    load_demo()
    this_year = Round.objects.get(year=timezone.localdate().year)
    under_review = Initiative.objects.filter(
        status__in=(Status.DEPARTMENT_REVIEW, Status.COUNCIL_REVIEW, Status.AWAITING_DECISION),
        round=this_year.year,
        level="provincial",  # an agency takes its own dossiers all year, in no round
    )
    assert under_review.exists()
    assert not under_review.filter(intake_round_entry__isnull=True).exists()
