"""Recall of keyword-only, embedding-only and hybrid suggestions on the labelled
paraphrase pairs (similar/eval/paraphrases.json), in a throw-away database and index.

Without --in-place the command runs itself again in a child process whose DATABASE_URL
and SEARCH_URL point into a temporary folder (migrated from scratch), so the site's data
and search index are never touched."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from similar.evaluation import measure_latency, run_in_database


class Command(BaseCommand):
    help = "Evaluate similar-question suggestions on the paraphrase pairs (throw-away data)."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_path", help="also write the figures here")
        parser.add_argument(
            "--latency",
            action="store_true",
            help="only time query embedding + search at 10,000 and 100,000 synthetic vectors",
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="use the configured database and index (only for a throw-away one)",
        )

    def handle(self, *args, json_path=None, in_place=False, latency=False, **options):
        if latency:
            rows = measure_latency()
            for row in rows:
                self.stdout.write(
                    f"{row['vectors']:>7} synthetic vectors: embed {row['embed_median_ms']} ms + "
                    f"search {row['search_median_ms']} ms = {row['total_median_ms']} ms median "
                    f"(max {row['total_max_ms']} ms), index {row['index_mb']} MB"
                )
            if json_path:
                Path(json_path).write_text(json.dumps({"latency": rows}, indent=1))
            return
        if not in_place:
            with tempfile.TemporaryDirectory(prefix="peerdesk-eval-") as folder:
                environment = {
                    **os.environ,
                    "DATABASE_URL": f"sqlite:///{Path(folder) / 'eval.sqlite3'}",
                    "SEARCH_URL": f"whoosh://{Path(folder) / 'index'}",
                    "CACHE_URL": "locmemcache://",
                    "RATE_LIMITS": "false",  # 80 questions by one member in a minute
                }
                manage = str(
                    settings.BASE_DIR / "manage.py"
                )  # not argv[0]: the bench may run in pytest
                command = [sys.executable, manage, "eval_similar", "--in-place"]
                if json_path:
                    command += ["--json", str(Path(json_path).resolve())]
                if subprocess.run(command, env=environment).returncode:
                    raise CommandError("the evaluation failed")
            return
        call_command("migrate", interactive=False, verbosity=0)
        report = run_in_database(log=self.stdout.write)
        self.stdout.write(report.table())
        seconds = {method: round(total, 2) for method, total in report.seconds.items()}
        self.stdout.write(f"search time for all pairs (s): {seconds}")
        if json_path:
            Path(json_path).write_text(
                json.dumps({"rows": report.rows(), "seconds": seconds}, indent=1)
            )
