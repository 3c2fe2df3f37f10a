from django.core.management.base import BaseCommand

from community import outbox


class Command(BaseCommand):
    help = (
        "Hand outbox messages that are due to the task queue (what Celery beat does every "
        "minute), prune done ones, and report what is still waiting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Hand over every message not done yet, without waiting for its next attempt "
            "(after the broker is back).",
        )
        parser.add_argument(
            "--requeue-failed",
            action="store_true",
            help="Give messages the outbox gave up on another round first (after a fix).",
        )

    def handle(self, *args, now, requeue_failed: bool, **options):
        if requeue_failed:
            count = outbox.requeue_failed()
            self.stdout.write(f"Requeued {count} failed messages.")
        report = outbox.relay_due(ignore_schedule=now)
        self.stdout.write(
            f"Handed over {report.handed_over}, refused {report.refused}, "
            f"left waiting {report.left_waiting}, pruned {report.pruned}."
        )
        backlog = outbox.outbox_backlog()
        age = backlog.oldest_age()
        oldest = f", the oldest for {int(age.total_seconds())} s" if age is not None else ""
        style = self.style.WARNING if report.refused else self.style.SUCCESS
        self.stdout.write(style(f"{backlog.waiting} messages not done yet{oldest}."))
        if report.refused:
            self.stderr.write("The task queue refused a message: is the broker running?")
