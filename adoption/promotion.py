"""What promotion takes from the adoption records (workflow.promotion): the evidence of
replication the provincial track weighs — in how many units of the applicant's kind the
initiative is applied (cấp tỉnh asks for at least half of the comparable units)."""

from agencies.models import Agency
from common import clock

from .models import Adoption


def replication_evidence(source, draft, actor) -> None:
    adoptions = Adoption.objects.filter(initiative=source)
    applied = adoptions.filter(status=Adoption.Status.APPLIED).count()
    kind = source.agency.kind
    comparable = Agency.objects.filter(kind=kind, is_active=True).count()
    draft.promotion_evidence = {
        **draft.promotion_evidence,
        "applied": applied + 1,  # the applicant applies it itself
        "adoptions": adoptions.count(),
        "comparable": comparable,
        "comparable_kind": str(Agency.Kind(kind).label),
        "as_of": clock.today().isoformat(),
    }
    draft.save(update_fields=["promotion_evidence"])
