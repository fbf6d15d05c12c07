"""The indexes the lists read from (issue 14: every page under 100 ms at 100,000 dossiers).

Each state's queue in its own order (review queue, scoring, decisions, rollout, appeals: the
work lists and their pages), the dossier list's and the API's default order (last updated),
the list filtered by one of its menus in that order, and its other sorts. (Codes descending,
drafts last, is a PostgreSQL index of migration 0016: SQLite has no NULLS LAST in an index.)
"""

from django.db import models

from .choices import Status

# Statuses sort in the order a dossier moves through them, not alphabetically (the dossier
# list's sort, initiatives.selectors.sorted_by); the index of the same expression serves it.
STATUS_RANK = models.Case(
    *(
        models.When(status=value, then=models.Value(rank))
        for rank, value in enumerate(Status.values)
    ),
    output_field=models.IntegerField(),
)

LIST_INDEXES = [
    models.Index(fields=["status", "submitted_at", "id"], name="initiative_status_submitted"),
    models.Index(fields=["status", "decision_due", "id"], name="initiative_status_decision"),
    models.Index(fields=["status", "decided_at", "id"], name="initiative_status_decided"),
    models.Index(fields=["status", "appeal_due"], name="initiative_status_appeal"),
    models.Index(fields=["-updated_at", "-id"], name="initiative_updated"),
    models.Index(fields=["round", "-updated_at", "-id"], name="initiative_round_updated"),
    models.Index(fields=["field", "-updated_at", "-id"], name="initiative_field_updated"),
    models.Index(fields=["agency", "-updated_at", "-id"], name="initiative_agency_updated"),
    models.Index(fields=["title", "id"], name="initiative_title"),
    models.Index(STATUS_RANK, "id", name="initiative_status_rank"),
]
