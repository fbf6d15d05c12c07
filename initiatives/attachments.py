"""A dossier's attached files (the models of this app live in models.py and here)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.files import ALLOWED_TYPES


class AttachmentKind(models.TextChoices):
    MO_TA = "mo_ta", _("Description")
    MINH_CHUNG = "minh_chung", _("Evidence")
    BIEN_BAN_CO_SO = "bien_ban_co_so", _("Minutes of the agency council")
    QUYET_DINH_CO_SO = "quyet_dinh_co_so", _("Agency recognition decision")
    CONG_VAN_DE_NGHI = "cong_van_de_nghi", _("Letter of request")
    # The agency's complaint and its evidence, filed with an appeal (workflow: appeal).
    DON_KHIEU_NAI = "don_khieu_nai", _("Letter of appeal")
    KHAC = "khac", _("Other")


def attachment_path(instance, filename):
    # The stored name is opaque and its extension follows the checked content, never the
    # client's name (kept in original_name for downloads).
    ext = ALLOWED_TYPES.get(instance.content_type, "bin")
    return f"attachments/{instance.initiative_id}/{timezone.now():%Y%m%d%H%M%S%f}.{ext}"


class Attachment(models.Model):
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("initiative"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    confidential = models.BooleanField(_("confidential"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
