"""The batch decision of a round (issue 11): the leader recognizes the recommended dossiers
in one act — one decision number, date and signer for all — and declines the others, each with
its reason, in the same sitting.

Each dossier goes through the single-dossier service (initiative_recognize /
initiative_decline), so each keeps its own TransitionLog entry and notifications. All of them
run inside one outer transaction: when any dossier is refused (a state changed meanwhile, a
missing reason, a wrong actor), every problem is collected, named by the dossier's code, and
nothing at all is written."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.http import Http404
from django.utils.translation import gettext as _

from agencies import roles
from common import clock
from common.exceptions import Conflict
from initiatives.models import Initiative, Status

from .intake_rounds import Round, RoundDossier
from .round_page import recommended_awaiting_ids
from .services import initiative_decline, initiative_recognize

# The problems of these fields are the same for every dossier: shown once, on the field.
SHARED_FIELDS = ("decision_number", "decision_date", "signer_name", "signer_authority", "scope")


class BatchRefused(ValidationError):
    """The batch was refused: `fields` holds the shared fields' problems, `dossiers` the
    problems of each dossier by its code; `message_dict` holds both."""

    def __init__(self, fields: dict, dossiers: dict):
        self.fields, self.dossiers = fields, dossiers
        super().__init__(fields | dossiers)


def may_decide_round(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or roles.is_leader(user))


def recommended_ids(item) -> list[int]:
    """The dossiers the council recommends that still await the decision."""
    return recommended_awaiting_ids(item)


def _problems_of(error) -> dict[str, list[str]]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return dict(error.message_dict)
        return {"": list(error.messages)}
    return {"": [str(getattr(error, "message", error) or _("Refused."))]}


class _Collector:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}
        self.dossiers: dict[str, list[str]] = {}

    def add_dossier(self, code: str, message: str) -> None:
        messages = self.dossiers.setdefault(code, [])
        if message not in messages:
            messages.append(message)

    def add(self, code: str, error) -> None:
        for field, messages in _problems_of(error).items():
            for message in messages:
                if field in SHARED_FIELDS:
                    shared = self.fields.setdefault(field, [])
                    if message not in shared:
                        shared.append(message)
                else:
                    self.add_dossier(code, message)

    def __bool__(self):
        return bool(self.fields or self.dossiers)


def _members(item, ids) -> dict[int, Initiative]:
    entries = RoundDossier.objects.filter(round=item, initiative_id__in=ids).select_related(
        "initiative"
    )
    return {entry.initiative_id: entry.initiative for entry in entries}


def _label(initiative) -> str:
    return initiative.code or str(initiative.pk)


@transaction.atomic
def round_decide(
    *,
    round: Round,
    actor,
    decision_number: str = "",
    decision_date: date | None = None,
    signer_name: str = "",
    signer_authority: str = "",
    recognize=None,
    decline=None,
    reasons=None,
    comment: str = "",
) -> dict[str, list]:
    """Recognize `recognize` (default: the council-recommended dossiers still awaiting the
    decision) and decline `decline` ({id: reason}); `reasons` ({id: text}) gives a recognized
    dossier its own reason (needed against the council), else `comment` is used. A dossier in
    neither list is left untouched. Returns {"recognized": [...], "declined": [...]}."""
    if not may_decide_round(actor):
        raise PermissionDenied(_("Only the provincial leadership decides on a round."))
    item = Round.objects.select_for_update().get(pk=round.pk)
    decline = {int(k): (v or "") for k, v in (decline or {}).items()}
    reasons = {int(k): (v or "") for k, v in (reasons or {}).items()}
    if recognize is None:
        recognize = [pk for pk in recommended_ids(item) if pk not in decline]
    recognize = list(dict.fromkeys(int(pk) for pk in recognize))  # once each, in order
    members = _members(item, set(recognize) | set(decline))
    problems = _Collector()
    for pk in sorted(set(recognize) & set(decline)):
        if pk in members:
            problems.add_dossier(
                _label(members[pk]), _("A dossier cannot be both recognized and declined.")
            )
    for pk in sorted((set(recognize) | set(decline)) - set(members)):
        problems.add_dossier(str(pk), _("This dossier is not part of the round."))
    decision = {
        "decision_number": decision_number,
        "decision_date": decision_date,
        "signer_name": signer_name,
        "signer_authority": signer_authority,
    }
    done = {"recognized": [], "declined": []}
    for pk in recognize:
        if pk in members and pk not in decline:
            text = reasons.get(pk, "").strip() or comment
            _attempt(problems, members[pk], done["recognized"], initiative_recognize,
                     actor=actor, comment=text, **decision)  # fmt: skip
    for pk, reason in decline.items():
        if pk in members and pk not in recognize:
            _attempt(problems, members[pk], done["declined"], initiative_decline,
                     actor=actor, comment=reason)  # fmt: skip
    if problems:
        # Raising undoes everything this call wrote (the outer transaction).
        raise BatchRefused(problems.fields, problems.dossiers)
    _mark_decided(item, decision_date, done)
    return done


def _attempt(problems, initiative, done: list, service, **arguments) -> None:
    """Run one dossier's service in its own savepoint; a refusal is collected, not raised."""
    try:
        done.append(service(initiative=initiative, **arguments))
    except (ValidationError, Conflict, PermissionDenied, Http404) as error:
        problems.add(_label(initiative), error)


# A dossier in one of these states still waits for the province's answer on its round.
UNDECIDED_STATES = (
    Status.DEPARTMENT_REVIEW,
    Status.REVISION_REQUESTED,
    Status.COUNCIL_REVIEW,
    Status.AWAITING_DECISION,
)


def settle_round(item, decision_date=None) -> bool:
    """Mark the round decided (on the decision's date) once it has closed and none of its
    dossiers still waits for an answer — never while it still takes dossiers, so a leader who
    decides the first dossiers early leaves the round open. Whether it was marked."""
    if item.decided_on or clock.today() <= item.closes_on:
        return False
    if RoundDossier.objects.filter(round=item, initiative__status__in=UNDECIDED_STATES).exists():
        return False
    item.decided_on = decision_date or clock.today()
    item.save(update_fields=["decided_on"])
    return True


def _mark_decided(item, decision_date, done) -> None:
    if done["recognized"] or done["declined"]:
        settle_round(item, decision_date)


def settle_after_transition(sender, initiative, log, **kwargs) -> None:
    """A dossier answered on its own (recognized, declined, refused, withdrawn — not in a
    batch) may be the round's last."""
    if log.target in UNDECIDED_STATES or log.source not in UNDECIDED_STATES:
        return
    entry = (
        RoundDossier.objects.select_related("round")
        .filter(initiative_id=initiative.pk, round__decided_on__isnull=True)
        .first()
    )
    if entry is not None:
        settle_round(entry.round, initiative.decision_date)


def settle_closed_rounds() -> int:
    """Rounds that closed after their last dossier was answered: nothing else marks them.
    Safe to run any number of times. How many were marked decided."""
    waiting = RoundDossier.objects.filter(
        round=OuterRef("pk"), initiative__status__in=UNDECIDED_STATES
    )
    candidates = Round.objects.filter(
        decided_on__isnull=True, closes_on__lt=clock.today(), entries__isnull=False
    ).exclude(Exists(waiting))
    settled = 0
    for item in candidates.distinct().annotate(last=Max("entries__initiative__decision_date")):
        with transaction.atomic():
            locked = Round.objects.select_for_update().get(pk=item.pk)
            settled += settle_round(locked, item.last)
    return settled
