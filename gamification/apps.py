from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    """Reputation, badges, trust levels and the super-user program.

    Listens to the signals declared in ``community.signals`` (``gamification.receivers``,
    connected here); community never imports this app.
    """

    name = "gamification"
    verbose_name = _("Reputation and badges")

    def ready(self):
        from community.extensions import (
            register_benchmark,
            register_demo_finisher,
            register_profile_section,
        )

        # Tasks registered in every process: the outbox hands work over by task name.
        from gamification import receivers, tasks  # noqa: F401  (connects the receivers)
        from gamification.demo import finish_demo
        from gamification.views.badges import profile_section as badges_profile_section
        from gamification.views.ledger import reputation_profile_section

        register_benchmark("gamification.benchmark")
        register_demo_finisher(finish_demo)
        register_profile_section(badges_profile_section)
        register_profile_section(reputation_profile_section)
