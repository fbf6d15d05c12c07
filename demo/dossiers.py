"""The demo dossiers (demo.data.DOSSIERS): created through initiatives.services and driven to
their state through the real workflow services (workflow.scenarios), so the demo has the same
logs, notifications and adoption records as real use."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from agencies.models import Agency
from common.text import nfc
from initiatives.models import Initiative
from initiatives.services import initiative_create
from workflow.scenarios import Cast, advance, attach_agency_decision

from .data import AUTHORS, COUNCIL, DOSSIERS
from .follow_ups import FOLLOW_UPS
from .rollout import adopt
from .rounds import attach_under_review, ensure_open_round


def ensure_dossiers(people, today: date, council) -> int:
    """Build the dossiers not there yet (matched by title); how many were built."""
    titles = [nfc(spec["title"]) for spec in DOSSIERS]
    existing = set(Initiative.objects.filter(title__in=titles).values_list("title", flat=True))
    agencies = {a.code: a for a in Agency.objects.all()}
    intake = ensure_open_round(people, today, council)
    built = 0
    for spec, title in zip(DOSSIERS, titles, strict=True):
        if title not in existing:
            _build(spec, people, agencies, today, council)
            built += 1
    if intake is not None:
        attach_under_review(people, intake, titles)
    return built


def create_dossier(spec, people, agencies, today):
    """The draft of a spec, by its agency's user, with its cơ sở decision attached."""
    agency = agencies[spec["agency"]]
    author = people[spec["by"]]
    initiative = initiative_create(
        actor=author,
        agency_id=agency.pk,
        data=_dossier_fields(spec, agency, today),
        authors=[_author(row, agency) for row in spec["authors"]],
        participants=[_participant(row, agency) for row in spec["participants"]],
        level=spec.get("level", "provincial"),
    )
    if initiative.level == "agency":  # this dossier is how the cơ sở decision comes about
        return initiative
    # Even a demo draft carries its cơ sở decision, so it can be submitted as it stands.
    return attach_agency_decision(initiative, author)


def _build(spec, people, agencies, today, council):
    initiative = create_dossier(spec, people, agencies, today)
    author = people[spec["by"]]
    cast = Cast(
        agency_user=author,
        reviewer=people["reviewer"],
        council=[people[username] for username in COUNCIL],
        council_body=council,
        leader=people["leader"],
        rollout_agencies=[agencies[code] for code in spec.get("rollout", ())],
    )
    if "scores" in spec:
        cast.scores = spec["scores"]
    cast.decision_reason = spec.get("decision_reason", "")
    initiative = advance(initiative, spec["state"], cast, today=today)
    for code, status, detail in spec.get("adoptions", ()):
        adopt(initiative, agencies[code], status, detail, people, today)
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
        "public_order_declared": True,
        "no_ip_protection_declared": True,
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
