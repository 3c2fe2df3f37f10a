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

        from django.contrib.auth.signals import user_logged_in

        from insights import permissions  # noqa: F401  (registers the dashboard's rule)
        from insights.navigation import remember_manager

        user_logged_in.connect(remember_manager, dispatch_uid="insights.remember_manager")

        for module in SECTION_MODULES:
            importlib.import_module(module)

        from community.extensions import (
            register_benchmark,
            register_demo_finisher,
            register_email_audience,
        )
        from community.models import EmailKind
        from community.permissions import can
        from insights.demo import finish_demo

        # The weekly report's switch on the e-mail settings page, for those who get it.
        register_email_audience(
            EmailKind.WEEKLY_REPORT, lambda member: can(member, "insights.open_dashboard")
        )

        # The demo's searches and a year of roll-ups, so the dashboard is full after
        # `make run`; the dashboard in `manage.py bench` (only the benchmark imports it).
        register_demo_finisher(finish_demo)
        register_benchmark("insights.benchmark")


# The dashboard's parts, in the order the page shows them. Every module registers its
# counters (insights.rollups.counter) and its section (insights.figures.register_section).
SECTION_MODULES = (
    "insights.tasks",
    "insights.facts",
    "insights.facts_receivers",
    "insights.response",
    "insights.escalations",
    "insights.satisfaction",
    "insights.sentiment_posts",
    "insights.sentiment_receivers",
    "insights.sentiment_section",
    "insights.volume",
    "insights.health",
    "insights.reach_receivers",
    "insights.resonance",
    "insights.selfservice",
    "insights.report_tasks",
)
