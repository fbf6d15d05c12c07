"""Build the bench province: the demo province (load_demo: the real agencies, accounts of every
role, the council, rounds) plus BENCH_DOSSIERS dossiers loaded in bulk, bypassing the services
for speed but consistent: codes and intake numbers unique per year and following the demo's,
a transition log that leads to each dossier's state, decision dates on decided dossiers."""

import random
import time
from datetime import datetime, timedelta
from datetime import time as dtime

from django.db import connection, transaction
from django.utils import timezone

from . import shape
from .shape import explicit_timestamps

BATCH = 5000
BENCH_PASSWORD = "bench-only-12345"


def build(total: int, *, seed: int = 14, out=print) -> dict:
    """Load the demo, then `total` dossiers and what hangs off them. Returns the row counts."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=_Null())
    out(f"  demo province loaded ({time.perf_counter() - started:.1f} s)")
    rng = random.Random(seed)
    with transaction.atomic():
        context = _context()
        persons = _persons(rng, total // 10, context)
        out(f"  {len(persons)} persons ({time.perf_counter() - started:.1f} s)")
        dossiers = _dossiers(rng, total, context)
        out(f"  {len(dossiers)} dossiers ({time.perf_counter() - started:.1f} s)")
        _authors_and_attachments(rng, dossiers, persons, context)
        out(f"  authors, attachments ({time.perf_counter() - started:.1f} s)")
        _logs_and_intake(rng, dossiers, context)
        out(f"  transition log, intake book ({time.perf_counter() - started:.1f} s)")
    from .build_rollout import councils, notifications, rollout, rounds

    with transaction.atomic():
        councils(dossiers, context)
        rounds(dossiers, context)
        out(f"  councils, rounds ({time.perf_counter() - started:.1f} s)")
        rollout(rng, dossiers, context)
        out(f"  adoptions ({time.perf_counter() - started:.1f} s)")
        notifications(rng, dossiers, context)
        _bench_accounts(context)
    from .build_documents import documents

    with transaction.atomic():
        issued = documents()
        out(f"  documents {issued} ({time.perf_counter() - started:.1f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh planner statistics and the visibility map (index-only scans), as
            # autovacuum gives a live database soon after a bulk load.
            cursor.execute("VACUUM ANALYZE")
    counts = table_counts()
    counts["build_seconds"] = round(time.perf_counter() - started, 1)
    return counts


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def _context() -> dict:
    from agencies.models import Agency, Membership, User
    from initiatives.models import Field

    agencies = list(
        Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.DISTRICT).order_by("pk")
    )
    users = {u.username: u for u in User.objects.all()}
    staff, heads = {}, {}
    for m in Membership.objects.filter(role__in=["agency_staff", "agency_head"]):
        (staff if m.role == "agency_staff" else heads).setdefault(m.agency_id, m.user_id)
    return {
        "today": timezone.localdate(),
        "agencies": agencies,
        "fields": list(Field.objects.values_list("code", flat=True)),
        "users": users,
        "staff": staff,
        "heads": heads,
        "reviewer": users["reviewer"].pk,
        "leader": users["leader"].pk,
    }


def _persons(rng, count, context):
    from agencies.models import Person
    from common.text import fold

    now = timezone.now()
    rows = []
    for n in range(count):
        name = shape.person_name(rng)
        agency = rng.choice(context["agencies"])
        rows.append(
            Person(
                full_name=name,
                folded_name=fold(name),
                agency=agency,
                birth_date=datetime(1960 + n % 40, 1 + n % 12, 1 + n % 28).date(),
                created_at=now,
                updated_at=now,
            )
        )
    with explicit_timestamps(Person):
        persons = Person.objects.bulk_create(rows, batch_size=BATCH)
    by_agency = {}
    for person in persons:
        by_agency.setdefault(person.agency_id, []).append(person)
    context["persons_by_agency"] = by_agency
    return persons


def _when(rng, state, today):
    """A dossier's year and the moment its story starts (its logs follow, 3 days apart)."""
    this_year = today.year
    year = this_year if state in shape.OPEN else this_year - rng.randrange(0, 5)
    start = datetime(year, 1, 2).date()
    end = min(datetime(year, 12, 31).date(), today - timedelta(days=40))
    if end <= start:
        end = start + timedelta(days=1)
    day = start + timedelta(days=rng.randrange((end - start).days))
    moment = datetime.combine(day, dtime(8 + rng.randrange(9), rng.randrange(60)))
    return year, timezone.make_aware(moment)


