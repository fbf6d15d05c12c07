"""The words of each notification, rendered in the recipient's language."""

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .events import event


def render(
    kind: str,
    initiative,
    *,
    language: str,
    acts: bool,
    actor_name: str = "",
    comment: str = "",
    due: date | None = None,
    details: tuple[str, ...] = (),
) -> dict:
    """Subject, message and expected action for one recipient, in their language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        what = event(kind)
        code = (initiative.code or _("(draft)")) if initiative else ""
        lines = [str(what.headline) + "."]
        if initiative is not None:
            lines.append(
                _("Dossier: %(code)s — %(title)s") % {"code": code, "title": initiative.title}
            )
        lines.extend(str(line) for line in details)
        if actor_name:
            lines.append(_("By: %(name)s") % {"name": actor_name})
        if comment:
            lines.append(_("Comment: %(comment)s") % {"comment": comment})
        action = str(what.action) if acts and what.action else ""
        if action:
            lines.append(_("Expected of you: %(action)s") % {"action": action})
        if due and acts:
            lines.append(_("Due by %(date)s.") % {"date": due.strftime("%d/%m/%Y")})
        subject = f"[{code}] {what.headline}" if code else str(what.headline)
        return {"subject": subject[:255], "message": "\n".join(lines), "action": action[:255]}
