"""The Excel export of the councils' results (kind "council_results"): one row per dossier the
council has completed, with the meeting (date, members named and present) and the tally — agree,
disagree, absent or not voting, and what the 2/3 rule counted them against. Never a member's
vote: under a secret ballot there is none to give, and the file is the same for both modes.
The exports app finds BUILDERS here at start-up."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies import roles
from common.xlsx import (
    COUNT_FORMAT,
    Column,
    ExportBuilder,
    add_sheet,
    append_row,
    filter_header,
    label,
    new_workbook,
)
from initiatives.selectors import visible_initiatives

from .models import CouncilReview

TITLE = _("Council results")


def review_rows(user):
    return (
        CouncilReview.objects.filter(
            completed_at__isnull=False, initiative__in=visible_initiatives(user)
        )
        .select_related("initiative__agency", "council")
        .order_by("-meeting_date", "-completed_at", "id")
    )


def columns() -> list[Column]:
    return [
        Column(_("Code"), 14),
        Column(_("Title"), 60, wrap=True),
        Column(_("Agency"), 32, wrap=True),
        Column(label(CouncilReview, "council"), 32, wrap=True),
        Column(_("Voting"), 14),
        Column(label(CouncilReview, "meeting_date"), 13),
        Column(label(CouncilReview, "named_count"), 12, COUNT_FORMAT),
        Column(label(CouncilReview, "present_count"), 12, COUNT_FORMAT),
        Column(label(CouncilReview, "agree_count"), 12, COUNT_FORMAT),
        Column(label(CouncilReview, "disagree_count"), 12, COUNT_FORMAT),
        Column(_("Absent, recused or not voting"), 14, COUNT_FORMAT),
        Column(_("Tally"), 50, wrap=True),
        Column(label(CouncilReview, "total"), 12),
        Column(_("Council's recommendation"), 18),
    ]


def values(review) -> list:
    initiative = review.initiative
    return [
        initiative.code or "",
        initiative.title,
        initiative.agency.name,
        str(review.council) if review.council else "",
        gettext("Secret ballot") if review.is_secret else gettext("Open vote"),
        review.meeting_date,
        review.named_count,
        review.present_count,
        review.agree_count,
        review.disagree_count,
        review.not_voting_count,
        review.tally_text,
        review.total,
        gettext("Recognize") if review.recommended else gettext("Do not recognize"),
    ]


def build(user, query: dict, progress_for):
    rows = review_rows(user)
    workbook = new_workbook(TITLE)
    cols = columns()
    sheet = add_sheet(workbook, TITLE, cols)
    progress = progress_for(rows.count())
    for review in rows.iterator(chunk_size=500):
        append_row(sheet, cols, values(review))
        progress.tick()
    filter_header(sheet, len(cols), progress.done)
    return workbook


BUILDERS = {"council_results": ExportBuilder(TITLE, (), roles.oversees_province, build)}
