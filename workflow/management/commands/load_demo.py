"""Load the demo province (DESIGN.md §7): agencies, demo accounts and dossiers in every state.

Idempotent: agencies are matched by code, people by username, dossiers by title; what exists is
left as it is. Dossiers are created and moved through the real services (workflow.scenarios),
so the demo has the same logs, notifications and adoption records as real use.
"""

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from adoption import services as adoption_services
from adoption.models import Adoption
from agencies.models import Agency, Membership, User
from agencies.services import agencies_load_province
from common.text import nfc
from initiatives.models import Initiative
from initiatives.services import initiative_create
from workflow import scoresheets, services
from workflow.scenarios import Cast, advance

from ._demo_data import AUTHORS, COUNCIL, DEMO_USERS, DOSSIERS, SUPERUSERS, SUPPORTING_USERS

DEMO_PASSWORD = "demo12345"
EMAIL_DOMAIN = "demo.thainguyen.gov.vn"
A = Adoption.Status


class Command(BaseCommand):
    help = (
        "Load the demo province: the Thái Nguyên agencies, the demo accounts (password "
        f"{DEMO_PASSWORD}, refused when DEBUG is off) and about 30 dossiers in every state. "
        "Running it again changes nothing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        agencies = agencies_load_province()
        people, users_created = _ensure_people()
        built = _ensure_dossiers(people, timezone.localdate())
        self._summary(agencies, users_created, built)

    def _summary(self, agencies, users_created, built):
        titles = [nfc(spec["title"]) for spec in DOSSIERS]
        by_state = Counter(
            Initiative.objects.filter(title__in=titles).values_list("status", flat=True)
        )
        people = len(DEMO_USERS) + len(SUPPORTING_USERS)
        self.stdout.write(
            f"Agencies: {agencies.created} created, {agencies.updated} updated, "
            f"{agencies.unchanged} unchanged."
        )
        self.stdout.write(f"Users: {users_created} created, {people - users_created} existing.")
        self.stdout.write(f"Dossiers: {built} created, {len(DOSSIERS) - built} already present.")
        self.stdout.write(
            "By state: "
            + ", ".join(f"{state}={count}" for state, count in sorted(by_state.items()))
        )
        # API tokens are stored hashed, so none is made here to be shown later: each client asks.
        self.stdout.write(
            "API token (DEBUG on): POST /api/v1/auth/token/ with "
            f'{{"username": "reviewer", "password": "{DEMO_PASSWORD}"}}.'
        )


# --- People -----------------------------------------------------------------------------------


def _ensure_people() -> tuple[dict[str, User], int]:
    """Every demo user with their memberships, by username, and how many were created."""
    codes = {code for _u, _n, roles in DEMO_USERS + SUPPORTING_USERS for _r, code in roles}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    people, created = {}, 0
    for username, full_name, roles in DEMO_USERS + SUPPORTING_USERS:
        user, is_new = _ensure_user(username, full_name, password)
        created += is_new
        for role, code in roles:
            Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
        people[username] = user
    return people, created


def _ensure_user(username, full_name, password) -> tuple[User, bool]:
    """Create the account, or bring an existing one back to its demo values (not the password)."""
    superuser = username in SUPERUSERS
    values = {
        "full_name": nfc(full_name),
        "email": f"{username}@{EMAIL_DOMAIN}",
        "is_demo": True,
        "is_staff": superuser,
        "is_superuser": superuser,
        "is_active": True,
    }
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, password=password, **values)
        user.save()
        return user, True
    changed = {name: value for name, value in values.items() if getattr(user, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
    return user, False


def _people_by_agency() -> dict[str, dict[str, str]]:
    """{agency code: {role: username}}: who reports an adoption for an agency."""
    result = {}
    for username, _name, roles in DEMO_USERS + SUPPORTING_USERS:
        for role, code in roles:
            result.setdefault(code, {}).setdefault(role, username)
    return result


AGENCY_PEOPLE = _people_by_agency()


# --- Dossiers ---------------------------------------------------------------------------------


def _ensure_dossiers(people, today: date) -> int:
    titles = [nfc(spec["title"]) for spec in DOSSIERS]
    existing = set(Initiative.objects.filter(title__in=titles).values_list("title", flat=True))
    agencies = {a.code: a for a in Agency.objects.all()}
    built = 0
    for spec, title in zip(DOSSIERS, titles, strict=True):
        if title not in existing:
            _build(spec, people, agencies, today)
            built += 1
    return built


def _build(spec, people, agencies, today):
    agency = agencies[spec["agency"]]
    author = people[spec["by"]]
    initiative = initiative_create(
        actor=author,
        agency_id=agency.pk,
        data=_dossier_fields(spec, agency, today),
        authors=[_author(row, agency) for row in spec["authors"]],
        participants=[_participant(row, agency) for row in spec["participants"]],
    )
    cast = Cast(
        agency_user=author,
        reviewer=people["reviewer"],
        council=[people[username] for username in COUNCIL],
        leader=people["leader"],
        rollout_agencies=[agencies[code] for code in spec.get("rollout", ())],
    )
    if "scores" in spec:
        cast.scores = spec["scores"]
    initiative = advance(initiative, spec["state"], cast, today=today)
    for code, status, detail in spec.get("adoptions", ()):
        _adopt(initiative, agencies[code], status, detail, people, today)
    if "then" in spec:
        step, argument = spec["then"]
        FOLLOW_UPS[step](initiative, argument, cast, people)


def _dossier_fields(spec, agency, today) -> dict:
    fields = {
        name: spec.get(name, "")
        for name in (
            "title", "problem", "description", "applicability", "conditions",
            "benefits_author", "benefits_first_adopters", "confidential_info",
        )
    }  # fmt: skip
    return fields | {
        "field_id": spec.get("field", "cai_cach_hanh_chinh"),
        "investor": spec.get("investor", agency.name),
        "state_funded": True,
        "first_applied_on": today - timedelta(days=spec["applied_days_ago"]),
        "benefit_amount_vnd": spec.get("benefit_amount_vnd"),
        "truthfulness_declared": True,
    }


def _author(row, agency) -> dict:
    key, percent = row
    full_name, birth, position, qualification, *workplace = AUTHORS[key]
    return {
        "full_name": full_name,
        "birth_date": datetime.strptime(birth, "%d/%m/%Y").date(),
        "workplace": workplace[0] if workplace else agency.name,
        "position": position,
        "qualification": qualification,
        "contribution_percent": Decimal(percent),
    }


def _participant(row, agency) -> dict:
    full_name, position, task = row
    return {"full_name": full_name, "workplace": agency.name, "position": position, "task": task}


# --- Rollout: the adopting agencies' progress and reports --------------------------------------


def _adopt(initiative, agency, status, detail, people, today):
    roles = AGENCY_PEOPLE[agency.code]
    staff = people[roles["agency_staff"]]
    adoption = Adoption.objects.get(initiative=initiative, agency=agency)
    if status == A.NOT_APPLICABLE:
        adoption_services.adoption_update(
            adoption=adoption, actor=staff, data={"status": A.NOT_APPLICABLE, "reason": detail}
        )
        return
    adoption = adoption_services.adoption_update(
        adoption=adoption, actor=staff, data={"status": A.IN_PROGRESS}
    )
    # The head's report is confirmed on the spot; a staff member's waits for the head.
    reporter = people[roles["agency_head"]] if status == A.APPLIED else staff
    if detail:
        adoption_services.report_add(adoption=adoption, actor=reporter, data=_report(detail, today))
    if status == A.APPLIED:
        adoption_services.adoption_update(
            adoption=adoption, actor=reporter, data={"status": A.APPLIED}
        )


def _report(detail: dict, today: date) -> dict:
    data = dict(detail, period=f"Tháng {today:%m/%Y}")
    for name in ("processing_days_before", "processing_days_after"):
        if name in data:
            data[name] = Decimal(data[name])
    return data


# --- Follow-ups: where a dossier goes after the standard path ----------------------------------


def _score_sheets(initiative, plan, cast, people):
    """Council members named in plan submit their sheet or save a draft; the others wait."""
    for username in plan.get("submitted", ()):
        scoresheets.scoresheet_save(
            initiative_id=initiative.pk, actor=people[username], scores=cast.scores,
            vote="agree", comment="Giải pháp thiết thực, có khả năng nhân rộng.", submit=True,
        )  # fmt: skip
    for username in plan.get("drafts", ()):
        scoresheets.scoresheet_save(
            initiative_id=initiative.pk, actor=people[username],
            scores={"novelty": cast.scores["novelty"]}, comment="Đang xem xét số liệu minh chứng.",
        )  # fmt: skip


def _resubmit(initiative, comment, cast, people):
    services.initiative_resubmit(initiative=initiative, actor=cast.agency_user, comment=comment)


def _request_revision(initiative, comment, cast, people):
    services.initiative_request_revision(
        initiative=initiative, actor=cast.reviewer, comment=comment
    )


def _reject(initiative, comment, cast, people):
    services.initiative_reject(initiative=initiative, actor=cast.reviewer, comment=comment)


def _withdraw(initiative, comment, cast, people):
    services.initiative_withdraw(initiative=initiative, actor=cast.agency_user, comment=comment)


def _decline(initiative, comment, cast, people):
    services.initiative_decline(initiative=initiative, actor=cast.leader, comment=comment)


def _close_rollout(initiative, comment, cast, people):
    services.initiative_close_rollout(initiative=initiative, actor=cast.leader, comment=comment)


def _adopt_voluntary(initiative, username, cast, people):
    adoption = adoption_services.adoption_create_voluntary(
        initiative=initiative, actor=people[username]
    )
    adoption_services.adoption_update(
        adoption=adoption, actor=people[username], data={"status": A.IN_PROGRESS}
    )


FOLLOW_UPS = {
    "sheets": _score_sheets,
    "resubmit": _resubmit,
    "request_revision": _request_revision,
    "reject": _reject,
    "withdraw": _withdraw,
    "decline": _decline,
    "close_rollout": _close_rollout,
    "adopt_voluntary": _adopt_voluntary,
}
