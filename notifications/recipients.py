"""Who hears of each transition (DESIGN.md §5: whoever acts next, and the submitting agency).

| transition                      | recipients                                             |
|---------------------------------|--------------------------------------------------------|
| submit, resubmit                | reviewers; the submitting agency                       |
| request_revision, reject, expire| the submitting agency (staff and head)                 |
| accept                          | each council member (not recused); the agency          |
| complete_scoring                | leaders; the submitting agency                         |
| recognize, decline              | the submitting agency; reviewers                       |
| start_rollout                   | staff and head of each target agency; the agency       |
| close_rollout, withdraw         | the submitting agency; reviewers                       |

Nobody is notified of their own action.
"""

from agencies.models import Role, User

AGENCY_ROLES = (Role.AGENCY_STAFF, Role.AGENCY_HEAD)


def agency_people(agency_ids):
    return User.objects.filter(
        is_active=True, memberships__agency_id__in=agency_ids, memberships__role__in=AGENCY_ROLES
    )


def people_with_role(role):
    return User.objects.filter(is_active=True, memberships__role=role)


def council_of(initiative):
    return User.objects.filter(
        is_active=True,
        council_assignments__initiative=initiative,
        council_assignments__recused=False,
    )


def recipients_for(transition: str, initiative, extra: dict):
    agency = agency_people([initiative.agency_id])
    groups = {
        "submit": [people_with_role(Role.REVIEWER), agency],
        "resubmit": [people_with_role(Role.REVIEWER), agency],
        "request_revision": [agency],
        "reject": [agency],
        "expire": [agency],
        "accept": [council_of(initiative), agency],
        "complete_scoring": [people_with_role(Role.LEADER), agency],
        "recognize": [agency, people_with_role(Role.REVIEWER)],
        "decline": [agency, people_with_role(Role.REVIEWER)],
        "start_rollout": [agency_people(extra.get("target_agencies", [])), agency],
        "close_rollout": [agency, people_with_role(Role.REVIEWER)],
        # A draft withdrawn before submission was never seen by the reviewers.
        "withdraw": [agency, people_with_role(Role.REVIEWER)]
        if initiative.submitted_at
        else [agency],
    }.get(transition, [agency])
    users = {}
    for queryset in groups:
        for user in queryset.distinct():
            users.setdefault(user.pk, user)
    return list(users.values())
