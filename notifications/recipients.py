"""Who hears of each event. This table is the rule (the README shows it too).

| event                   | who must act (told what, by when)  | also informed                     |
|-------------------------|------------------------------------|-----------------------------------|
| submit, resubmit        | reviewers                          | the submitting agency             |
| request_revision        | the submitting agency              | —                                 |
| reject, expire          | —                                  | the submitting agency             |
| accept                  | each council member not recused    | the submitting agency             |
| complete_scoring        | leaders                            | the submitting agency             |
| recognize, decline      | —                                  | the agency, reviewers             |
| start_rollout           | staff and head of target agencies  | the submitting agency             |
| close_rollout           | —                                  | the agency, reviewers             |
| revoke                  | —                                  | the agency, reviewers, adopters   |
| appeal                  | its resolvers: reviewers (against  | the submitting agency             |
|                         | a refusal) or leaders (against a   |                                   |
|                         | non-recognition)                   |                                   |
| resolve_appeal          | reviewers, when granted against a  | the submitting agency             |
|                         | refusal (the review starts again)  |                                   |
| withdraw                | —                                  | the agency; reviewers if submitted|
| deadline soon / passed  | whoever must act at that stage     | (see reminders.py)                |
| adoption report due     | the adopting agency                | —                                 |

"The agency" is the staff and head of the submitting agency. Nobody is told of their own action.
On an agency's own (cơ sở) track, "reviewers" are that agency's initiative secretaries and
"leaders" its head(s) (DESIGN §4): nobody outside the agency hears of its cơ sở dossiers.
"""

from agencies.models import Role, User
from agencies.roles import AGENCY_ROLES
from initiatives.models import Level, Status


def agency_people(agency_ids):
    return User.objects.filter(
        is_active=True, memberships__agency_id__in=agency_ids, memberships__role__in=AGENCY_ROLES
    )


def people_with_role(role):
    return User.objects.filter(is_active=True, memberships__role=role)


def _of_agency(initiative, role):
    return User.objects.filter(
        is_active=True, memberships__agency_id=initiative.agency_id, memberships__role=role
    )


def checkers_of(initiative):
    """Who registers and checks this dossier: the Department's reviewers, or at cơ sở level
    the agency's initiative secretaries."""
    if initiative.level == Level.AGENCY:
        return _of_agency(initiative, Role.INITIATIVE_SECRETARY)
    return people_with_role(Role.REVIEWER)


def deciders_of(initiative):
    """Who recognizes or declines it: the provincial leaders, or the agency's head."""
    if initiative.level == Level.AGENCY:
        return _of_agency(initiative, Role.AGENCY_HEAD)
    return people_with_role(Role.LEADER)


def council_of(initiative):
    """Council members who score this dossier (not recused, still active)."""
    return User.objects.filter(
        is_active=True,
        council_assignments__initiative=initiative,
        council_assignments__recused=False,
    )


def adopters_of(initiative):
    """Staff and heads of every agency holding an adoption record of this initiative."""
    return User.objects.filter(
        is_active=True,
        memberships__agency__adoptions__initiative=initiative,
        memberships__role__in=AGENCY_ROLES,
    )


def appeal_resolvers(initiative):
    """Reviewers resolve an appeal against a refusal, leaders one against a non-recognition."""
    if initiative.appealed_from == Status.REFUSED:
        return checkers_of(initiative)
    return deciders_of(initiative)


def _rules(transition: str, initiative, extra: dict):
    """(who must act, who is informed) querysets for a transition."""
    agency = agency_people([initiative.agency_id])
    reviewers = checkers_of(initiative)
    rules = {
        "submit": ([reviewers], [agency]),
        "resubmit": ([reviewers], [agency]),
        "request_revision": ([agency], []),
        "reject": ([], [agency]),
        "expire": ([], [agency]),
        "accept": ([council_of(initiative)], [agency]),
        "complete_scoring": ([deciders_of(initiative)], [agency]),
        "recognize": ([], [agency, reviewers]),
        "decline": ([], [agency, reviewers]),
        "start_rollout": ([agency_people(extra.get("target_agencies", []))], [agency]),
        "close_rollout": ([], [agency, reviewers]),
        "revoke": ([], [agency, reviewers, adopters_of(initiative)]),
        "appeal": ([appeal_resolvers(initiative)], [agency]),
        "resolve_appeal": (
            [reviewers] if initiative.status == Status.DEPARTMENT_REVIEW else [],
            [agency],
        ),
        # A draft withdrawn before submission was never seen by the reviewers.
        "withdraw": ([], [agency, reviewers] if initiative.submitted_at else [agency]),
    }
    return rules.get(transition, ([], [agency]))


def recipients_for(transition: str, initiative, extra: dict) -> list[tuple[User, bool]]:
    """[(user, must_act)] without duplicates; someone both acting and informed acts."""
    acting, informed = _rules(transition, initiative, extra)
    users: dict[int, tuple[User, bool]] = {}
    for querysets, acts in ((acting, True), (informed, False)):
        for queryset in querysets:
            for user in queryset.distinct():
                users.setdefault(user.pk, (user, acts))
    return list(users.values())
