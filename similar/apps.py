from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarConfig(AppConfig):
    name = "similar"
    verbose_name = _("Similar questions")

    def ready(self):
        from community.extensions import (
            register_benchmark,
            register_health_check,
            register_similar_threads_provider,
            register_suggestion_provider,
            register_thread_panel,
        )
        from similar import receivers, tasks  # noqa: F401  (connects the receivers)
        from similar.duplicates import duplicates_panel, similar_thread_ids
        from similar.health import check_embedder
        from similar.related import related_panel
        from similar.suggestions import hybrid_suggestions

        register_suggestion_provider(hybrid_suggestions, primary=True)
        register_health_check("embeddings", check_embedder)
        register_benchmark("similar.benchmark")
        # For super users and staff beside a new thread; for everyone after the answers.
        register_thread_panel(duplicates_panel)
        register_thread_panel(related_panel)
        # Known issues' status posts suggest threads to link by the same ranking.
        register_similar_threads_provider(similar_thread_ids)
