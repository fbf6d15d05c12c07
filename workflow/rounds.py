"""Rounds (đợt xét): the reads (lists for the API and the screen, a constant number of
queries), the one write (round_save, by reviewers and administrators), the submission gate
of ROUNDS_MODE = "rounds", and the notices to agencies when a round opens and before it closes
(a reminder source, sent once each by notifications through workflow.reminders)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Agency
from agencies.selectors import agency_people_by_agency
from common import clock
from initiatives.models import Level, Status

from .intake_rounds import Round, RoundDossier, RoundStatus
from .reminders import Line, Reminder

ROLLING, ROUNDS = "rolling", "rounds"
SOURCE = "rounds"
ROUND_FIELDS = ("year", "number", "title", "opens_on", "closes_on", "council", "decided_on")
# What the rounds screen edits: the decision date is the decision's own (round_decision).
SCREEN_FIELDS = ROUND_FIELDS[:-1]
YEARS = (2000, 2100)
MAX_ROUNDS_A_YEAR = 99


def rounds_mode() -> bool:
    """Whether dossiers are taken only inside an open round (else: all year, "rolling")."""
    return getattr(settings, "ROUNDS_MODE", ROLLING) == ROUNDS


def _in_rounds(initiative) -> bool:
    """The province's rounds take provincial dossiers; an agency takes its own all year."""
    return rounds_mode() and initiative.level != Level.AGENCY


def may_manage_rounds(user) -> bool:
    """The standing office (reviewers of the Department of S&T) and administrators."""
    return bool(getattr(user, "is_superuser", False) or roles.is_reviewer(user))


def may_see_rounds(user) -> bool:
    """Everyone logged in: agencies must know when they may submit."""
    return bool(getattr(user, "is_authenticated", False))


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- Reads --------------------------------------------------------------------------------------


def rounds_list(*, year: int | None = None, status: str | None = None):
    """Rounds with their council and fields, newest first."""
    queryset = Round.objects.select_related("council").prefetch_related("fields")
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.with_status(status)
    return queryset.order_by("-year", "-number", "-id")


def round_detail(pk):
    return rounds_list().filter(pk=pk).first()


def _covering(field_code: str):
    """Rounds that take dossiers of this field (a round with no field takes every field)."""
    return Round.objects.filter(Q(fields__isnull=True) | Q(fields__code=field_code)).distinct()


def open_round_for(field_code: str, today: date):
    return _covering(field_code).with_status(RoundStatus.OPEN, today).order_by("closes_on").first()


def next_round_for(field_code: str, today: date):
    return (
        _covering(field_code)
        .with_status(RoundStatus.PLANNED, today)
        .order_by("opens_on", "id")
        .first()
    )


# --- The submission gate ------------------------------------------------------------------------


def round_submission_problems(initiative, today: date) -> dict[str, list[str]]:
    """In rounds mode, a dossier is submitted only while a round covering its field is open;
    the agency is told which round comes next, or that none is planned."""
    if not _in_rounds(initiative) or open_round_for(initiative.field_id, today):
        return {}
    upcoming = next_round_for(initiative.field_id, today)
    if upcoming is None:
        message = _(
            "No round is open for this field and none is planned: the dossier can be submitted "
            "once the Department of S&T opens a round."
        )
    else:
        message = _(
            "No round is open for this field. The next round is “%(title)s”, opening on %(date)s."
        ) % {"title": upcoming.title, "date": _fmt(upcoming.opens_on)}
    return {"round": [message]}


def round_attach(initiative, today: date) -> None:
    """In rounds mode, the dossier joins the open round of its field (once: a dossier keeps
    its round)."""
    if not _in_rounds(initiative):
        return
    found = open_round_for(initiative.field_id, today)
    if found is not None:
        RoundDossier.objects.get_or_create(initiative=initiative, defaults={"round": found})


# --- The write ----------------------------------------------------------------------------------


