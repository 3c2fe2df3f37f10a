from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles that answer the next customer before they ask.

    May import from ``community``; ``community`` never imports from here: knowledge fills
    community's seams (community.extensions) in ``ready()``.
    """

    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        # --- kbcore: the rules, the header's menu link and the sitemap ---
        import knowledge.permissions  # noqa: F401  (registers the knowledge.* rules)
        from community.extensions import register_nav_link, register_sitemap
        from knowledge.sitemaps import ArticleSitemap, SectionSitemap

        register_nav_link(
            "knowledge:home",
            _("Knowledge base"),
            current=(
                "knowledge:home",
                "knowledge:section",
                "knowledge:article",
                "knowledge:article_history",
                "knowledge:proposals",
            ),
        )
        register_sitemap("kb-sections", SectionSitemap)
        register_sitemap("kb-articles", ArticleSitemap)
        # --- end kbcore ---
        # --- from thread to article (kbthread) ------------------------------------------
        from community.extensions import register_thread_panel
        from knowledge.views.from_thread import thread_article_panel

        register_thread_panel(thread_article_panel)
        # --- end of from thread to article ----------------------------------------------
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
        # --- saved replies and the demo's knowledge base -----------------------------------
        from community.extensions import register_answer_editor_tool, register_demo_finisher
        from knowledge.demo.finisher import finish_demo
        from knowledge.views.replies import saved_reply_picker

        register_answer_editor_tool(saved_reply_picker)
        register_demo_finisher(finish_demo)
        # --- end of saved replies and the demo's knowledge base ----------------------------
