"""Embed threads and articles in bulk: after installing, or after a model change (rows of
another model version count as missing)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from similar import embedder
from similar.models import Embedding
from similar.services import store_embedding


def _progress(items, total, stream):
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        yield from tqdm(items, total=total, file=stream, unit="text")
        return
    for done, item in enumerate(items, start=1):
        yield item
        if done % 100 == 0 or done == total:
            stream.write(f"\r{done}/{total}")
            stream.flush()
    if total:
        stream.write("\n")


def targets(*, everything: bool) -> list[tuple[str, int]]:
    """(kind, id) of public question threads and published articles to (re-)embed."""
    from community.models import Thread
    from knowledge.models import Article

    wanted = [("thread", pk) for pk in Thread.objects.public().values_list("pk", flat=True)]
    wanted += [
        ("article", pk)
        for pk in Article.objects.filter(status="published").values_list("pk", flat=True)
    ]
    if everything:
        return wanted
    current = set(
        Embedding.objects.filter(model_version=embedder.model_version()).values_list(
            "kind", "object_id"
        )
    )
    return [key for key in wanted if key not in current]


class Command(BaseCommand):
    help = "Embed the questions and articles without a vector of the current model (--missing) or all (--all)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--missing", action="store_true", help="only those without a current vector"
        )
        group.add_argument("--all", action="store_true", help="every question and article again")

    def handle(self, *args, **options):
        try:
            embedder.get_model()
        except embedder.EmbedderUnavailable as error:
            raise CommandError(f"the embedding model cannot load: {error}") from error
        todo = targets(everything=options["all"])
        stream = sys.stderr if self.stdout._out is sys.stdout else self.stdout
        stored = 0
        for kind, object_id in _progress(iter(todo), len(todo), stream):
            stored += store_embedding(kind, object_id, force=options["all"])
        self.stdout.write(f"{stored} embedded, {len(todo) - stored} unchanged or gone.")
