"""config.settings is driven by the environment: each URL switches an engine, no code change."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-production-secret-that-is-long-enough-and-random-0123456789abcdefgh",
    "ALLOWED_HOSTS": "community.example.com",
}

_PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "db": s.DATABASES["default"]["ENGINE"], "db_name": s.DATABASES["default"]["NAME"],
    "broker": s.CELERY_BROKER_URL, "results": s.CELERY_RESULT_BACKEND,
    "cache": s.CACHES["default"]["BACKEND"], "email": s.EMAIL_BACKEND, "email_host": s.EMAIL_HOST,
    "search": s.HAYSTACK_CONNECTIONS["default"]["ENGINE"], "debug": s.DEBUG,
}))
"""


def _run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(
        ("DATABASE_URL", "CELERY_", "CACHE_URL", "EMAIL_URL", "SEARCH_URL", "DJANGO_ENV", "DEBUG",
         "SECRET_KEY", "ALLOWED_HOSTS"))}  # fmt: skip
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _settings(**env) -> dict:
    result = _run(_PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_no_server_software():
    values = _settings()
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["broker"] == "filesystem://"
    assert values["results"].startswith("file://")
    assert values["cache"].endswith("LocMemCache")
    assert values["email"].endswith("filebased.EmailBackend")
    assert values["search"].endswith("WhooshEngine")
    assert values["debug"] is True


def test_urls_switch_every_engine():
    values = _settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/peerdesk",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CACHE_URL="redis://127.0.0.1:6379/1",
        EMAIL_URL="smtp+tls://user:secret@smtp.example.com:587",
        SEARCH_URL="elasticsearch7://127.0.0.1:9200/peerdesk",
    )
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "peerdesk"
    assert values["broker"] == "redis://127.0.0.1:6379/0"
    assert values["results"] == "redis://127.0.0.1:6379/0"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "smtp.example.com"
    assert values["search"] == "community.searching.elasticsearch.BilingualElasticsearchEngine"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secrets(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = _run(_PRINT_SETTINGS, **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
            },
            **PRODUCTION,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_runs_with_debug_off_without_secrets():
    """`make run` shows the site as visitors meet it: DEBUG off, no SECRET_KEY needed."""
    values = _settings(DEBUG="false")
    assert values["debug"] is False


def test_make_run_turns_debug_off_and_make_dev_turns_it_on():
    def command(target: str) -> str:
        result = subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={k: v for k, v in os.environ.items() if k != "DEBUG"},
        )  # fmt: skip
        return next(line for line in result.stdout.splitlines() if "runall" in line)

    assert command("run").startswith("DEBUG=false ")
    assert command("dev").startswith("DEBUG=true ")


_SET_UP_CELERY = """
import json, os, django
django.setup()
from django.conf import settings
folder = settings.CELERY_DATA_DIR
before = folder.exists()
from config.celery import app
app.conf.broker_url  # Celery reads its configuration: the app is set up
after = sorted(os.listdir(folder)) if folder.is_dir() else None
print(json.dumps({"before": before, "after": after}))
"""


def _blocked_var_dir(tmp_path) -> Path:
    """A var folder that cannot be created: its parent is a file."""
    parent = tmp_path / "a-file"
    parent.write_text("not a folder")
    return parent / "var"


def test_settings_create_no_folders_so_commands_run_where_none_can_be_made(tmp_path):
    var_dir = _blocked_var_dir(tmp_path)
    assert _run(_PRINT_SETTINGS, PEERDESK_VAR_DIR=str(var_dir)).returncode == 0
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PEERDESK_VAR_DIR": str(var_dir),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_celery_setup_creates_the_file_system_broker_folders(tmp_path):
    result = _run(_SET_UP_CELERY, PEERDESK_VAR_DIR=str(tmp_path / "var"))
    assert result.returncode == 0, result.stderr
    folders = json.loads(result.stdout.strip().splitlines()[-1])
    assert folders == {"before": False, "after": ["control", "processed", "queue", "results"]}


def test_celery_setup_logs_folders_it_cannot_create_and_carries_on(tmp_path):
    result = _run(_SET_UP_CELERY, PEERDESK_VAR_DIR=str(_blocked_var_dir(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["after"] is None
    assert "the Celery folders cannot be created" in result.stdout + result.stderr
