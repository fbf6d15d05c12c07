"""The formal grounds on which the Department of S&T refuses an application (từ chối chấp nhận
đơn, NĐ 13/2012 Điều 6). They say why the dossier is not a valid application; whether the
initiative is any good is for the council and the leader, so there is deliberately no ground
that judges merits."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RefusalGround(models.TextChoices):
    NOT_A_SOLUTION = (
        "not_a_solution",
        _("Not a solution within the meaning of Article 3 of Decree 13/2012/NĐ-CP"),
    )
    FIRST_APPLICATION_TOO_OLD = (
        "first_application_too_old",
        _(
            "First (trial) application more than 1 year before the application "
            "(Article 5 of Decree 13/2012/NĐ-CP)"
        ),
    )
    INCOMPLETE_AFTER_REPLY = (
        "incomplete_after_reply",
        _("Still incomplete after the period given for amendment or supplement"),
    )
    DUPLICATE = "duplicate", _("Duplicate of an earlier application")
    OUTSIDE_COMPETENCE = "outside_competence", _("Outside the province's competence")
    OTHER = "other", _("Other (explained in the reasons)")


def ground_labels(codes) -> list:
    """The labels of stored ground codes, in the current language; unknown codes as they are."""
    labels = dict(RefusalGround.choices)
    return [labels.get(code, code) for code in codes or ()]
