"""Deadline reminders: a few days before each stage's deadline and on the day after it passes.

| stage              | deadline     | "soon" (N days before)          | "overdue" (the day after)  |
|--------------------|--------------|---------------------------------|----------------------------|
| department_review  | review_due   | reviewers                       | reviewers                  |
| revision_requested | revision_due | the submitting agency           | — (`expire` refuses it)    |
| council_review     | decision_due | members who have not submitted  | the same, and reviewers    |
|                    |              | their sheet (all have: the      |                            |
|                    |              | reviewers, to complete scoring) |                            |
| awaiting_decision  | decision_due | leaders                         | leaders, and reviewers     |
| appeal_review      | appeal_due   | reviewers (appeal against a     | the same                   |
|                    | (45 days if  | refusal) or leaders (against a  |                            |
|                    | complex)     | non-recognition)                |                            |

N is the stage's DeadlineRule.remind_days_before, counted in working days when the rule counts
working days. Each reminder is claimed with the key "<stage>:<dossier>:<deadline>:soon|overdue"
(notifications.reminding: once however often the beat runs, again only for a new deadline). A
tick that was missed is caught up: "soon" fires while the deadline is at most N days away and not
yet passed, "overdue" any day after it passed while the dossier is still in that stage.
"""

from dataclasses import dataclass
from datetime import date

from celery import shared_task
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencies.models import Role
from agencies.selectors import agency_people_by_agency
from common import clock
from initiatives.models import Initiative, Level, Status
from workflow import deadlines
from workflow.models import CouncilAssignment, DeadlineRule
from workflow.reminders import (
    OVERDUE,
    SOON,
    basis_line,
    deadline_line,
    due_window,
    expected_line,
    reminder_source,
    when_for,
)

from .recipients import checkers_of, deciders_of, people_with_role
from .reminding import claimed, send_logged, send_reminders
from .services import notify

KINDS = {SOON: "deadline_soon", OVERDUE: "deadline_overdue"}


ACT_REVIEW = _("Check the dossier")
ACT_REVISE = _("Correct the dossier and resubmit it")
ACT_SCORE = _("Score the dossier and vote")
ACT_COMPLETE = _("Complete the council's scoring")
ACT_DECIDE = _("Recognize the initiative or decline it")
FOLLOW_COUNCIL = _("Follow up with the council members who have not scored yet")
FOLLOW_DECISION = _("Follow up on the provincial decision")
ACT_APPEAL = _("Resolve the agency's appeal")
REFUSED_AFTER = _("Without a reply by then, the dossier is refused automatically.")


# --- Who is reminded, fetched per run and per stage, not per dossier ----------------------------


def _waiting_council(initiative_ids) -> dict[int, list]:
    """Non-recused members who have not submitted their sheet, per dossier, in one query."""
    waiting: dict[int, list] = {}
    assignments = CouncilAssignment.objects.filter(
        initiative_id__in=list(initiative_ids),
        recused=False,
        member__is_active=True,
        sheet__submitted_at__isnull=True,  # no sheet yet, or a draft sheet
    ).select_related("member")
    for assignment in assignments.order_by("id"):
        waiting.setdefault(assignment.initiative_id, []).append(assignment.member)
    return waiting


class _People:
    def __init__(self):
        self._roles: dict[str, list] = {}
        self._of_track: dict[tuple, list] = {}

    def checkers(self, initiative) -> list:
        """Reviewers, or at cơ sở level the agency's secretaries (one query per agency)."""
        return self._track(initiative, checkers_of, Role.REVIEWER)

    def deciders(self, initiative) -> list:
        return self._track(initiative, deciders_of, Role.LEADER)

    def _track(self, initiative, who, provincial_role) -> list:
        if initiative.level != Level.AGENCY:
            return self.with_role(provincial_role)
        key = (who.__name__, initiative.agency_id)
        if key not in self._of_track:
            self._of_track[key] = list(who(initiative).distinct().order_by("pk"))
        return self._of_track[key]

    def with_role(self, role) -> list:
        if role not in self._roles:
            self._roles[role] = list(people_with_role(role).distinct().order_by("pk"))
        return self._roles[role]


# A group: (users, must act, what is expected of them).
Group = tuple[list, bool, Promise]


