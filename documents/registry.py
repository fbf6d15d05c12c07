"""What documents adds to the public registry (initiatives.registry): the signed, stamped scan of
the recognition decision, once a reviewer has uploaded it — the authoritative copy of a public
act. Nothing else of the dossier's documents is public: not the certificates (one per author),
not the issued PDF, not any other kind's scan.

The decision states what the registry already publishes (titles, codes, agencies, authors'
names, scope; DESIGN §6), and anyone may already check it by its verification code.
Registered from DocumentsConfig.ready(), since initiatives must not import documents."""

from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from common.slots import register_slot
from initiatives.models import PUBLIC_STATES, Initiative
from initiatives.registry import register_registry_queryset

from .models import Document, DocumentKind
from .views import signed_scan_response


def _signed_decision_of_outer():
    """The current, signed recognition decision bearing the dossier's decision number: its own,
    or the one decision of the round it was recognized in."""
    dossier = OuterRef("pk")
    return (
        Document.objects.filter(
            kind=DocumentKind.RECOGNITION_DECISION,
            status=Document.Status.ISSUED,
            number=OuterRef("decision_number"),
        )
        .exclude(signed_scan="")
        .filter(
            Q(initiative=dossier) | Q(initiative__isnull=True, round__entries__initiative=dossier)
        )
        .order_by("-version", "-pk")
        .values("pk")[:1]
    )


def with_signed_decision(queryset):
    """Annotates `signed_decision_id` (None without a scan): part of the registry's own query,
    so the page's query count does not change with the number of rows."""
    return queryset.annotate(signed_decision_id=Subquery(_signed_decision_of_outer()))


class RegistryDecisionScanView(View):
    """GET (no login): the signed scan of the decision that recognized a registered initiative;
    404 for a dossier not in the registry or a decision without its scan."""

    def get(self, request, pk):
        initiative = get_object_or_404(
            with_signed_decision(Initiative.objects.filter(status__in=PUBLIC_STATES)).only(
                "pk", "decision_number"
            ),
            pk=pk,
        )
        if initiative.signed_decision_id is None:
            raise Http404
        return signed_scan_response(Document.objects.get(pk=initiative.signed_decision_id))


def register():
    register_registry_queryset(listing=with_signed_decision, detail=with_signed_decision)
    register_slot("registry_list.decision", "documents/_registry_decision_scan.html")
    register_slot("registry_detail.decision", "documents/_registry_decision_scan.html")
