"""The dossier's states (DESIGN.md §5, state machine version 2) and the decision's choices.
Imported by initiatives.models, which callers name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    # DESIGN.md §5 (version 2): the Vietnamese labels are the officials' own words.
    DRAFT = "draft", _("Draft")
    DEPARTMENT_REVIEW = "department_review", _("Application under review by the Department of S&T")
    REVISION_REQUESTED = "revision_requested", _("Amendment or supplement requested")
    COUNCIL_REVIEW = "council_review", _("Assessment by the initiative council")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting the provincial decision")
    RECOGNIZED = "recognized", _("Recognized")
    ROLLOUT = "rollout", _("Rolling out")
    CLOSED = "closed", _("Rollout completed")
    # Two legally different "no"s: the secretariat refuses the *application* on formal grounds
    # (NĐ 13/2012 Điều 6); the competent head refuses *recognition* after the council (Điều 7).
    REFUSED = "refused", _("Application refused")
    REJECTED = "rejected", _("Not recognized")
    # The agency's complaint against either "no" (Luật Khiếu nại 2011), being resolved by the
    # reviewer (a refusal) or the leader (a non-recognition).
    APPEAL_REVIEW = "appeal_review", _("Appeal under review")
    # The leader's later decision cancelling a recognition (NĐ 13/2012 Điều 7 khoản 3).
    REVOKED = "revoked", _("Recognition revoked")
    WITHDRAWN = "withdrawn", _("Application withdrawn")


S = Status
# The outcomes an agency may appeal against (DESIGN.md §5 v2).
APPEALABLE_STATES = (S.REFUSED, S.REJECTED)
EDITABLE_STATES = (S.DRAFT, S.REVISION_REQUESTED)
# Recognized initiatives are public (the registry); their dossiers' review stays internal.
PUBLIC_STATES = (S.RECOGNIZED, S.ROLLOUT, S.CLOSED)


# The outcomes of resolve_appeal (API.md): the contested decision stands, or it is set aside.
APPEAL_UPHELD, APPEAL_GRANTED = "upheld", "granted"


class Scope(models.TextChoices):
    # Cấp cơ sở (the agency head's decision), cấp tỉnh (the provincial track's own decision),
    # toàn quốc (recorded from a ministry's decision, never made by the province).
    AGENCY = "agency", _("Agency level")
    PROVINCIAL = "provincial", _("Provincial level")
    NATIONAL = "national", _("National level")


class SignerAuthority(models.TextChoices):
    """The signature block of the decision (NĐ 30/2020): the chairman signs himself, or a
    vice-chairman signs on his behalf ("KT." = ký thay). Labels are as printed, in capitals."""

    CHAIRMAN = "chairman", _("CHAIRMAN")
    VICE_CHAIRMAN = "vice_chairman", _("FOR THE CHAIRMAN / VICE-CHAIRMAN")
    # An agency's head deciding at cơ sở level: a department's director (a commune's
    # committee signs as above).
    DIRECTOR = "director", _("DIRECTOR")
    VICE_DIRECTOR = "vice_director", _("FOR THE DIRECTOR / DEPUTY DIRECTOR")


# The provincial committee signs as its chairman or for him; an agency head in every way.
PROVINCIAL_SIGNERS = (SignerAuthority.CHAIRMAN, SignerAuthority.VICE_CHAIRMAN)


class Level(models.TextChoices):
    """The recognition track a dossier runs on (DESIGN §4): the agency's own (cấp cơ sở: its
    secretary, its council, its head) or the province's (Sở KH&CN, the provincial council,
    UBND tỉnh)."""

    AGENCY = "agency", _("Agency level (cơ sở)")
    PROVINCIAL = "provincial", _("Provincial level")


# The states whose name says who acts, as an agency's own (cơ sở) track words them.
AGENCY_LEVEL_STATUS_LABELS = {
    Status.DEPARTMENT_REVIEW: _("Checked by the agency's initiative secretary"),
    Status.AWAITING_DECISION: _("Awaiting the agency head's decision"),
}


def status_label(initiative) -> str:
    """The state's name for people: a cơ sở dossier is not with the Department nor UBND tỉnh."""
    # Read only if loaded: a list that defers the level must not pay a query per row for it.
    level = vars(initiative).get("level")
    if level == Level.AGENCY and initiative.status in AGENCY_LEVEL_STATUS_LABELS:
        return str(AGENCY_LEVEL_STATUS_LABELS[initiative.status])
    return initiative.get_status_display()