def _dossiers(rng, total, context):
    from common.text import fold
    from initiatives.models import Initiative

    today = context["today"]
    states = [s for s, count in shape.state_counts(total).items() for _ in range(count)]
    rng.shuffle(states)
    rows = []
    for n, state in enumerate(states):
        agency = context["agencies"][n % len(context["agencies"])]
        year, start = _when(rng, state, today)
        steps = len(shape.path_for(state))
        updated = start + timedelta(days=3 * max(steps - 1, 0), hours=1)
        name = shape.title(rng, n)
        description = f"Mô tả giải pháp {name.lower()} tại {agency.name}."
        row = Initiative(
            title=name,
            description=description,
            problem="Thủ tục kéo dài, nhiều giấy tờ.",
            field_id=context["fields"][n % len(context["fields"])],
            agency=agency,
            state_funded=bool(n % 2),
            round=year,
            status=state,
            created_by_id=context["staff"].get(agency.pk),
            created_at=start - timedelta(days=2),
            updated_at=updated,
            benefit_amount_vnd=1_000_000 * (1 + n % 50),
            truthfulness_declared=state != "draft",
            public_order_declared=state != "draft",
            no_ip_protection_declared=state != "draft",
            search_text=fold(f"{name} {description}"),
        )
        row.bench_start = start
        _deadlines_and_decision(rng, row, state, today, updated, n)
        rows.append(row)
    _codes(rows)
    with explicit_timestamps(Initiative):
        created = Initiative.objects.bulk_create(rows, batch_size=BATCH)
    for row, made in zip(rows, created, strict=True):
        made.bench_start = row.bench_start
    return created


def _codes(rows):
    """SK-<year>-<n> in the order of submission, following the codes the demo handed out."""
    from initiatives.models import CodeSequence

    codes = dict(CodeSequence.objects.values_list("year", "last"))
    for row in sorted((r for r in rows if r.status != "draft"), key=lambda r: r.bench_start):
        year = row.bench_start.year
        codes[year] = codes.get(year, 0) + 1
        row.code = f"SK-{year}-{codes[year]:04d}"
    for year, last in codes.items():
        CodeSequence.objects.update_or_create(year=year, defaults={"last": last})


def _deadlines_and_decision(rng, row, state, today, updated, n):
    if state != "draft":
        row.submitted_at = row.bench_start
    if state == "department_review":
        row.review_due = today + timedelta(days=rng.randrange(-10, 25))
    elif state == "revision_requested":
        row.revision_due = today + timedelta(days=rng.randrange(-10, 30))
    elif state in ("council_review", "awaiting_decision"):
        row.accepted_at = row.bench_start + timedelta(days=3)
        row.decision_due = today + timedelta(days=rng.randrange(-20, 60))
    elif state == "appeal_review":
        row.appealed_from = "rejected"
        row.appeal_filed_at = updated
        row.appeal_due = today + timedelta(days=rng.randrange(-5, 30))
    if state in shape.PAST_COUNCIL:
        row.accepted_at = row.accepted_at or row.bench_start + timedelta(days=3)
    if state in shape.DECIDED:
        row.decided_at = updated
        row.decision_date = timezone.localdate(updated)
        row.decision_number = f"{n + 1}/QĐ-UBND"
        row.signer_name = "Nguyễn Văn Chủ"
        row.signer_authority = "chairman"
    if state in shape.RECOGNIZED:
        row.scope = "provincial" if n % 3 else "agency"
    if state == "revoked":
        row.revocation_number = f"{n + 1}/QĐ-TH"
        row.revocation_date = timezone.localdate(updated)