def round_problems(data: dict, fields, current=None) -> dict[str, list[str]]:
    """What is wrong with a round as entered, per field, in Vietnamese."""
    problems: dict[str, list[str]] = {}

    def add(name, message):
        problems.setdefault(name, []).append(message)

    if not (data.get("title") or "").strip():
        add("title", _("Give the round a title."))
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        add("closes_on", _("A round cannot close before it opens."))
    year, number = data.get("year"), data.get("number")
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        add("year", _("The year must be between %(low)s and %(high)s.")
            % {"low": YEARS[0], "high": YEARS[1]})  # fmt: skip
        year = None
    if number is not None and not 1 <= number <= MAX_ROUNDS_A_YEAR:
        add("number", _("A round's number goes from 1 to %(high)s.")
            % {"high": MAX_ROUNDS_A_YEAR})  # fmt: skip
        number = None
    for name, day in (("opens_on", opens), ("closes_on", closes)):
        if year and day and abs(day.year - year) > 1:
            add(name, _("This date is far from the round's year (%(year)s).") % {"year": year})
    _decision_date_problems(data.get("decided_on"), opens, add)
    others = Round.objects.exclude(pk=getattr(current, "pk", None))
    if year and number and others.filter(year=year, number=number).exists():
        add("number", _("Round %(number)s of %(year)s already exists.")
            % {"number": number, "year": year})  # fmt: skip
    if opens and closes and closes >= opens:
        clash = _overlapping(others, opens, closes, fields)
        if clash is not None:
            add("opens_on", _("The round overlaps “%(title)s” (%(opens)s – %(closes)s) for a "
                              "field both take.") % {"title": clash.title,
                                                     "opens": _fmt(clash.opens_on),
                                                     "closes": _fmt(clash.closes_on)})  # fmt: skip
    return problems


def _decision_date_problems(decided, opens, add) -> None:
    """A round's decision date is normally set by the decision itself (round_decision); typed
    in (a round decided before the system was used), it lies between the opening and today."""
    if decided is None:
        return
    if decided > clock.today():
        add("decided_on", _("The decision date cannot be in the future."))
    elif opens and decided < opens:
        add("decided_on", _("The decision cannot come before the round opens."))


def _overlapping(others, opens: date, closes: date, fields):
    """A round whose dates overlap and which takes a field this one takes (no field: every one)."""
    codes = {f.code for f in fields}
    candidates = others.filter(opens_on__lte=closes, closes_on__gte=opens).prefetch_related(
        "fields"
    )
    for other in candidates.order_by("opens_on", "id"):
        theirs = {f.code for f in other.fields.all()}
        if not codes or not theirs or codes & theirs:
            return other
    return None


@transaction.atomic
def round_save(*, actor, data: dict, fields=(), current=None) -> Round:
    """Create a round (current None) or change one; `fields` empty means every field."""
    if not may_manage_rounds(actor):
        raise PermissionDenied(_("Only the Department of S&T's reviewers manage rounds."))
    fields = list(fields)
    if current is not None:
        current = Round.objects.select_for_update().get(pk=current.pk)
    problems = round_problems(data, fields, current)
    if problems:
        raise ValidationError(problems)
    instance = current or Round()
    for name in ROUND_FIELDS:
        if name in data:
            setattr(instance, name, data[name])
    try:
        with transaction.atomic():  # a concurrent save of the same number loses here, not in a 500
            instance.save()
    except IntegrityError as error:
        raise ValidationError(
            {
                "number": [
                    _("Round %(number)s of %(year)s already exists.")
                    % {"number": instance.number, "year": instance.year}
                ]
            }
        ) from error
    instance.fields.set(fields)
    return instance


# --- Notices to agencies ------------------------------------------------------------------------


def _round_text(title, opens: date, closes: date, codes) -> str:
    text = gettext("Round: %(title)s, open from %(opens)s to %(closes)s.") % {
        "title": title,
        "opens": _fmt(opens),
        "closes": _fmt(closes),
    }
    covered = ", ".join(codes) if codes else gettext("every field")
    return text + " " + gettext("Fields: %(fields)s.") % {"fields": covered}


def _agency_people() -> list:
    """Staff and heads of every active agency, each once (two queries)."""
    ids = list(Agency.objects.filter(is_active=True).values_list("pk", flat=True))
    seen, people = set(), []
    for users in agency_people_by_agency(ids).values():
        for user in users:
            if user.pk not in seen:
                seen.add(user.pk)
                people.append(user)
    return people


