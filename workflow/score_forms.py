"""The council member's score sheet (web form): one number per criterion, a vote, a comment."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from common.limits import COMMENT

from .forms import inline_helper
from .models import Vote


class ScoreSheetForm(forms.Form):
    """One number per criterion (0 … max), a vote and a comment.

    `complete=True` (submitting) requires every score and the vote; a draft may be partial.
    """

    vote = forms.ChoiceField(
        label=_("Vote"), choices=Vote.choices, required=False, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria=(), complete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.complete = complete
        for criterion in self.criteria:
            self.fields[self.score_field(criterion)] = self._score_field(criterion)
        self.order_fields([self.score_field(c) for c in self.criteria] + ["vote", "comment"])
        self.helper = inline_helper(
            *[Field(self.score_field(c)) for c in self.criteria], InlineRadios("vote"), "comment"
        )

    @staticmethod
    def score_field(criterion) -> str:
        return f"score_{criterion.code}"

    @staticmethod
    def _score_field(criterion) -> forms.DecimalField:
        maximum = criterion.max_points
        return forms.DecimalField(
            label=criterion.name,
            required=False,
            min_value=0,
            max_value=maximum,
            decimal_places=2,
            help_text=_("From 0 to %(max)s points; the council's mean must reach %(min)s.")
            % {"max": _points(maximum), "min": _points(criterion.min_points)},
            widget=forms.NumberInput(attrs={"step": "0.01"}),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.complete:
            return cleaned
        for name, field in self.fields.items():
            missing = cleaned.get(name) in (None, "") and name not in self.errors
            if name != "comment" and missing:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        scores = {
            c.code: str(data[self.score_field(c)])
            for c in self.criteria
            if data.get(self.score_field(c)) is not None
        }
        return {"scores": scores, "vote": data.get("vote", ""), "comment": data.get("comment", "")}


def _points(value) -> str:
    """40.00 → "40", 12.50 → "12.5": for HTML attributes and help texts."""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