def _authors_and_attachments(rng, dossiers, persons, context):
    from initiatives.models import Attachment, Author

    shares = {1: [100], 2: [60, 40], 3: [50, 30, 20]}
    authors, attachments = [], []
    for dossier in dossiers:
        pool = context["persons_by_agency"].get(dossier.agency_id) or persons
        for order, share in enumerate(shares[1 + dossier.pk % 3]):
            person = rng.choice(pool)
            authors.append(
                Author(
                    initiative_id=dossier.pk,
                    person_id=person.pk,
                    full_name=person.full_name,
                    birth_date=person.birth_date,
                    workplace=dossier.agency.name,
                    position="Chuyên viên",
                    contribution_percent=share,
                    order=order,
                )
            )
        if dossier.status == "draft":
            continue
        for kind, name in (("mo_ta", "mo-ta.pdf"), ("minh_chung", "minh-chung.pdf")):
            attachments.append(
                Attachment(
                    initiative_id=dossier.pk,
                    kind=kind,
                    file=f"attachments/{dossier.pk}/{name}",
                    original_name=name,
                    content_type="application/pdf",
                    size=100_000 + dossier.pk % 900_000,
                    uploaded_by_id=dossier.created_by_id,
                    uploaded_at=dossier.bench_start - timedelta(days=1),
                )
            )
    shape.insert(Author, authors)
    with explicit_timestamps(Attachment):
        shape.insert(Attachment, attachments)


def _logs_and_intake(rng, dossiers, context):
    from workflow.models import IntakeEntry, IntakeSequence

    numbers = dict(IntakeSequence.objects.values_list("year", "last"))
    submitted = sorted((d for d in dossiers if d.status != "draft"), key=lambda d: d.bench_start)
    logs, entries = [], []
    for dossier in submitted:
        year = dossier.bench_start.year
        numbers[year] = numbers.get(year, 0) + 1
        entries.append(
            IntakeEntry(
                initiative_id=dossier.pk,
                year=year,
                number=numbers[year],
                received_at=dossier.bench_start,
                submitted_by_id=dossier.created_by_id,
                title=dossier.title,
                attachments=["mo-ta.pdf", "minh-chung.pdf"],
                review_due=timezone.localdate(dossier.bench_start) + timedelta(days=20),
                promised_result_on=timezone.localdate(dossier.bench_start) + timedelta(days=60),
            )
        )
        for step, name in enumerate(shape.path_for(dossier.status)):
            source, target = shape.TARGETS[name]
            who = shape.ACTOR[name]
            actor = {
                "staff": dossier.created_by_id,
                "head": context["heads"].get(dossier.agency_id),
                "reviewer": context["reviewer"],
                "leader": context["leader"],
            }[who]
            comment = "Đề nghị bổ sung hồ sơ." if name == "request_revision" else ""
            at = dossier.bench_start + timedelta(days=3 * step)
            logs.append((dossier.pk, name, source, target, actor, shape.ROLE[who], comment, {}, at))
        if len(logs) >= 50_000:
            _flush_logs(logs)
    _flush_logs(logs)
    shape.insert(IntakeEntry, entries)
    for year, last in numbers.items():
        IntakeSequence.objects.update_or_create(year=year, defaults={"last": last})


def _flush_logs(logs):
    from workflow.models import TransitionLog

    columns = ["initiative_id", "transition", "source", "target", "actor_id", "role", "comment",
               "data", "created_at"]  # fmt: skip
    with explicit_timestamps(TransitionLog):
        shape.insert_tuples(TransitionLog, columns, logs)
    logs.clear()


def _bench_accounts(context):
    """The demo accounts, usable with DEBUG off: not demo any more, a bench password."""
    from django.contrib.auth.hashers import make_password

    from agencies.models import User

    User.objects.filter(is_demo=True).update(is_demo=False, password=make_password(BENCH_PASSWORD))


def table_counts() -> dict:
    from adoption.models import Adoption, AdoptionReport
    from agencies.models import Agency, Person, User
    from documents.models import Document
    from initiatives.models import Attachment, Author, Initiative
    from notifications.models import Notification
    from workflow.models import (
        CouncilAssignment,
        CouncilReview,
        IntakeEntry,
        Round,
        RoundDossier,
        TransitionLog,
    )

    models = [Agency, User, Person, Initiative, Author, Attachment, TransitionLog, IntakeEntry,
              CouncilReview, CouncilAssignment, Round, RoundDossier, Adoption, AdoptionReport,
              Notification, Document]  # fmt: skip
    counts = {model._meta.label: model.objects.count() for model in models}
    counts["in rollout"] = Initiative.objects.filter(status="rollout").count()
    return counts
