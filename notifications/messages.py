"""The words of each notification, rendered in the recipient's language."""

from django.utils import translation
from django.utils.translation import gettext as _


def _headlines():
    return {
        "submit": _("A new dossier awaits review"),
        "resubmit": _("A revised dossier awaits review"),
        "request_revision": _("The Department of S&T asks for a revision"),
        "reject": _("The dossier was rejected"),
        "expire": _("The dossier was refused: no reply to the revision request in time"),
        "accept": _("The dossier was accepted and sent to the council"),
        "complete_scoring": _("The council has finished scoring; a decision is needed"),
        "recognize": _("The initiative was recognized"),
        "decline": _("The province declined to recognize the initiative"),
        "start_rollout": _("Rollout has started: your agency is asked to adopt the initiative"),
        "close_rollout": _("The rollout was closed"),
        "withdraw": _("The dossier was withdrawn"),
    }


def render(transition: str, initiative, log, language: str) -> tuple[str, str]:
    """(subject, message) for one recipient."""
    with translation.override(language or "vi"):
        headline = _headlines().get(transition, transition)
        code = initiative.code or _("(draft)")
        subject = f"[{code}] {headline}"
        lines = [
            headline + ".",
            _("Dossier: %(code)s — %(title)s") % {"code": code, "title": initiative.title},
        ]
        if log.actor_id:
            lines.append(_("By: %(name)s") % {"name": log.actor.get_full_name()})
        if log.comment:
            lines.append(_("Comment: %(comment)s") % {"comment": log.comment})
        if initiative.revision_due and transition == "request_revision":
            lines.append(
                _("Reply due by %(date)s.") % {"date": initiative.revision_due.strftime("%d/%m/%Y")}
            )
        return subject[:255], "\n".join(lines)
