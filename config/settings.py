"""
Peerdesk settings: one module, driven by environment variables.

Every default needs no server software (SQLite, Whoosh, a file-system Celery
broker, e-mail written to var/mail/), so a fresh clone runs as it is; each
*_URL variable switches one part to a real server. Production differs only by environment variables;
the README lists every one of them in a single table.

Django settings reference: https://docs.djangoproject.com/en/5.2/ref/settings/
django-environ URL schemes: https://django-environ.readthedocs.io/en/latest/types.html
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PEERDESK_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# --- Environment --------------------------------------------------------------
# DJANGO_ENV=production switches on the safe defaults and makes the secrets
# mandatory; anything else is a developer machine. DEBUG is separate: `make run`
# turns it off to show the site as visitors meet it, `make dev` turns it on.
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    # No fallback: a production site must never run on a key from the repo.
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-peerdesk-development-only-key")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
    )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Applications ---------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.forms",
    # third party
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.twitter_oauth2",
    "allauth.socialaccount.providers.apple",
    "allauth.mfa",
    "csp",
    "django_htmx",
    "haystack",
    "rules",
    # ours: community is the core; knowledge, gamification and insights listen to it.
    "community",
    "knowledge",
    "gamification",
    "similar",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions, CSRF, messages and locale: it sees the cookies they set, and a page
    # it serves from the cache skips them (CSP and security headers are still added fresh).
    "community.caching.VisitorCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "community.middleware.NulCharactersMiddleware",
    "community.middleware.MemberPreferencesMiddleware",
    # Suspended members' sessions end here; silenced members get their notice.
    "community.middleware.MemberSanctionsMiddleware",
    "community.middleware.VisitDayMiddleware",
    "community.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "community.context_processors.site_shell",
                "community.context_processors.known_issues_banner",
            ],
        },
    },
]

# Our field template (templates/django/forms/field.html) wraps every form field.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Data ----------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one per request (SQLite's PRAGMAs, PostgreSQL's handshake)
# cost a third of a list page's time under gunicorn. Checked before each reuse.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the Celery worker writes; a busy timeout
    # makes writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.Member"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://peerdesk")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Sign-in, sign-up and password-reset limits (allauth counts them in the default cache)
    # must be one count for every gunicorn worker, or each worker would allow the full
    # number. Pages read the default cache on every request (branding, limits), so it stays
    # in memory; only allauth's rate-limit keys go to the database cache, read on sign-in
    # forms alone (community/cache_backends.py). Its table is created by a migration.
    # With CACHE_URL (Redis) everything is shared already.
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "peerdesk_shared_cache",
    }
    CACHES["default"] = {
        "BACKEND": "community.cache_backends.SharedRateLimitsLocMemCache",
        "LOCATION": CACHES["default"].get("LOCATION", "peerdesk"),
        "OPTIONS": {"SHARED_ALIAS": "shared"},
    }

# --- Community rate limits (community/services/ratelimits.py) ----------------------------
# How fast members post, vote, flag, upload, preview and search; the numbers are in the
# admin (Limits). Off only in the test settings (tests post fast); tests about them switch
# them on (tests/rate_limits.py).
PEERDESK_RATE_LIMITS = env.bool("RATE_LIMITS", default=True)
# Where hits are counted, shared by every worker process: "cache" uses the default cache's
# atomic increment (Redis INCR; only a cache server shares it across processes), "database"
# a counter row locked for each hit (community.models.RateLimitCounter; an hourly task
# deletes expired rows). The default follows CACHE_URL.
PEERDESK_RATE_LIMIT_STORE = env.str(
    "RATE_LIMIT_STORE", default="cache" if env.str("CACHE_URL", default="") else "database"
)
if PEERDESK_RATE_LIMIT_STORE not in ("cache", "database"):
    raise ImproperlyConfigured("RATE_LIMIT_STORE must be 'cache' or 'database'.")

# --- Pages a cache can serve (community/caching.py) -------------------------------------
# A visitor's GET (no session or messages cookie) sets no cookie and is sent with
# `Cache-Control: public, max-age=…` and an ETag made of the content version (which every
# member's write bumps), the address and the language, so a proxy in front (nginx, a CDN) can
# serve it and revalidate it with a 304. Members' pages are private.
PEERDESK_VISITOR_MAX_AGE = env.int("VISITOR_MAX_AGE", default=60)
# The longest a visitor's page is reused while nothing is written (relative times such as
# "3 minutes ago" are at most this old).
PEERDESK_VISITOR_PAGE_LIFETIME = env.int("VISITOR_PAGE_LIFETIME", default=600)
# A short full-page cache inside Django as well, in the "pages" cache below (not while
# debugging: an edited template would not show to visitors until the next write).
PEERDESK_VISITOR_PAGE_CACHE = env.bool("VISITOR_PAGE_CACHE", default=not DEBUG)
# Addresses kept out of it: endless variations (search), files.
PEERDESK_VISITOR_PAGE_CACHE_SKIP = ("/search/", "/media/")
# The thread page renders each post once per version of the post and kind of viewer.
PEERDESK_POST_FRAGMENT_CACHE = env.bool("POST_FRAGMENT_CACHE", default=True)
PEERDESK_POST_FRAGMENT_SECONDS = 24 * 60 * 60
# Each process also keeps the fragments it used last in memory, up to this many characters
# (community/fragments.py: their keys hold what they show, so a copy is never stale).
PEERDESK_FRAGMENTS_IN_MEMORY = env.int("FRAGMENTS_IN_MEMORY", default=8_000_000)
# Thread lists render each row once per version of the row and language (community/views/rows.py).
PEERDESK_ROW_FRAGMENT_CACHE = env.bool("ROW_FRAGMENT_CACHE", default=True)
# Their own caches, so whole pages cannot push out the site's settings: on CACHE_URL's
# server when there is one, else in each process's memory, with a bound on the entries.
_shared_cache_url = env.str("CACHE_URL", default="")
CACHES["pages"] = env.cache(
    "PAGE_CACHE_URL", default=_shared_cache_url or "locmemcache://peerdesk-pages?MAX_ENTRIES=300"
)
CACHES["fragments"] = env.cache(
    "FRAGMENT_CACHE_URL",
    default=_shared_cache_url or "locmemcache://peerdesk-fragments?MAX_ENTRIES=5000",
)

# --- Search (django-haystack) ---------------------------------------------------
HAYSTACK_CONNECTIONS = {
    "default": env.search_url("SEARCH_URL", default=f"whoosh://{VAR_DIR / 'whoosh_index'}"),
}
if HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith("Elasticsearch7SearchEngine"):
    # Past one machine: German and English analysers in the mapping (needs the
    # `elasticsearch>=7,<7.14` client, which also talks to OpenSearch).
    HAYSTACK_CONNECTIONS["default"]["ENGINE"] = (
        "community.searching.elasticsearch.BilingualElasticsearchEngine"
    )
HAYSTACK_CONNECTIONS["default"]["INCLUDE_SPELLING"] = True
HAYSTACK_CONNECTIONS["default"].setdefault("BATCH_SIZE", 500)
# Index updates travel through Celery after commit, never inside the request.
HAYSTACK_SIGNAL_PROCESSOR = "community.indexing.CelerySignalProcessor"

# --- Similar questions: where the vectors are searched (similar/backends/) --------------
# "memory": each process keeps a matrix of them (about 150 MB at 100,000 threads).
# "pgvector": PostgreSQL with the pgvector extension searches them through an HNSW index,
# past one machine's memory; `manage.py similar_pgvector --setup` creates and fills its
# table. Until that table is there the site searches in memory, with a warning in the log
# and in /healthz.
SIMILAR_BACKEND = env.str("SIMILAR_BACKEND", default="memory")
if SIMILAR_BACKEND not in ("memory", "pgvector"):
    raise ImproperlyConfigured("SIMILAR_BACKEND must be 'memory' or 'pgvector'.")

# --- Celery ---------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_DATA_DIR = VAR_DIR / "celery"
# Settings only name folders; config/celery.py creates them when Celery is set up in a
# process (web, worker, beat), so no manage.py command depends on being able to write here.
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "store_processed": True,  # an atomic rename: two worker processes never take one message
        "polling_interval": 0.5,
    }
    _default_result_backend = f"file://{CELERY_DATA_DIR / 'results'}"
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    _default_result_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_result_backend)
CELERY_RESULT_EXPIRES = timedelta(hours=1)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="peerdesk")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The beat schedule is code, next to the rest of the configuration. The every-minute
# tasks expire: after a worker outage one fresh run beats a queue of stale ones.
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {
        "task": "community.relay_outbox",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
    "record-heartbeat": {
        "task": "community.record_heartbeat",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
    # Tiered routing and automatic escalation (community.escalation.routing).
    "escalate-overdue": {
        "task": "community.escalate_overdue",
        "schedule": timedelta(seconds=60),
        "options": {"expires": 55},
    },
    "remove-unused-images": {
        "task": "community.remove_unused_images",
        "schedule": timedelta(hours=1),
    },
    "prune-rate-limit-counters": {
        "task": "community.prune_rate_limit_counters",
        "schedule": timedelta(hours=1),
    },
    "prune-inbound-hook-messages": {
        "task": "community.prune_inbound_hook_messages",
        "schedule": timedelta(hours=1),
    },
    # Invitees' addresses are kept only while their invitation is pending.
    "expire-invitations": {
        "task": "community.expire_invitations",
        "schedule": timedelta(hours=1),
    },
    "prune-celery-results": {
        "task": "community.prune_task_results",
        "schedule": timedelta(hours=1),
    },
    # The insights dashboard's daily roll-up rows (insights.rollups).
    "rollup-insights": {
        "task": "insights.rollup_recent",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    # Searches are kept 180 days for the dashboard's self-service figures (insights.reach_receivers).
    "prune-insights-search-log": {
        "task": "insights.prune_search_log",
        "schedule": crontab(hour=2, minute=50),
        "options": {"expires": 6 * 60 * 60},
    },
    # The weekly report to managers whose Monday morning it is (insights.report).
    "insights-weekly-reports": {
        "task": "insights.send_weekly_reports",
        "schedule": crontab(minute=5),
        "options": {"expires": 50 * 60},
    },
    # Promotions the day's events missed, and regulars whose grace ran out.
    "recompute-trust-levels": {
        "task": "gamification.recompute_trust_levels",
        "schedule": crontab(hour=3, minute=20),
        "options": {"expires": 6 * 60 * 60},
    },
    # Badges are checked after each event; this grants what any member earned without one
    # (visit streaks, events while the outbox was muted).
    "grant-missed-badges": {
        "task": "gamification.grant_missed_badges",
        "schedule": crontab(hour=3, minute=17),
        "options": {"expires": 6 * 60 * 60},
    },
    # Openings of ask-form suggestions older than 30 minutes without a question: deflections.
    "settle-deflections": {
        "task": "knowledge.settle_deflections",
        "schedule": timedelta(minutes=5),
        "options": {"expires": 4 * 60},
    },
    # Webhook deliveries whose retry is due, and those the broker never got
    # (community/escalation/webhooks.py).
    "sweep-webhook-deliveries": {
        "task": "community.sweep_webhook_deliveries",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DATA_DIR / "beat-schedule")

# --- Outbox: work after commit, handed to Celery until done (community/outbox.py) ---------
# After the broker refused a message: wait 1, 2, 4 … minutes, at most this long.
PEERDESK_OUTBOX_RETRY_BASE = timedelta(minutes=1)
PEERDESK_OUTBOX_RETRY_MAX = timedelta(minutes=env.int("OUTBOX_RETRY_MAX_MINUTES", default=10))
# Handed over but no result from a worker after this long: hand it over again.
PEERDESK_OUTBOX_REDELIVER_AFTER = timedelta(
    minutes=env.int("OUTBOX_REDELIVER_AFTER_MINUTES", default=30)
)
# Give up on a message (state "failed", kept for the admin) after the worker reported its
# task failed this many times; `manage.py relay_outbox --requeue-failed` tries them again.
PEERDESK_OUTBOX_MAX_FAILURES = env.int("OUTBOX_MAX_FAILURES", default=3)
# Done messages are deleted after this long (they may hold e-mail text).
PEERDESK_OUTBOX_KEEP_DONE = timedelta(hours=env.int("OUTBOX_KEEP_DONE_HOURS", default=24))

# --- Health check (/healthz) -------------------------------------------------------
# Visitors get up/down only; staff and requests carrying this token (Authorization:
# Bearer … or ?token=) get every check. Empty: the details are for staff only.
HEALTHCHECK_TOKEN = env.str("HEALTHCHECK_TOKEN", default="")
# The worker counts as down when its last heartbeat is older than this.
HEALTHCHECK_HEARTBEAT_MAX_AGE = timedelta(
    seconds=env.int("HEALTHCHECK_HEARTBEAT_MAX_AGE", default=180)
)
# The outbox counts as stuck when a message waits longer than this to be done.
HEALTHCHECK_OUTBOX_MAX_AGE = timedelta(seconds=env.int("HEALTHCHECK_OUTBOX_MAX_AGE", default=900))

# --- E-mail ---------------------------------------------------------------------
_email = env.email("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
if not EMAIL_FILE_PATH.startswith("/"):
    EMAIL_FILE_PATH = "/" + EMAIL_FILE_PATH
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Peerdesk <community@peerdesk.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Sign-in: django-allauth ---------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "community.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupExtraForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_USER_DISPLAY = "community.models.members.member_display"
# Tell a member by e-mail when their password, e-mail address, two-factor setup or
# connected accounts change: the one warning they get if someone else did it.
ACCOUNT_EMAIL_NOTIFICATIONS = True
LOGIN_REDIRECT_URL = "community:home"
LOGIN_URL = "account_login"
# A provider's e-mail claim never signs anyone in to an existing account or connects to
# it: the member signs in first and connects the provider on the connections page
# (community.adapters.SocialAccountAdapter says so to someone who tries).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# Providers are installed above; each is switched on by adding its Social
# application (client id and secret) in the admin. Until then it shows no button,
# its addresses answer 404 and no network is used.
SOCIALACCOUNT_PROVIDERS = {
    "google": {"SCOPE": ["profile", "email"], "AUTH_PARAMS": {"access_type": "online"}},
    "facebook": {"METHOD": "oauth2", "SCOPE": ["email", "public_profile"]},
    "twitter_oauth2": {},
    "apple": {},
}
# Where the installed providers' sign-in pages live: the browser is sent there after
# the sign-in form posts, so the Content-Security-Policy's form-action must allow them.
_SOCIAL_SIGN_IN_ORIGINS = [
    "https://accounts.google.com",
    "https://www.facebook.com",
    "https://x.com",
    "https://appleid.apple.com",
]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Peerdesk")
# Staff who have TOTP must have passed it in the current session before any page
# (community.middleware.StaffMfaMiddleware); when this is true, staff without TOTP are
# sent to set it up first.
PEERDESK_REQUIRE_MFA_FOR_STAFF = env.bool("REQUIRE_MFA_FOR_STAFF", default=PRODUCTION)

# Rate limits (https://docs.allauth.org/en/latest/account/rate_limits.html).
# Failed sign-ins count per client (10 a minute) and per address *from that client*
# (5 in 5 minutes; the adapter puts the client's address into the key), so a stranger
# who guesses wrong cannot lock the real member out, while one client guessing many
# passwords is still stopped. The admin signs in through the same form (config/urls.py).
# Sign-in, sign-up and password reset are named here, not left to allauth's defaults, so
# they stay on whatever a later allauth changes: 30 sign-in and 20 sign-up attempts a minute
# per client; reset mails 20 a minute per client and 5 a minute per address. Every worker
# counts in one cache (see CACHES above). Only tests/settings.py switches them off.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Behind a proxy every request would come from the proxy's address and the per-client
# limits would become one limit for everybody: name the proxies you run (or the header
# your proxy sets with the client's address) so allauth reads the real client.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time ----------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
# One catalogue for the whole site (templates included); makemessages writes here.
LOCALE_PATHS = [BASE_DIR / "community" / "locale"]
USE_I18N = True
USE_TZ = True
# Shown to visitors; members see times in their own time zone.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")

# --- Static and uploaded files ---------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Off production, WhiteNoise serves static files straight from the source folders, so
# `make run` (DEBUG off) needs no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Uploads: the form rejects anything larger with a message instead of a 413.
PEERDESK_MAX_IMAGE_BYTES = env.int("MAX_IMAGE_BYTES", default=5 * 1024 * 1024)
PEERDESK_MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security --------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "community.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# --- Content-Security-Policy (django-csp 4) ---------------------------------------
# https://django-csp.readthedocs.io/en/latest/configuration.html
# Enforced in every environment (a violation shows up while developing, not first in
# production). Scripts and styles come from this site; an inline block would need the
# request's nonce (request.csp_nonce), and none does, so visitors' pages can be cached and
# shared (community/caching.py); nothing may be framed, embedded or used as <base>.
# templates/500.html is rendered without a request (so without a nonce); its one
# inline <style> is allowed by its hash (tests/config/test_csp.py recomputes it).
PEERDESK_ERROR_PAGE_STYLE_HASH = "'sha256-3AzllrelS2Zvc6rdg9CASeymy1ObxCzu3CHpJcv7o8Q='"
_media_origin = [MEDIA_URL] if MEDIA_URL.startswith(("https://", "http://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, PEERDESK_ERROR_PAGE_STYLE_HASH],
        # data: for the TOTP QR code that allauth draws as an image.
        "img-src": [SELF, "data:", *_media_origin],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *_SOCIAL_SIGN_IN_ORIGINS],
        "upgrade-insecure-requests": PRODUCTION,
        "report-uri": env.str("CSP_REPORT_URI", default="") or None,
    },
}

# --- Logging: one line per event, key=value, to stdout ---------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"logfmt": {"()": "config.logging.LogfmtFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "logfmt"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.utils.autoreload": {"level": "WARNING"},
        "whoosh": {"level": "WARNING"},
        "celery": {"level": LOG_LEVEL},
    },
}
