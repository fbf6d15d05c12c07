from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    name = "adoption"
    verbose_name = _("Adoption")

    def ready(self):
        from common.slots import register_slot
        from initiatives.selectors import register_visibility
        from workflow.promotion import register_promotion_step
        from workflow.reminders import register_reminders
        from workflow.selectors import register_rollout_list
        from workflow.worklist import register_work

        from . import receivers, registry  # noqa: F401
        from .dashboard import cached
        from .promotion import replication_evidence
        from .reminders import SOURCE, report_reminders
        from .selectors import adopter_visibility, with_adoption_count
        from .worklist import ORDER, adoption_work

        register_visibility(adopter_visibility)
        register_promotion_step(replication_evidence)
        register_work(adoption_work, order=ORDER)
        register_reminders(SOURCE, report_reminders)
        registry.register()
        cached.connect()  # the dashboard's cached figures are forgotten on every change
        # The decisions page's rollout list: a column of adopting agencies.
        register_rollout_list(with_adoption_count)
        register_slot("rollout_list.head", "adoption/rollout_count_head.html")
        register_slot("rollout_list.row", "adoption/rollout_count_cell.html")
