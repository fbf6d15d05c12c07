"""Reviewer, council and leader screens, and the dossier page everyone shares.

base.py        the page base (refusals on the 403 page) and labels
dossier.py     the dossier page
appeal.py      the appeal on the dossier page, and marking an appeal complex
transitions.py one page for every transition (screens in workflow.transition_screens)
scoresheet.py  the council member's score sheet
lists.py       the work lists of the reviewers, the council and the leadership
councils.py    the councils set up by decision: list, set up, edit
rounds.py      the rounds (đợt xét): list, open, edit
round_decision.py  the batch decision of a round
oversight.py   the agencies' own recognition seen from the province
promotion.py   an agency proposes its cơ sở-recognized initiative to the province
"""

from .appeal import AppealComplexView, NationalRecognitionView
from .base import PageView, require_role
from .councils import CouncilEditView, CouncilsView
from .dossier import InitiativeDetailView, application_rows, timeline
from .lists import CouncilListView, DecisionListView, ReviewQueueView
from .oversight import AgencyLevelOverviewView
from .promotion import PromotionView
from .round_decision import RoundDecideView
from .rounds import RoundEditView, RoundPageView, RoundPlacementView, RoundsView
from .scoresheet import ScoreSheetView
from .transitions import TransitionView

__all__ = [
    "AgencyLevelOverviewView",
    "AppealComplexView",
    "CouncilEditView",
    "CouncilListView",
    "CouncilsView",
    "DecisionListView",
    "InitiativeDetailView",
    "NationalRecognitionView",
    "PageView",
    "PromotionView",
    "ReviewQueueView",
    "RoundDecideView",
    "RoundEditView",
    "RoundPageView",
    "RoundPlacementView",
    "RoundsView",
    "ScoreSheetView",
    "TransitionView",
    "application_rows",
    "require_role",
    "timeline",
]
