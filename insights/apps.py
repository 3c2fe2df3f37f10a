from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """The KPI dashboard a community and support manager steers by.

    Reads what community, knowledge and gamification store and what they announce through
    ``community.signals``; none of them imports this app. Figures come from daily roll-up
    rows (``insights.rollups``) and per-question facts (``insights.facts``), plus today's
    figures computed live.
    """

    name = "insights"
    verbose_name = _("Insights")

    def ready(self):
        # Each module that defines counters or sections registers them on import; receivers
        # connect on import. Tasks are imported in every process (the outbox hands work over
        # by task name).
        import importlib

        for module in SECTION_MODULES:
            importlib.import_module(module)


# The dashboard's parts, in the order the page shows them. Every module registers its
# counters (insights.rollups.counter) and its section (insights.figures.register_section).
SECTION_MODULES = ("insights.tasks", "insights.report_tasks")
