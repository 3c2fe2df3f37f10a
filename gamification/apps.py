from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    """Reputation, badges and trust levels: the super-user program (not built yet).

    It will listen to the signals declared in ``community.signals``; community never
    imports it.
    """

    name = "gamification"
    verbose_name = _("Reputation and badges")
