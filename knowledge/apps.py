from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles that answer the next customer before they ask (a later issue).

    May import from ``community``; ``community`` never imports from here.
    """

    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        # --- search and ask-form suggestions (kbsearch) ---
        from community.extensions import (
            register_search_provider,
            register_suggestion_link,
            register_suggestion_provider,
        )

        # Tasks registered in every process: the outbox hands work over by task name.
        from knowledge import receivers, tasks  # noqa: F401  (connects the receivers)
        from knowledge.searching import SEARCH_PROVIDER, article_suggestions, suggestion_link

        register_search_provider(SEARCH_PROVIDER)
        register_suggestion_provider(article_suggestions)
        register_suggestion_link(suggestion_link)
