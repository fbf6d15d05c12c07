"""A dossier's council rounds as stored: the current round (CouncilReview, its assignments and
score sheets) and the earlier ones kept when a round ends without a result or is reopened
(EarlierCouncilRound, EarlierScoreSheet). Imported by workflow.models, which migrations name."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.limits import COMMENT
from initiatives.models import Initiative

from .council_body import Council, CouncilMember


class RoundResult(models.Model):
    """The council's result on a round, stored when its meeting is recorded (complete_scoring):
    on the current round (CouncilReview) and, when a granted appeal against a non-recognition
    starts a new round, kept on the earlier one (EarlierCouncilRound). Empty (completed_at
    None) for a round that ended without a result."""

    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    mean_scores = models.JSONField(_("mean score per criterion"), default=dict, blank=True)
    total = models.DecimalField(
        _("mean total"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    named_count = models.PositiveSmallIntegerField(_("members named in the decision"), default=0)
    present_count = models.PositiveSmallIntegerField(_("members present"), default=0)
    # The tally: agree, disagree, and what the 2/3 rule counted them against (the council's
    # majority base at the meeting, and that number of members). Empty base: a round completed
    # before councils were bodies, counted against the sheets submitted.
    agree_count = models.PositiveSmallIntegerField(_("members agreeing"), default=0)
    disagree_count = models.PositiveSmallIntegerField(_("members disagreeing"), default=0)
    member_count = models.PositiveSmallIntegerField(_("sheets counted"), default=0)
    majority_base = models.CharField(
        _("two-thirds rule counted against"),
        max_length=10,
        choices=Council.MajorityBase.choices,
        blank=True,
    )
    majority_denominator = models.PositiveSmallIntegerField(
        _("members the two-thirds rule counted against"), default=0
    )
    recommended = models.BooleanField(_("recommended for recognition"), null=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def tally_text(self) -> str:
        """ "4/5 members agree (counted against the members named in the council's decision)"."""
        from .meeting import tally_text

        return tally_text(self)

    @property
    def not_voting_count(self) -> int:
        """Members of the denominator who neither agreed nor disagreed (absent, recused,
        abstaining)."""
        return max(self.majority_denominator - self.agree_count - self.disagree_count, 0)


# What an earlier round keeps of the council's result (council_rounds.council_round_close).
RESULT_FIELDS = tuple(field.name for field in RoundResult._meta.fields)


class CouncilReview(RoundResult):
    """The council's work on one dossier: the frozen rubric and, once complete, the result."""

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="council_review",
    )
    rubric = models.ForeignKey("Rubric", verbose_name=_("rubric"), on_delete=models.PROTECT)
    # Null only for rounds started before councils were bodies set up by decision.
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    # The round's voting mode, the council's when the round started: a council that switches
    # between open and secret voting later never re-labels or un-hides a round it voted on.
    voting = models.CharField(
        _("voting"), max_length=10, choices=Council.Voting.choices, default=Council.Voting.OPEN
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    # The meeting (complete_scoring): its date; the rest of the result is RoundResult's.
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    # The urn of a secret ballot: counters a submitted sheet adds its vote to, apart from the
    # sheet (which keeps only a has-voted mark). Never shown before completion, when they
    # become agree_count / disagree_count.
    ballots_agree = models.PositiveSmallIntegerField(_("ballots agreeing"), default=0)
    ballots_disagree = models.PositiveSmallIntegerField(_("ballots disagreeing"), default=0)

    class Meta:
        verbose_name = _("council review")
        verbose_name_plural = _("council reviews")

    def __str__(self):
        return str(self.initiative)

    @property
    def is_secret(self) -> bool:
        return self.voting == Council.Voting.SECRET


def seat_name(row) -> str:
    if row.member_id is not None:
        return row.member.get_full_name()
    return row.council_member.full_name if row.council_member_id else ""


class CouncilAssignment(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="council_assignments",
    )
    # The seat in the council's decision; null only for rounds started before councils were
    # bodies. `member` is the seat's user account, null for an outside expert without one.
    council_member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("council seat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("council member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_assignments",
    )
    recused = models.BooleanField(_("recused"), default=False)
    recusal_reason = models.CharField(_("recusal reason"), max_length=255, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    # At the council's meeting (set by complete_scoring); None until the meeting is recorded.
    present = models.BooleanField(_("present at the meeting"), null=True)

    class Meta:
        verbose_name = _("council assignment")
        verbose_name_plural = _("council assignments")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "member"], name="unique_assignment"),
            models.UniqueConstraint(
                fields=["initiative", "council_member"], name="unique_seat_assignment"
            ),
        ]
        indexes = [models.Index(fields=["member", "initiative"])]

    def __str__(self):
        return f"{self.member_name} — {self.initiative}"

    @property
    def member_name(self) -> str:
        """The member's name: the user's, or the outside expert's as the decision names them."""
        return seat_name(self)