@dataclass(frozen=True)
class Stage:
    status: str
    due_field: str
    rule: str
    deadline: Promise
    overdue: bool = True  # whether a reminder follows the deadline's passing

    def groups(self, initiative, when, people: _People, context: dict) -> list[Group]:
        reviewers = people.checkers(initiative)
        if self.status == Status.DEPARTMENT_REVIEW:
            return [(reviewers, True, ACT_REVIEW)]
        if self.status == Status.REVISION_REQUESTED:
            return [(context["agencies"].get(initiative.agency_id, []), True, ACT_REVISE)]
        if self.status == Status.APPEAL_REVIEW:
            leaders = initiative.appealed_from == Status.REJECTED
            resolvers = people.deciders(initiative) if leaders else reviewers
            return [(resolvers, True, ACT_APPEAL)]
        if self.status == Status.COUNCIL_REVIEW:
            waiting = context["council"].get(initiative.pk, [])
            if not waiting:  # every member has scored: the reviewer completes the scoring
                return [(reviewers, True, ACT_COMPLETE)]
            groups = [(waiting, True, ACT_SCORE)]
            if when == OVERDUE:
                groups.append((reviewers, False, FOLLOW_COUNCIL))
            return groups
        groups = [(people.deciders(initiative), True, ACT_DECIDE)]
        if when == OVERDUE:
            groups.append((reviewers, False, FOLLOW_DECISION))
        return groups

    def context(self, initiatives) -> dict:
        """What groups() needs for these dossiers, in one query per stage."""
        if self.status == Status.REVISION_REQUESTED:
            return {"agencies": agency_people_by_agency(i.agency_id for i in initiatives)}
        if self.status == Status.COUNCIL_REVIEW:
            return {"council": _waiting_council(i.pk for i in initiatives)}
        return {}

    def basis_for(self, initiative) -> str:
        """A complex appeal's 45 days rest on their own rule."""
        if self.status == Status.APPEAL_REVIEW and initiative.appeal_complex:
            return DeadlineRule.Stage.APPEAL_RESOLUTION_COMPLEX
        return self.rule

    @property
    def extra_lines(self) -> tuple:
        return (REFUSED_AFTER,) if self.status == Status.REVISION_REQUESTED else ()


R = DeadlineRule.Stage
STAGES = (
    Stage(
        Status.DEPARTMENT_REVIEW,
        "review_due",
        R.DEPARTMENT_REVIEW,
        _("the Department of S&T's review of the dossier"),
    ),
    Stage(
        Status.REVISION_REQUESTED,
        "revision_due",
        R.REVISION_REPLY,
        _("the reply to the revision request"),
        overdue=False,
    ),
    Stage(Status.COUNCIL_REVIEW, "decision_due", R.DECISION, _("the provincial decision")),
    Stage(Status.AWAITING_DECISION, "decision_due", R.DECISION, _("the provincial decision")),
    Stage(
        Status.APPEAL_REVIEW, "appeal_due", R.APPEAL_RESOLUTION, _("the resolution of the appeal")
    ),
)


def reminder_key(status: str, initiative_id: int, due: date, when: str) -> str:
    return f"{status}:{initiative_id}:{due.isoformat()}:{when}"


def unique_recipients(groups: list[Group]) -> list[tuple[list, bool, Promise]]:
    """Each user once, in the first group they appear in (acting groups come first)."""
    seen: set[int] = set()
    result = []
    for users, acts, action in groups:
        fresh = [u for u in users if u.pk not in seen]
        seen.update(u.pk for u in fresh)
        if fresh:
            result.append((fresh, acts, action))
    return result


def _due_reminders(stage: Stage, rule: deadlines.Rule, day: date) -> list[tuple]:
    """[(initiative, due, soon|overdue)] for this stage today, already claimed ones left out."""
    field = stage.due_field
    window = due_window(field, rule, day, overdue=stage.overdue)
    found = []
    for initiative in Initiative.objects.filter(window, status=stage.status).order_by("pk"):
        due = getattr(initiative, field)
        found.append((initiative, due, when_for(due, day)))
    done = claimed(reminder_key(stage.status, i.pk, due, when) for i, due, when in found)
    return [r for r in found if reminder_key(stage.status, r[0].pk, r[1], r[2]) not in done]


def _remind_stage(stage: Stage, rule: deadlines.Rule, day: date, people: _People) -> int:
    reminders = _due_reminders(stage, rule, day)
    if not reminders:
        return 0
    context = stage.context([initiative for initiative, _due, _when in reminders])
    sent = 0
    for initiative, due, when in reminders:
        groups = unique_recipients(stage.groups(initiative, when, people, context))
        if not groups:
            continue  # nobody to tell yet: not claimed, so a later run tries again
        lines = (
            deadline_line(stage.deadline, rule, day, due, when),
            basis_line(stage.basis_for(initiative)),
            *stage.extra_lines,
        )

        def send(initiative=initiative, due=due, when=when, groups=groups, lines=lines):
            for users, acts, action in groups:
                notify(
                    recipients=[(user, acts) for user in users],
                    kind=KINDS[when],
                    initiative=initiative,
                    due=due,
                    details=(*lines, expected_line(action)),
                    url=f"/initiatives/{initiative.pk}/",
                )

        sent += send_logged(reminder_key(stage.status, initiative.pk, due, when), send)
    return sent


@shared_task
def send_deadline_reminders() -> int:
    """Remind whoever must act before and after each deadline. Safe to run any number of
    times: each reminder is sent once. Returns how many reminders (dossier × soon/overdue)
    were sent by this run."""
    day = clock.today()
    rules = deadlines.rules()
    people = _People()
    return sum(_remind_stage(stage, rules[stage.rule], day, people) for stage in STAGES)


@shared_task
def send_registered_reminders(name: str) -> int:
    """The reminders an app declared under `name` (workflow.reminders.register_reminders; e.g.
    "adoption_reports"), each sent once. Returns how many this run sent."""
    return send_reminders(reminder_source(name)(clock.today()))
