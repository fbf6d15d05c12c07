"""What the provincial decision must hold (DESIGN.md §5 v2, `recognize` and `decline`).

The number follows the province's numbering (settings.DECISION_NUMBER_PATTERN); the date lies
between the acceptance of the application and today; the signer is named with the capacity the
signature block prints; the provincial track records provincial scope only; and a decision
that goes against the council's recommendation says why, in writing.
"""

import re
import unicodedata
from datetime import date

from django.conf import settings
from django.core.checks import Error, register
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock
from initiatives.choices import PROVINCIAL_SIGNERS
from initiatives.models import Level, Scope, SignerAuthority

Problems = dict[str, list[str]]

# Characters that look like the Vietnamese Đ/đ but are not (Icelandic eth from legacy
# encodings), and a D drawn with a combining stroke: NFC does not turn them into Đ.
_D_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"})
_STROKED_D = re.compile(r"([Dd])[\u0335\u0336]")


def normalize_decision_number(value: str) -> str:
    """The number as stored and compared: NFC, the Vietnamese Đ, no surrounding spaces."""
    value = unicodedata.normalize("NFC", (value or "").strip()).translate(_D_LOOKALIKES)
    return _STROKED_D.sub(lambda m: "\u0110" if m.group(1) == "D" else "\u0111", value)


def decision_number_problems(number: str, initiative=None) -> Problems:
    """The number follows the province's numbering, or an agency's for its cơ sở decision."""
    if not number:
        return {"decision_number": [_("Enter the decision number.")]}
    agency_level = initiative is not None and initiative.level == Level.AGENCY
    pattern, example = (
        (settings.AGENCY_DECISION_NUMBER_PATTERN, settings.AGENCY_DECISION_NUMBER_EXAMPLE)
        if agency_level
        else (settings.DECISION_NUMBER_PATTERN, settings.DECISION_NUMBER_EXAMPLE)
    )
    if re.fullmatch(unicodedata.normalize("NFC", pattern), number):
        return {}
    return {
        "decision_number": [
            _(
                "The decision number “%(number)s” does not follow the province's numbering "
                "(e.g. %(example)s)."
            )
            % {"number": number, "example": example}
        ]
    }


def decision_date_problems(obj, decision_date: date | None) -> Problems:
    if not decision_date:
        return {"decision_date": [_("Enter the decision date.")]}
    accepted_on = obj.accepted_at and timezone.localdate(obj.accepted_at)
    if decision_date > clock.today():
        return {"decision_date": [_("The decision date cannot be in the future.")]}
    if accepted_on and decision_date < accepted_on:
        return {
            "decision_date": [
                _("The decision cannot be dated before the application was accepted (%(date)s).")
                % {"date": accepted_on.strftime("%d/%m/%Y")}
            ]
        }
    return {}


def signer_authorities(initiative) -> list:
    """The signature blocks the decider of this dossier's track may sign under."""
    if initiative is not None and initiative.level == Level.AGENCY:
        return list(SignerAuthority)
    return list(PROVINCIAL_SIGNERS)


def signer_problems(name: str, authority: str, initiative=None) -> Problems:
    problems = {}
    if not name:
        problems["signer"] = [_("Enter the name of the person who signed the decision.")]
    allowed = signer_authorities(initiative)
    if authority not in allowed:
        problems["signer_authority"] = [
            _("Choose the signer's authority: %(choices)s.")
            % {"choices": ", ".join(str(a.label) for a in allowed)}
        ]
    return problems


def expected_scope(initiative) -> str:
    """Each track decides its own scope: the agency's head cấp cơ sở, the province cấp tỉnh."""
    return Scope.AGENCY if initiative.level == Level.AGENCY else Scope.PROVINCIAL


def scope_problems(scope: str, initiative) -> Problems:
    if scope == expected_scope(initiative):
        return {}
    if scope == Scope.NATIONAL:
        message = _(
            "National scope is recorded from a ministry's decision; it is not decided here."
        )
    elif initiative.level == Level.AGENCY:
        message = _("The agency's head recognizes an initiative at agency level (cơ sở).")
    elif scope == Scope.AGENCY:
        message = _(
            "Agency-level recognition is the decision of the agency's head, on its own "
            "council's advice, not of the province."
        )
    else:
        message = _("The provincial leadership recognizes an initiative at provincial level.")
    return {"scope": [message]}


def council_recommendation(obj) -> bool | None:
    """What the council advised: True, False, or None when it has not concluded."""
    review = getattr(obj, "council_review", None)
    if review is None or review.completed_at is None:
        return None
    return review.recommended


def against_council(obj, transition: str) -> bool:
    """Recognizing what the council did not recommend, or declining what it recommended."""
    recommended = council_recommendation(obj)
    if recommended is None:
        return False
    return recommended is (transition == "decline")


def reason_problems(obj, transition: str, comment: str) -> Problems:
    if comment.strip():
        return {}
    if transition == "recognize":
        if not against_council(obj, "recognize"):
            return {}
        message = _(
            "The council did not recommend recognition: give the reason for recognizing it "
            "against the council's recommendation."
        )
    elif against_council(obj, "decline"):
        message = _(
            "The council recommended recognition: give the reason for declining it against "
            "the council's recommendation."
        )
    else:
        message = _("Give the reason for declining.")
    return {"comment": [message]}


@register()
def decision_number_pattern_compiles(app_configs, **kwargs):
    """A mistyped DECISION_NUMBER_PATTERN would refuse every recognition with a server error:
    say so at start-up instead."""
    errors = []
    for name in ("DECISION_NUMBER_PATTERN", "AGENCY_DECISION_NUMBER_PATTERN"):
        try:
            re.compile(unicodedata.normalize("NFC", getattr(settings, name)))
        except re.error as error:
            errors.append(
                Error(
                    f"{name} is not a valid regular expression: {error}.",
                    hint="Set it to e.g. ^\\d+/QĐ-UBND$ (the default).",
                    id="workflow.E001",
                )
            )
    return errors
