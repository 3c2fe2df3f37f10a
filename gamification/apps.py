from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    """Reputation, badges and trust levels (a later issue).

    Listens to the signals declared in ``community.signals``; receivers are
    connected in ``ready()`` from ``gamification.receivers``.
    """

    name = "gamification"
    verbose_name = _("Reputation and badges")
