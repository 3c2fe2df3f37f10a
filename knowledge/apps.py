from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles that answer the next customer before they ask.

    May import from ``community``; ``community`` never imports from here.
    """

    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        # --- from thread to article (kbthread) ------------------------------------------
        from community.extensions import register_thread_panel
        from knowledge import permissions  # noqa: F401  (registers the rules)
        from knowledge.views.from_thread import thread_article_panel

        register_thread_panel(thread_article_panel)
        # --- end of from thread to article ----------------------------------------------