class Vote(models.TextChoices):
    AGREE = "agree", _("Agree to recommend")
    DISAGREE = "disagree", _("Disagree")


class ScoreSheet(models.Model):
    """One member's scores and vote; editable until submitted, then locked."""

    assignment = models.OneToOneField(
        CouncilAssignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="sheet",
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    # Under a secret ballot the vote never lands here: it goes to the review's urn at
    # submission and the sheet keeps only has_voted.
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices, blank=True)
    has_voted = models.BooleanField(_("has voted"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT)
    # The council's secretary, when they entered an outside expert's paper sheet for them.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered on the member's behalf by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    @property
    def is_locked(self) -> bool:
        return self.submitted_at is not None

    def __str__(self):
        return str(self.assignment)


class EarlierCouncilRound(RoundResult):
    """A council round that ended: sent back during scoring (no result), or completed and
    later reopened by a granted appeal against the non-recognition (its result kept here).

    When a new round starts with empty sheets, the earlier round's sheets are moved here, as
    rows of their own, and only reviewers and leaders read them (DESIGN.md §6). They are never
    folded into the audit trail's data."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="earlier_council_rounds",
    )
    number = models.PositiveSmallIntegerField(_("round"))
    rubric = models.ForeignKey(
        "Rubric", verbose_name=_("rubric"), null=True, blank=True, on_delete=models.PROTECT
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"))
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    # The round's voting mode, as it was fixed when the round started (CouncilReview.voting).
    voting = models.CharField(
        _("voting"), max_length=10, choices=Council.Voting.choices, default=Council.Voting.OPEN
    )
    # A secret round's urn, as it stood when the round ended (its sheets keep no vote).
    ballots_agree = models.PositiveSmallIntegerField(_("ballots agreeing"), default=0)
    ballots_disagree = models.PositiveSmallIntegerField(_("ballots disagreeing"), default=0)

    class Meta:
        verbose_name = _("earlier council round")
        verbose_name_plural = _("earlier council rounds")
        ordering = ["initiative", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "number"], name="unique_earlier_council_round"
            )
        ]

    def __str__(self):
        return f"{self.initiative} — {self.number}"

    @property
    def is_secret(self) -> bool:
        return self.voting == Council.Voting.SECRET


class EarlierScoreSheet(models.Model):
    """One member's part in an earlier council round, as it stood when the round ended."""

    round = models.ForeignKey(
        EarlierCouncilRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="sheets",
    )
    # The seat, and its user (null for an outside expert without an account).
    council_member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("council seat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("council member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recused = models.BooleanField(_("recused"), default=False)
    recusal_reason = models.CharField(_("recusal reason"), max_length=255, blank=True)
    present = models.BooleanField(_("present at the meeting"), null=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices, blank=True)
    has_voted = models.BooleanField(_("has voted"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered on the member's behalf by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("earlier score sheet")
        verbose_name_plural = _("earlier score sheets")
        ordering = ["round", "id"]

    def __str__(self):
        return f"{self.round} — {self.member_name}"

    @property
    def member_name(self) -> str:
        return seat_name(self)
