"""Admin of the council's work: rubrics, council bodies and their assignments, score sheets
(corrected only through workflow.scoresheets), earlier rounds, and the deadline rules."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdminMixin, ServiceRefusalsAdminMixin
from common.exceptions import Conflict
from initiatives.models import Status

from .council_body import Council, CouncilMember
from .councils import SeatInput, council_problems, rule_change_problems, seat_change_problems
from .models import (
    CouncilAssignment,
    CouncilReview,
    Criterion,
    DeadlineRule,
    EarlierCouncilRound,
    EarlierScoreSheet,
    Rubric,
    ScoreSheet,
)
from .scoresheets import clean_scores, scoresheet_admin_correct, scoresheet_admin_discard

# --- Council --------------------------------------------------------------------------------


def rubric_in_use(rubric) -> bool:
    return rubric is not None and CouncilReview.objects.filter(rubric=rubric).exists()


class CriterionInline(admin.TabularInline):
    """A rubric that has scored a dossier is frozen; make a new version to change it."""

    model = Criterion
    extra = 0
    fields = ("order", "code", "name", "max_points", "min_points")

    def has_add_permission(self, request, obj=None):
        return not rubric_in_use(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not rubric_in_use(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not rubric_in_use(obj) and super().has_delete_permission(request, obj)


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("version", "name", "pass_total", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    inlines = (CriterionInline,)

    def get_readonly_fields(self, request, obj=None):
        # Switching a used rubric off stays possible; its content does not change.
        return ("version", "name", "pass_total") if rubric_in_use(obj) else ()

    def has_delete_permission(self, request, obj=None):
        return not rubric_in_use(obj) and super().has_delete_permission(request, obj)


class CouncilMemberFormSet(forms.BaseInlineFormSet):
    """The member list obeys the rules of the council screen (councils.council_problems)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seats = [
            SeatInput(user=f.cleaned_data.get("user"), role=f.cleaned_data.get("role"),
                      full_name=f.cleaned_data.get("full_name") or "", pk=f.instance.pk)
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("is_active", True)
        ]  # fmt: skip
        data = {"quorum_numerator": 1, "quorum_denominator": 1}  # checked by the council form
        problems = council_problems(data, seats)
        if self.instance.pk:
            for field, messages_ in seat_change_problems(self.instance, seats).items():
                problems.setdefault(field, []).extend(messages_)
        if problems:
            raise ValidationError(problems["members"])


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    formset = CouncilMemberFormSet
    extra = 0
    fields = ("order", "user", "full_name", "role", "position", "is_active")
    autocomplete_fields = ("user",)


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ("name", "kind", "body", "decision_number", "decision_date", "decision_signer",
                  "fields", "term_starts_on", "term_ends_on", "voting", "quorum_numerator",
                  "quorum_denominator", "majority_base", "is_active")  # fmt: skip

    def clean(self):
        data = super().clean()
        problems = council_problems(data, seats=[SeatInput()] * 3)
        if self.instance.pk:  # the instance still holds the saved values until _post_clean
            problems |= rule_change_problems(self.instance, data)
        for field, messages_ in problems.items():
            if field != "members":
                for message in messages_:
                    self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """Councils set up by decision; the council screen of the site does the same for leaders."""

    form = CouncilForm
    list_display = ("name", "body", "decision_number", "decision_date", "voting", "is_active")
    list_filter = ("is_active", "voting", "kind")
    search_fields = ("name", "decision_number")
    list_select_related = ("body",)
    filter_horizontal = ("fields",)
    inlines = (CouncilMemberInline,)


# A secret ballot's urn is counted once, at completion (agree_count / disagree_count): its
# live counters are never shown, or watching them between two submissions would tell a vote.
URN = ("ballots_agree", "ballots_disagree")


def touches_urn(lookup: str) -> bool:
    return any(part in URN for part in lookup.split(LOOKUP_SEP))


