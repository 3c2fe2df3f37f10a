from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles that answer the next customer before they ask (a later issue).

    May import from ``community``; ``community`` never imports from here.
    """

    name = "knowledge"
    verbose_name = _("Knowledge base")
