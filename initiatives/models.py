from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from agencies.models import Agency
from common import clock
from common.limits import LONG_TEXT
from common.text import clean_name, fold, nfc

from . import permissions as can

# The attachment models live in attachments.py; attachment_path is named by migration 0001.
from .attachments import Attachment, AttachmentKind, attachment_path  # noqa: F401

# The states and the decision's choices live in choices.py; callers name them here.
from .choices import (  # noqa: F401
    APPEAL_GRANTED,
    APPEAL_UPHELD,
    APPEALABLE_STATES,
    EDITABLE_STATES,
    PUBLIC_STATES,
    Level,
    S,
    Scope,
    SignerAuthority,
    Status,
)
from .fields import BODY_FIELDS
from .indexes import LIST_INDEXES, STATUS_RANK  # noqa: F401

# The tables of people live in people_models.py; migrations and callers name them here.
from .people_models import Author, Participant, PersonRow  # noqa: F401

# The list of fields and the code counter live in reference_models.py; callers name them here.
from .reference_models import CodeSequence, Field  # noqa: F401


def current_year():
    return clock.today().year


class Initiative(ConcurrentTransitionMixin, models.Model):
    """Đơn yêu cầu công nhận sáng kiến (TT 18/2013/TT-BKHCN, Phụ lục I)."""

    code = models.CharField(_("code"), max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        to_field="code",
        on_delete=models.PROTECT,
        default="cai_cach_hanh_chinh",
        related_name="initiatives",
    )
    problem = models.TextField(_("problem solved"), blank=True, max_length=LONG_TEXT)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("submitting agency"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    author_is_investor = models.BooleanField(_("the author is also the investor"), default=False)
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    # No default: an untouched form must not declare State investment. Null while drafting,
    # required to submit (initiatives.rules).
    state_funded = models.BooleanField(
        _("State investment of funds and material-technical means"), null=True, blank=True
    )
    first_applied_on = models.DateField(
        _("date of first (trial) application"), null=True, blank=True
    )
    # Set only for an initiative still in trial: the decision period (NĐ 13 Điều 7) then runs
    # from this date when it comes after the acceptance of the application.
    first_application_ends_on = models.DateField(
        _("end of the first (trial) application"), null=True, blank=True
    )
    description = models.TextField(
        _("description of the initiative"), blank=True, max_length=LONG_TEXT
    )
    applicability = models.TextField(_("applicability"), blank=True, max_length=LONG_TEXT)
    confidential_info = models.TextField(
        _("confidential information"), blank=True, max_length=LONG_TEXT
    )
    conditions = models.TextField(
        _("conditions needed to apply it"), blank=True, max_length=LONG_TEXT
    )
    benefits_author = models.TextField(
        _("benefits according to the authors"), blank=True, max_length=LONG_TEXT
    )
    benefits_first_adopters = models.TextField(
        _("benefits according to the first adopters"), blank=True, max_length=LONG_TEXT
    )
    benefit_amount_vnd = models.BigIntegerField(_("monetary benefit (VND)"), null=True, blank=True)
    truthfulness_declared = models.BooleanField(_("truthfulness declared"), default=False)
    public_order_declared = models.BooleanField(
        _("declared not contrary to public order or morality"), default=False
    )
    no_ip_protection_declared = models.BooleanField(
        _("declared not under intellectual-property protection"), default=False
    )
    round = models.PositiveSmallIntegerField(_("round (year)"), default=current_year)

    status = FSMField(_("status"), default=S.DRAFT, choices=Status.choices, protected=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    revision_due = models.DateField(_("revision reply due"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    # The decision revoking the recognition (state `revoked`); the recognition's own number and
    # date above stay as they were, for the record.
    revocation_number = models.CharField(_("revocation decision number"), max_length=60, blank=True)
    revocation_date = models.DateField(_("revocation decision date"), null=True, blank=True)
    # Recognition of nationwide scope (toàn quốc) is a ministry's decision, recorded here once
    # the province has recognized the initiative (its scope becomes national).
    national_decision_number = models.CharField(
        _("national recognition decision number"), max_length=60, blank=True
    )
    national_decision_date = models.DateField(
        _("national recognition decision date"), null=True, blank=True
    )
    national_issuer = models.CharField(_("issued by (ministry)"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True)
    # The agency's appeal (khiếu nại) against a refusal or a non-recognition: which outcome it
    # contests, when it was filed, when its resolution is due (30 days, 45 when complex) and
    # whether the outcome became final because the appeal was upheld (one appeal per decision).
    appealed_from = models.CharField(
        _("appealed outcome"),
        max_length=20,
        choices=[(S.REFUSED.value, S.REFUSED.label), (S.REJECTED.value, S.REJECTED.label)],
        blank=True,
    )
    appeal_filed_at = models.DateTimeField(_("appeal filed at"), null=True, blank=True)
    appeal_due = models.DateField(_("appeal resolution due"), null=True, blank=True)
    appeal_complex = models.BooleanField(_("complex appeal"), default=False)
    appeal_final = models.BooleanField(_("final after an upheld appeal"), default=False)
    # Who signed the recognition decision: the name, and in what capacity (its signature block).
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_authority = models.CharField(
        _("signer's authority"), max_length=20, choices=SignerAuthority.choices, blank=True
    )

    # The recognition track (DESIGN §4): the agency's own (cấp cơ sở) or the province's. The
    # recognizing body follows from it: the agency itself, or UBND tỉnh (recognizing_body_id).
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.PROVINCIAL
    )
    # A provincial dossier proposed from a cơ sở-recognized one (promotion): the two link.
    promoted_from = models.OneToOneField(
        "self",
        verbose_name=_("proposed from (agency level)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promoted_to",
    )
    # What the promotion brought from the cơ sở level (apps add to it: adoption its evidence
    # of replication — applied in how many comparable units, the ≥ 50% test of cấp tỉnh).
    promotion_evidence = models.JSONField(_("evidence from the agency level"), default=dict,
                                          blank=True)  # fmt: skip

    # Folded title + description for diacritics-insensitive search on any database.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-updated_at"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["round", "status"]),
            models.Index(fields=["field", "status"]),
            models.Index(fields=["status", "revision_due"]),
            models.Index(fields=["level", "agency", "status"]),
            *LIST_INDEXES,
        ]

    def __str__(self):
        return f"{self.code or _('(draft)')} — {self.title}"

    def save(self, *args, **kwargs):
        self.title = clean_name(self.title)
        for name in _TEXT_FIELDS:
            setattr(self, name, nfc(getattr(self, name)))
        self.signer_name = clean_name(self.signer_name)
        self.search_text = fold(f"{self.title} {self.description}")
        super().save(*args, **kwargs)

    @property
    def is_agency_level(self) -> bool:
        return self.level == Level.AGENCY

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES

    @property
    def signature(self) -> str:
        """The signature as the decision prints it: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Nguyễn Văn A"."""
        parts = (self.get_signer_authority_display() if self.signer_authority else "",
                 self.signer_name)  # fmt: skip
        return " ".join(str(part) for part in parts if part)

    @property
    def current_due(self):
        """The deadline of the stage the dossier is in, if that stage has one."""
        name = _DUE_FIELDS.get(self.status)
        return getattr(self, name) if name else None

    # --- State machine: state rules only; services do checks, I/O and logging. -------------

    @transition(
        status, S.DRAFT, S.DEPARTMENT_REVIEW, permission=can.is_owner, custom={"label": _("Submit")}
    )
    def submit(self):
        pass

    @transition(
        status,
        [S.DEPARTMENT_REVIEW, S.COUNCIL_REVIEW],
        S.REVISION_REQUESTED,
        permission=can.is_reviewer,
        custom={"label": _("Request revision")},
    )
    def request_revision(self):
        pass

    @transition(
        status,
        S.REVISION_REQUESTED,
        S.DEPARTMENT_REVIEW,
        permission=can.is_owner,
        custom={"label": _("Resubmit")},
    )
    def resubmit(self):
        pass

    @transition(
        status,
        S.REVISION_REQUESTED,
        S.REFUSED,
        permission=can.nobody,
        custom={"label": _("Expire")},
    )
    def expire(self):
        pass

    @transition(
        status,
        S.DEPARTMENT_REVIEW,
        S.REFUSED,
        permission=can.is_reviewer,
        custom={"label": _("Refuse the application")},
    )
    def reject(self):
        pass

    @transition(
        status,
        S.DEPARTMENT_REVIEW,
        S.COUNCIL_REVIEW,
        permission=can.is_reviewer,
        custom={"label": _("Accept the application")},
    )
    def accept(self):
        pass

    @transition(
        status,
        S.COUNCIL_REVIEW,
        S.AWAITING_DECISION,
        permission=can.is_reviewer_or_council_secretary,
        custom={"label": _("Complete scoring")},
    )
    def complete_scoring(self):
        pass

    @transition(
        status,
        S.AWAITING_DECISION,
        S.RECOGNIZED,
        permission=can.is_leader,
        custom={"label": _("Recognize")},
    )
    def recognize(self):
        pass

    @transition(
        status,
        S.AWAITING_DECISION,
        S.REJECTED,
        permission=can.is_leader,
        custom={"label": _("Decline")},
    )
    def decline(self):
        pass

    @transition(
        status,
        S.RECOGNIZED,
        S.ROLLOUT,
        permission=can.is_leader_or_reviewer,
        custom={"label": _("Start rollout")},
    )
    def start_rollout(self):
        pass

    @transition(
        status,
        S.ROLLOUT,
        S.CLOSED,
        permission=can.is_leader_or_reviewer,
        custom={"label": _("Close rollout")},
    )
    def close_rollout(self):
        pass

    @transition(
        status,
        [S.REFUSED, S.REJECTED],
        S.APPEAL_REVIEW,
        permission=can.is_owner_head,
        custom={"label": _("Appeal")},
    )
    def appeal(self):
        # The contested outcome decides who resolves the appeal and where an upheld one returns.
        self.appealed_from = self.status

    @transition(
        status,
        S.APPEAL_REVIEW,
        RETURN_VALUE(S.REFUSED, S.REJECTED, S.DEPARTMENT_REVIEW, S.COUNCIL_REVIEW),
        permission=can.is_appeal_resolver,
        custom={"label": _("Resolve the appeal")},
    )
    def resolve_appeal(self, outcome: str):
        """Upheld: back to the contested outcome (now final). Granted: the step that outcome
        ended starts again — the Department's review, or a new council round."""
        if outcome == APPEAL_UPHELD:
            return self.appealed_from
        if outcome == APPEAL_GRANTED:
            return S.DEPARTMENT_REVIEW if self.appealed_from == S.REFUSED else S.COUNCIL_REVIEW
        raise ValueError(f"unknown appeal outcome: {outcome!r}")  # the service names it first

    @transition(
        status,
        [S.RECOGNIZED, S.ROLLOUT, S.CLOSED],
        S.REVOKED,
        permission=can.is_leader,
        custom={"label": _("Revoke recognition")},
    )
    def revoke(self):
        pass

    @transition(
        status,
        [S.DRAFT, S.DEPARTMENT_REVIEW, S.REVISION_REQUESTED],
        S.WITHDRAWN,
        permission=can.is_owner,
        custom={"label": _("Withdraw")},
    )
    def withdraw(self):
        pass


# Where a dossier's current deadline is kept, by status.
_DUE_FIELDS = {
    S.DEPARTMENT_REVIEW: "review_due",
    S.REVISION_REQUESTED: "revision_due",
    S.COUNCIL_REVIEW: "decision_due",
    S.AWAITING_DECISION: "decision_due",
    S.APPEAL_REVIEW: "appeal_due",
}

# Free text of the application, normalised to NFC on save.
_TEXT_FIELDS = tuple(
    name
    for name in BODY_FIELDS
    if isinstance(Initiative._meta.get_field(name), (models.CharField, models.TextField))
)
