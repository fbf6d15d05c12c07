"""Serializers of the council's scoring: the rubric and a member's score sheet."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.limits import COMMENT, MAX_CRITERIA
from workflow.models import Criterion, Rubric, ScoreSheet, Vote


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["code", "name", "max_points", "min_points"]


class RubricSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True)

    class Meta:
        model = Rubric
        fields = ["version", "name", "criteria", "pass_total"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    """A member's own sheet (or an outside expert's, for the council's secretary). Under a
    secret ballot `vote` is always "": the vote went into the tally, `has_voted` says so."""

    scores = serializers.SerializerMethodField()
    locked = serializers.BooleanField(source="is_locked")
    entered_by = serializers.SerializerMethodField(
        help_text="Who entered this paper sheet on the member's behalf, or null."
    )

    class Meta:
        model = ScoreSheet
        fields = ["scores", "vote", "has_voted", "comment", "submitted_at", "locked",
                  "entered_by"]  # fmt: skip

    def get_entered_by(self, sheet) -> str | None:
        return sheet.entered_by.username if sheet.entered_by_id else None

    def get_scores(self, sheet) -> dict[str, float]:
        return {code: float(value) for code, value in sheet.scores.items()}


class SeatParamSerializer(serializers.Serializer):
    seat = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The council's secretary only: the seat of an outside expert whose paper "
        "sheet they enter on the expert's behalf.",
    )


class ScoreSheetInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)
    vote = serializers.ChoiceField(choices=Vote.choices, required=False, allow_blank=True)
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=COMMENT
    )
    submit = serializers.BooleanField(required=False, default=False)

    def validate_scores(self, value):
        # A rubric has a handful of criteria: more keys than this is not a score sheet, and
        # each unknown key would otherwise cost its own error message.
        if len(value) > MAX_CRITERIA:
            raise serializers.ValidationError(
                _("At most %(limit)s scores.") % {"limit": MAX_CRITERIA}
            )
        return value
