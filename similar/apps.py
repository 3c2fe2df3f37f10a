from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarConfig(AppConfig):
    name = "similar"
    verbose_name = _("Similar questions")

    def ready(self):
        from community.extensions import (
            register_benchmark,
            register_health_check,
            register_suggestion_provider,
            register_thread_panel,
        )
        from similar import receivers, tasks  # noqa: F401  (connects the receivers)
        from similar.health import check_embedder
        from similar.related import related_panel
        from similar.suggestions import hybrid_suggestions

        register_suggestion_provider(hybrid_suggestions, primary=True)
        register_health_check("embeddings", check_embedder)
        register_benchmark("similar.benchmark")
        register_thread_panel(related_panel)
