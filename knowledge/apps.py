from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles that answer the next customer before they ask (a later issue).

    May import from ``community``; ``community`` never imports from here.
    """

    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        # --- saved replies and the demo's knowledge base -----------------------------------
        from community.extensions import register_answer_editor_tool, register_demo_finisher
        from knowledge import permissions  # noqa: F401  (registers the rules)
        from knowledge.demo.finisher import finish_demo
        from knowledge.views.replies import saved_reply_picker

        register_answer_editor_tool(saved_reply_picker)
        register_demo_finisher(finish_demo)
        # --- end of saved replies and the demo's knowledge base ----------------------------
