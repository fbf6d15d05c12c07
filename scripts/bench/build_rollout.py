"""The bench province, second part: councils at work, rounds, the rollout (adoption records and
their reports) and the demo accounts' notifications. Called by build.build."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from . import shape
from .build import BATCH
from .shape import explicit_timestamps

ADOPTIONS_PER_INITIATIVE = 100  # 1,000 initiatives in rollout x 100 = 100,000 at 100k dossiers
NOTIFICATIONS_PER_USER = 300


def councils(dossiers, context):
    """A council review (with its result once scored) and the seats' assignments for every
    dossier the council has seen."""
    from workflow.models import Council, CouncilAssignment, CouncilReview, Rubric

    council = Council.objects.filter(kind=Council.Kind.MAIN).order_by("pk").first()
    rubric = Rubric.objects.filter(is_active=True).first() or Rubric.objects.first()
    seats = list(council.members.filter(is_active=True))
    reviews, assignments = [], []
    for dossier in dossiers:
        if dossier.status not in shape.PAST_COUNCIL:
            continue
        scored = dossier.status != "council_review"
        started = dossier.bench_start + timedelta(days=3)
        reviews.append(
            CouncilReview(
                initiative_id=dossier.pk,
                rubric=rubric,
                council=council,
                voting=council.voting,
                started_at=started,
                completed_at=started + timedelta(days=10) if scored else None,
                meeting_date=timezone.localdate(started) + timedelta(days=10) if scored else None,
                total=Decimal("78.50") if scored else None,
                named_count=len(seats),
                present_count=len(seats) if scored else 0,
                agree_count=len(seats) - 1 if scored else 0,
                disagree_count=1 if scored else 0,
                member_count=len(seats) if scored else 0,
                recommended=(dossier.status != "rejected") if scored else None,
            )
        )
        for seat in seats:
            assignments.append(
                CouncilAssignment(
                    initiative_id=dossier.pk,
                    council_member=seat,
                    member_id=seat.user_id,
                    assigned_at=started,
                    present=True if scored else None,
                )
            )
    with explicit_timestamps(CouncilReview, CouncilAssignment):
        shape.insert(CouncilReview, reviews)
        shape.insert(CouncilAssignment, assignments)


def rounds(dossiers, context):
    """One round a year (the demo's where it made one); each submitted dossier in its year's."""
    from workflow.models import Council, Round, RoundDossier

    council = Council.objects.filter(kind=Council.Kind.MAIN).order_by("pk").first()
    today = context["today"]
    by_year = {}
    for item in Round.objects.order_by("year", "number"):
        by_year.setdefault(item.year, item)
    years = {d.bench_start.year for d in dossiers if d.status != "draft"}
    for year in sorted(years - set(by_year)):
        by_year[year] = Round.objects.create(
            year=year,
            number=1,
            title=f"Đợt I năm {year}",
            opens_on=date(year, 1, 1),
            closes_on=date(year, 12, 31),
            council=council,
            decided_on=date(year, 12, 31) if year < today.year else None,
        )
    taken = set(RoundDossier.objects.values_list("initiative_id", flat=True))
    rows = [
        RoundDossier(
            round=by_year[d.bench_start.year], initiative_id=d.pk, attached_at=d.bench_start
        )
        for d in dossiers
        if d.status != "draft" and d.pk not in taken
    ]
    with explicit_timestamps(RoundDossier):
        shape.insert(RoundDossier, rows)


def rollout(rng, dossiers, context):
    """Adoption records: up to 100 agencies per initiative in rollout, 10 per closed one; a
    result report for two applied records in three."""
    from adoption.models import Adoption, AdoptionReport

    today = context["today"]
    agencies = context["agencies"]
    statuses = ["assigned", "in_progress", "applied", "applied", "applied", "not_applicable"]
    rows = []
    for dossier in dossiers:
        if dossier.status not in ("rollout", "closed"):
            continue
        count = ADOPTIONS_PER_INITIATIVE if dossier.status == "rollout" else 10
        started = timezone.localdate(dossier.bench_start) + timedelta(days=15)
        for agency in rng.sample(agencies, min(count, len(agencies))):
            status = rng.choice(statuses)
            applied = (
                started + timedelta(days=rng.randrange(1, 200)) if status == "applied" else None
            )
            rows.append(
                Adoption(
                    initiative_id=dossier.pk,
                    agency=agency,
                    source="voluntary" if rng.random() < 0.2 else "mandated",
                    status=status,
                    due_date=today + timedelta(days=rng.randrange(-90, 150)),
                    started_on=applied or (started if status == "in_progress" else None),
                    applied_on=applied,
                    reason="Không phù hợp" if status == "not_applicable" else "",
                )
            )
    records = Adoption.objects.bulk_create(rows, batch_size=BATCH)
    reports = [
        AdoptionReport(
            adoption_id=record.pk,
            period="6 tháng đầu năm",
            result_summary="Đã áp dụng, rút ngắn thời gian xử lý.",
            processing_days_before=Decimal(10 + record.pk % 5),
            processing_days_after=Decimal("4.5"),
            dossiers_handled=20 + record.pk % 50,
            cost_saved_vnd=250_000 * (1 + record.pk % 8),
            period_due=record.applied_on + timedelta(days=180),
        )
        for record in records
        if record.status == "applied" and record.pk % 3
    ]
    shape.insert(AdoptionReport, reports)


def notifications(rng, dossiers, context):
    """A full inbox for each account that existed before the bench (the demo's): two in three
    read, the e-mails sent."""
    from notifications.models import Notification

    now = timezone.now()
    submitted = [d for d in dossiers if d.status != "draft"]
    rows = []
    for user in context["users"].values():
        for n in range(NOTIFICATIONS_PER_USER):
            dossier = rng.choice(submitted)
            created = now - timedelta(hours=n * 7 + rng.randrange(6))
            rows.append(
                Notification(
                    recipient_id=user.pk,
                    kind="transition",
                    initiative_id=dossier.pk,
                    subject=f"Hồ sơ {dossier.code}: đã chuyển bước",
                    message=f"Hồ sơ “{dossier.title}” đã chuyển sang bước mới.",
                    url=f"/initiatives/{dossier.pk}/",
                    created_at=created,
                    read_at=created + timedelta(hours=1) if n % 3 else None,
                    email_status="sent",
                    sent_at=created,
                )
            )
    with explicit_timestamps(Notification):
        shape.insert(Notification, rows)
