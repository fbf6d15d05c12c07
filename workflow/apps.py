from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")

    def ready(self):
        from common.slots import register_slot
        from initiatives.permissions import register_council_secretary, register_insider
        from initiatives.person_links import authorship_recusal
        from initiatives.selectors import register_visibility

        from . import decisions  # noqa: F401  (registers the decision number's system check)
        from .deadlines import legal_basis
        from .models import DeadlineRule
        from .reminders import register_reminders
        from .round_decision import settle_after_transition
        from .rounds import SOURCE, round_reminders
        from .selectors import (
            council_visibility,
            is_council_secretary,
            latest_revision_request,
            on_council_of,
            register_recusal_rule,
        )
        from .signals import initiative_transitioned

        register_visibility(council_visibility)
        # A round is decided when its last dossier is, in a batch or on its own.
        initiative_transitioned.connect(settle_after_transition, dispatch_uid="settle_round")
        register_reminders(SOURCE, round_reminders)
        register_recusal_rule(authorship_recusal)  # a member who is an author (issue 11)
        register_insider(on_council_of)
        register_council_secretary(is_council_secretary)
        # The dossier form's revision card shows what the reviewer asked for (the audit trail).
        register_slot(
            "initiative_form.revision_request",
            "workflow/_revision_request.html",
            context=lambda ctx: {
                "revision": latest_revision_request(ctx["initiative"]),
                "reply_basis": legal_basis(DeadlineRule.Stage.REVISION_REPLY),
            },
        )