class UrnHiddenAdminMixin:
    """The urn is neither shown nor usable: Django's admin honours a filter on any local field
    given in the URL (`?ballots_disagree=1`), and a list that shrinks or grows with it tells
    the vote just submitted. Such a lookup is refused (400), like a lookup on a field the
    admin does not offer; the urn is in no list_display (the only columns `?o=` can sort by),
    list_filter, search_fields, ordering or date_hierarchy (tests/security/test_secret_ballot)."""

    exclude = URN

    def lookup_allowed(self, lookup, value, request=None):
        if touches_urn(lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(CouncilReview)
class CouncilReviewAdmin(UrnHiddenAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("initiative", "council", "voting", "rubric", "meeting_date", "completed_at",
                    "total", "agree_count", "majority_denominator", "recommended")  # fmt: skip
    list_filter = ("recommended", "voting", "rubric")
    search_fields = ("initiative__code", "initiative__title")
    list_select_related = ("initiative", "rubric", "council")


@admin.register(CouncilAssignment)
class CouncilAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Assignments are made by the “accept” transition; recusals are decided there."""

    list_display = ("initiative", "member_name", "recused", "recusal_reason", "present",
                    "assigned_at", "sheet_submitted")  # fmt: skip
    list_filter = ("recused", "present", "initiative__status")
    search_fields = ("initiative__code", "initiative__title", "member__username",
                     "member__full_name", "council_member__full_name")  # fmt: skip
    list_select_related = ("initiative", "member", "council_member", "sheet")

    @admin.display(description=_("council member"))
    def member_name(self, obj):
        return obj.member_name

    @admin.display(description=_("sheet submitted"), boolean=True)
    def sheet_submitted(self, obj):
        sheet = getattr(obj, "sheet", None)
        return sheet is not None and sheet.is_locked


# Under a secret ballot a member's scores and comment are shown without their name only (the
# dossier page's anonymous sheets): next to the name, a telling score or comment is a vote.
UNNAMED_ONLY = ("scores", "vote", "comment")


class EarlierScoreSheetInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EarlierScoreSheet
    fields = ("member_name", "recused", "present", "scores", "vote", "has_voted", "comment",
              "entered_by", "submitted_at")  # fmt: skip
    readonly_fields = fields
    extra = 0

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_secret:
            return [name for name in self.fields if name not in UNNAMED_ONLY]
        return self.fields

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("member", "council_member", "entered_by")
        )

    @admin.display(description=_("council member"))
    def member_name(self, obj):
        return obj.member_name


@admin.register(EarlierCouncilRound)
class EarlierCouncilRoundAdmin(UrnHiddenAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rounds that ended (sent back during scoring, or completed and reopened by a granted
    appeal, with the council's result): kept, never edited."""

    list_display = ("initiative", "number", "voting", "rubric", "started_at", "completed_at",
                    "recommended", "ended_at")  # fmt: skip
    search_fields = ("initiative__code", "initiative__title")
    list_select_related = ("initiative", "rubric")
    inlines = [EarlierScoreSheetInline]


def secret(sheet) -> bool:
    return sheet.assignment.initiative.council_review.is_secret


class ScoreSheetForm(forms.ModelForm):
    class Meta:
        model = ScoreSheet
        fields = ("scores", "vote", "comment")

    def clean_scores(self):
        # The same rule the council member's own screen applies.
        rubric = self.instance.assignment.initiative.council_review.rubric
        cleaned, problems = clean_scores(
            list(rubric.criteria.all()), self.cleaned_data["scores"] or {}, complete=False
        )
        if problems:
            raise ValidationError(problems["scores"])
        return cleaned


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ServiceRefusalsAdminMixin, admin.ModelAdmin):
    form = ScoreSheetForm
    list_display = ("initiative", "member", "vote", "has_voted", "updated_at", "submitted_at")
    list_filter = ("vote", ("submitted_at", admin.EmptyFieldListFilter))
    search_fields = ("assignment__initiative__code", "assignment__member__username",
                     "assignment__member__full_name")  # fmt: skip
    list_select_related = ("assignment__initiative", "assignment__member",
                           "assignment__council_member")  # fmt: skip
    readonly_fields = ("assignment", "has_voted", "entered_by", "updated_at", "submitted_at")

    def lookup_allowed(self, lookup, value, request=None):
        # `?comment__icontains=…` or `?scores__novelty=4.25` would list the member who wrote
        # that comment or gave that score: under a secret ballot, their vote.
        if any(part in UNNAMED_ONLY for part in lookup.split(LOOKUP_SEP)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_fields(self, request, obj=None):
        # Under a secret ballot a sheet keeps no vote: there is nothing to show or set; once
        # submitted, its scores and comment are shown only unnamed (on the dossier page).
        fields = super().get_fields(request, obj)
        if obj is not None and secret(obj):
            hidden = UNNAMED_ONLY if obj.is_locked else ("vote",)
            fields = [name for name in fields if name not in hidden]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and secret(obj):
            kwargs["fields"] = () if obj.is_locked else ("scores", "comment")
        return super().get_form(request, obj, **kwargs)

    @admin.display(description=_("initiative"), ordering="assignment__initiative")
    def initiative(self, obj):
        return obj.assignment.initiative

    @admin.display(description=_("council member"), ordering="assignment__member")
    def member(self, obj):
        return obj.assignment.member_name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and (
            obj.is_locked or obj.assignment.initiative.status != Status.COUNCIL_REVIEW
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_locked) and super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        scoresheet_admin_discard(sheet=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        """The bulk action discards each draft through the service; a sheet submitted (or a
        dossier that left council review) since the list was shown is kept, and said so."""
        for sheet in queryset:
            try:
                scoresheet_admin_discard(sheet=sheet, actor=request.user)
            except Conflict as refusal:
                self.message_user(request, f"{sheet}: {refusal}", level=messages.WARNING)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        scoresheet_admin_correct(sheet=obj, actor=request.user, scores=data["scores"] or {},
                                 vote=data.get("vote", ""), comment=data["comment"])  # fmt: skip


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("stage", "amount", "unit", "day_type")
    list_editable = ("amount", "unit", "day_type")
