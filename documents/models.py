"""The official documents the procedure issues (DESIGN §9, issue 12).

An issued document is immutable: its file and checksum never change. A correction issues the
next version of the same act and marks the previous one superseded; a revoked recognition
marks its certificates and decision revoked. Numbers per kind and year come from
NumberSequence without gaps (numbering.py)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt of the application")
    REVISION_NOTICE = "revision_notice", _("Notice requesting corrections")
    REFUSAL_NOTICE = "refusal_notice", _("Notice refusing the application")
    COUNCIL_DECISION = "council_decision", _("Decision setting up the council")
    SCORE_SHEET = "score_sheet", _("Score sheet")
    MINUTES = "minutes", _("Minutes of the council meeting")
    PROPOSAL = "proposal", _("Proposal for recognition")
    RECOGNITION_DECISION = "recognition_decision", _("Recognition decision")
    CERTIFICATE = "certificate", _("Initiative certificate")
    NON_RECOGNITION_NOTICE = "non_recognition_notice", _("Notice of non-recognition")
    REVOCATION_DECISION = "revocation_decision", _("Decision revoking the recognition")


# Kinds anyone may check at /verify/<code>/: what an author shows to others.
VERIFIABLE_KINDS = frozenset(
    {
        DocumentKind.CERTIFICATE,
        DocumentKind.RECOGNITION_DECISION,
        DocumentKind.COUNCIL_DECISION,
        DocumentKind.REVOCATION_DECISION,
    }
)


# Kinds a leader signs on paper (the decisions, the certificates): the signed, stamped scan
# uploaded afterwards is the authoritative copy. Only their issued PDF takes one, never a Word
# draft.
SIGNED_KINDS = frozenset(
    {
        DocumentKind.CERTIFICATE,
        DocumentKind.RECOGNITION_DECISION,
        DocumentKind.COUNCIL_DECISION,
        DocumentKind.REVOCATION_DECISION,
    }
)


def new_verification_code() -> str:
    """128 random bits, URL-safe: not guessable, short enough for a QR code."""
    return secrets.token_urlsafe(16)


def document_path(instance, filename):
    # Private (MEDIA_ROOT is never served): only a permission-checked view streams it. The
    # stored name is opaque; the extension follows the format the service wrote.
    ext = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"documents/{instance.kind}/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


def scan_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"documents/scans/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


class NumberSequence(models.Model):
    """The last number issued per kind and year. The row is locked (select_for_update) in the
    issuing transaction, so concurrent issues queue on it and a rolled-back one takes no number."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    # "" for the province's books; an agency's code for the books of its cơ sở track.
    series = models.CharField(_("series"), max_length=40, blank=True, default="")
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document number counter")
        verbose_name_plural = _("document number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "series"], name="unique_document_sequence_series"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


class Document(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("issued")
        SUPERSEDED = "superseded", _("superseded")
        REVOKED = "revoked", _("revoked")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    # What the document is about: a dossier, or (council and round decisions) a body or round.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    council = models.ForeignKey(
        "workflow.Council",
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    round = models.ForeignKey(
        "workflow.Round",
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # A certificate is per author: the author row, and the person behind it when known.
    author = models.ForeignKey(
        "initiatives.Author",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # The act that issued it (a transition), when there is one.
    log = models.ForeignKey(
        "workflow.TransitionLog",
        verbose_name=_("act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # Names the act and its addressee ("transition:12:author:3"): with kind and version it is
    # unique, so issuing the same act twice (a task run twice) makes no second document.
    act_key = models.CharField(_("act"), max_length=100)
    number = models.CharField(_("number"), max_length=60, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    series = models.CharField(_("series"), max_length=40, blank=True, default="")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ISSUED
    )
    title = models.CharField(_("summary"), max_length=500)
    # What the document states (names, title, decision), as issued: the verification page
    # shows this, never the dossier as it is now.
    data = models.JSONField(_("content"), default=dict, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=document_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, null=True, blank=True
    )
    signed_scan = models.FileField(_("signed scan"), upload_to=scan_path, blank=True)
    signed_scan_sha256 = models.CharField(
        _("SHA-256 of the signed scan"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "act_key", "version"], name="unique_document_act_version"
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "series", "sequence", "version"],
                condition=models.Q(sequence__isnull=False),
                name="unique_document_number_series",
            ),
        ]
        indexes = [
            models.Index(fields=["initiative", "kind"]),
            models.Index(fields=["kind", "year"]),
            models.Index(fields=["person", "kind"]),
            models.Index(fields=["round", "kind"]),
            models.Index(fields=["council", "kind"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()

    @property
    def is_verifiable(self) -> bool:
        return self.kind in VERIFIABLE_KINDS and bool(self.verification_code)

    @property
    def is_signed_on_paper(self) -> bool:
        return self.kind in SIGNED_KINDS and self.format == self.Format.PDF

    @property
    def awaits_signed_scan(self) -> bool:
        """A signed document with no scan yet, that may still take one (not superseded)."""
        return (
            self.is_signed_on_paper
            and not self.signed_scan
            and self.status != self.Status.SUPERSEDED
        )