def round_reminders(day: date) -> list[Reminder]:
    """The opening notice of every open round, and the closing notice once a round closes in
    ROUND_CLOSING_REMIND_DAYS days or fewer; keys hold the date, so a moved date is told again."""
    remind = timedelta(days=settings.ROUND_CLOSING_REMIND_DAYS)
    open_rounds = list(
        Round.objects.with_status(RoundStatus.OPEN, day)
        .prefetch_related("fields")
        .order_by("opens_on", "id")
    )
    if not open_rounds:
        return []
    people = [(user, True) for user in _agency_people()]
    reminders = []
    for item in open_rounds:
        names = [f.name for f in item.fields.all()]
        line = Line(_round_text, item.title, item.opens_on, item.closes_on, names)
        common = {"initiative": None, "due": item.closes_on, "recipients": people,
                  "details": (line,), "url": reverse("workflow:rounds")}  # fmt: skip
        key = f"round:{item.pk}:opened:{item.opens_on.isoformat()}"
        reminders.append(Reminder(key=key, kind="round_opened", **common))
        if item.closes_on - remind <= day:
            key = f"round:{item.pk}:closing:{item.closes_on.isoformat()}"
            reminders.append(Reminder(key=key, kind="round_closing", **common))
    return reminders


# --- The round page -----------------------------------------------------------------------------


def may_see_round_page(user) -> bool:
    """The standing office and the leadership (who decide on the round's dossiers)."""
    return may_manage_rounds(user) or roles.is_leader(user)


def round_dossiers(item) -> list:
    """The round's dossiers with their agency and council result (one query); a dossier
    withdrawn is no longer part of the round."""
    entries = (
        RoundDossier.objects.filter(round=item)
        .exclude(initiative__status__in=(Status.DRAFT, Status.WITHDRAWN))
        .select_related("initiative__agency", "initiative__council_review")
        .order_by("initiative__code", "initiative_id")
    )
    return [entry.initiative for entry in entries]


def _result(initiative):
    review = getattr(initiative, "council_review", None)
    return review if review is not None and review.completed_at else None


def round_overview(item) -> dict:
    """The dossiers by state (in the order of the procedure, each with the deadline it is
    working against), the council's results ranked by mean total (highest first), the dossiers
    it recommends for recognition — the basis of the standing office's Tờ trình — and the
    earliest legal decision date among the dossiers not decided yet."""
    dossiers = round_dossiers(item)
    by_state: dict[str, list] = {}
    for initiative in dossiers:
        by_state.setdefault(initiative.status, []).append(initiative)
    results = [(i, _result(i)) for i in dossiers if _result(i) is not None]
    results.sort(key=lambda pair: (-(pair[1].total or 0), pair[0].code or ""))
    order = {status: rank for rank, status in enumerate(Status.values)}
    deciding = (Status.COUNCIL_REVIEW, Status.AWAITING_DECISION)
    decision_dues = [i.decision_due for i in dossiers if i.decision_due and i.status in deciding]
    return {
        "count": len(dossiers),
        "by_state": sorted(by_state.items(), key=lambda pair: order.get(pair[0], 99)),
        "results": results,
        "recommended": [i for i, review in results if review.recommended],
        "dossiers": dossiers,
        "first_decision_due": min(decision_dues, default=None),
    }


@transaction.atomic
def round_add_dossiers(*, actor, intake, initiatives) -> int:
    """Put dossiers taken outside any round (rolling mode, or before rounds were used) into a
    round, by the standing office; a dossier already in a round keeps it. How many were added."""
    if not may_manage_rounds(actor):
        raise PermissionDenied(_("Only the Department of S&T's reviewers manage rounds."))
    added = 0
    for initiative in initiatives:
        if initiative.status in (Status.DRAFT, Status.WITHDRAWN):
            continue
        _entry, created = RoundDossier.objects.get_or_create(
            initiative=initiative, defaults={"round": intake}
        )
        added += created
    return added
