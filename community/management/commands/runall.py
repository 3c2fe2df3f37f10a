"""Start the web server, a Celery worker and Celery beat together; Ctrl-C stops all three."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from community.demo.people import DEMO_PASSWORD, demo_logins
from config.celery import create_celery_folders


class Command(BaseCommand):
    help = "Run the whole site: web server, Celery worker and Celery beat (one Ctrl-C stops all)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--gunicorn", action="store_true", help="Serve with gunicorn instead of runserver."
        )

    def handle(self, *args, host, port, gunicorn, **options):
        # Here, not in settings: a folder that cannot be created stops this command with
        # the reason, instead of every manage.py command.
        create_celery_folders()
        python = sys.executable
        if gunicorn:
            web = [
                python,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "2",
                "--no-control-socket",
                "--access-logfile",
                "-",
            ]
        else:
            web = [python, "manage.py", "runserver", f"{host}:{port}"]
        commands = {
            "web": web,
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--hostname=peerdesk@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}",
            ],
        }
        # Links in e-mails the worker sends point at this server unless SITE_URL says otherwise.
        environment = {**os.environ}
        environment.setdefault("SITE_URL", f"http://{host}:{port}")
        processes: dict[str, subprocess.Popen] = {}
        stopping = threading.Event()

        def stop(*_):
            stopping.set()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)

        for name, command in commands.items():
            # Own process group: we stop each one with everything it started (runserver's reloader).
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=environment,
                text=True,
                bufsize=1,
            )
            processes[name] = process
            threading.Thread(target=self._relay, args=(name, process), daemon=True).start()

        self._announce_when_ready(host, port, processes, stopping)
        exit_code = 0
        while not stopping.is_set():
            for name, process in processes.items():
                if process.poll() is not None:
                    self.stderr.write(
                        f"{name} stopped (exit code {process.returncode}); stopping the rest."
                    )
                    exit_code = process.returncode or 1
                    stopping.set()
                    break
            time.sleep(0.3)

        self.stdout.write("Stopping web server, worker and beat …")
        for name, process in processes.items():
            if name == "web":
                # runserver's reloader runs the server in a child: stop the whole group.
                self._signal_group(process, signal.SIGTERM)
            elif process.poll() is None:
                # Celery's main process stops its pool children itself (warm shutdown).
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal_group(process, signal.SIGKILL)
        sys.exit(exit_code)

    @staticmethod
    def _signal_group(process: subprocess.Popen, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)

    def _relay(self, name: str, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.stdout.write(f"{name:>6} | {line.rstrip()}")

    def _announce_when_ready(self, host, port, processes, stopping) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not stopping.is_set():
            if processes["web"].poll() is not None:
                return
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            return
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\n  Peerdesk is running at {url}"))
        self.stdout.write(f"  Admin: {url}admin/   Health: {url}healthz")
        self.stdout.write(f"  Demo logins (password {DEMO_PASSWORD}):")
        for role, email in demo_logins():
            self.stdout.write(f"    {email:<40} {role}")
        self.stdout.write("  E-mails are written to var/mail/. Press Ctrl-C to stop.\n")
