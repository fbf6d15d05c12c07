"""Who may not score a dossier (TT 18/2013: no conflict of interest), by identity, never by name.
Re-exported by workflow.selectors, where callers name it."""

from django.utils.translation import gettext as _

from agencies import roles
from initiatives.models import Level

# Further reasons a member may not score a dossier, each `rule(initiative, user) -> str` ("" when
# it does not apply): the Person registry registers one for a member who is an author.
_recusal_rules: list = []


def register_recusal_rule(rule) -> None:
    if rule not in _recusal_rules:
        _recusal_rules.append(rule)


def recusal_reason(initiative, member, member_agencies=None) -> str:
    """Why a council member may not score this dossier, or "" (TT 18: no conflict of interest).

    Identities only: a member who holds any role in the applicant agency is recused; a member
    who merely bears an author's name is not. An outside expert (no account, member None) is
    never recused here: the secretary declares their conflict on paper."""
    if member is None:
        return ""
    if member_agencies is None:
        member_agencies = {agency for _role, agency in roles.memberships(member)}
    # On the agency's own (cơ sở) track its council is made of its own people.
    if initiative.level != Level.AGENCY and initiative.agency_id in member_agencies:
        return _("Works at the applicant agency")
    for rule in _recusal_rules:
        if reason := rule(initiative, member):
            return reason
    return ""
