"""Which dossiers a user checks and which they decide, by recognition track (DESIGN §4).

On the provincial track the Department's reviewers check and the provincial leaders decide; on
an agency's own (cơ sở) track its initiative secretary checks and its head decides. The work
lists, the review queue and the decisions page select their dossiers with these filters, so a
secretary or head sees the dossiers of their own agency and nobody else's."""

from functools import reduce
from operator import or_

from django.db.models import Q

from agencies import roles
from initiatives.models import Level

PROVINCIAL = Q(level=Level.PROVINCIAL)


def _any(parts: list[Q]) -> Q | None:
    return reduce(or_, parts) if parts else None


def checked_by(user) -> Q | None:
    """The dossiers this user registers, checks and accepts (None: no such role)."""
    if getattr(user, "is_superuser", False):
        return Q()
    parts = [PROVINCIAL] if roles.is_reviewer(user) else []
    if agencies := roles.secretary_agency_ids(user):
        parts.append(Q(level=Level.AGENCY, agency_id__in=agencies))
    return _any(parts)


def deciding_agency_ids(user) -> set[int]:
    """Agencies whose head this user is, among those running their cơ sở track."""
    return roles.head_agency_ids(user) & roles.track_agency_ids(user)


def decided_by(user) -> Q | None:
    """The dossiers this user recognizes or declines (None: no such role)."""
    if getattr(user, "is_superuser", False):
        return Q()
    parts = [PROVINCIAL] if roles.is_leader(user) else []
    if agencies := deciding_agency_ids(user):
        parts.append(Q(level=Level.AGENCY, agency_id__in=agencies))
    return _any(parts)
