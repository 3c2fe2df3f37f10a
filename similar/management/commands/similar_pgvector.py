"""The pgvector backend's table: --setup creates the extension (where this database user
may), the table and its HNSW index and copies the stored vectors into it; run again it
brings the table up to date. --drop removes the table (searching goes back to memory)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from similar.backends import pgvector


class Command(BaseCommand):
    help = (
        "Create and fill the pgvector table of the similar-question vectors (--setup), "
        "or drop it (--drop)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--setup",
            action="store_true",
            help="extension, table, every stored vector and the HNSW index (idempotent)",
        )
        group.add_argument("--drop", action="store_true", help="remove the table and its index")

    def handle(self, *args, setup=False, drop=False, **options):
        if drop:
            pgvector.drop()
            self.stdout.write(f"{pgvector.TABLE} dropped.")
            return
        stream = sys.stderr if self.stdout._out is sys.stdout else self.stdout

        def progress(done, total):
            stream.write(f"\r{done}/{total} vectors")
            if done == total:
                stream.write("\n")
            stream.flush()

        try:
            copied = pgvector.setup(log=self.stdout.write, progress=progress)
        except pgvector.PgvectorUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{copied} vectors in {pgvector.TABLE}, HNSW index {pgvector.INDEX}. "
            "With SIMILAR_BACKEND=pgvector every process searches there within "
            f"{pgvector.RECHECK_SECONDS} s."
        )
