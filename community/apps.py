from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        # Register the Celery tasks in every process: the outbox hands work over by task
        # name, and a process that never imported a task could only send it blindly.
        import community.escalation.receivers  # escalates at once on a trigger
        import community.tasks  # noqa: F401
        from community.escalation import desk_receivers
        from community.middleware import record_visit_on_login
        from community.site import sync_site_row

        # After every migrate (each deploy), the Site row names SITE_URL's host.
        post_migrate.connect(sync_site_row, sender=self, dispatch_uid="community.sync_site_row")
        desk_receivers.connect()  # a staff answer is an escalation's first staff response
        user_logged_in.connect(
            record_visit_on_login, dispatch_uid="community.record_visit_on_login"
        )
