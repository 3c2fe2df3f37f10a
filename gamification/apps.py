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
        # The tasks are registered in every process: the outbox hands work over by name.
        import gamification.tasks  # noqa: F401
        from gamification import receivers  # noqa: F401  (connects the receivers)

        _show_badges_on_profiles()


def _show_badges_on_profiles():
    from community.extensions import register_profile_section
    from gamification.views.badges import profile_section

    register_profile_section(profile_section)
