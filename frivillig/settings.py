"""Settings for Frivillig, read from the environment.

One module for every environment: development, CI and production differ only in
environment variables (see README.md, "Configuration").
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from frivillig.lib import environment
from frivillig.lib.environment import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG")
# PRODUCTION=1: HTTPS only (see "Production" below) and no demo app; DEBUG=1 wins.
PRODUCTION = env_bool("PRODUCTION") and not DEBUG
# The benchmark (benchmarks/: make bench, its commands and its trivial view /ping) is
# installed only where it runs: `make bench` and the benchmark's own subprocesses set it.
BENCHMARK = env_bool("BENCHMARK")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("PRODUCTION"):
        raise RuntimeError("SECRET_KEY must be set in production.")
    # Development and tests only: a fixed key so sessions survive restarts.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# With several app servers behind one proxy: this one's name, sent as X-Served-By
# (frivillig.lib.middleware.InstanceNameMiddleware); make cluster names them web1, web2.
INSTANCE_NAME = os.environ.get("INSTANCE_NAME", "").strip()
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tasks",
    "accounts.apps.TasksConfig",  # django_tasks_db, named in Norwegian
    "accounts.apps.AxesConfig",  # django-axes, named in Norwegian
    "csp",
    "simple_history",
    "frivillig",  # the project's own commands: manage.py backup / restore
    "accounts",
    "centres",
    "meetings",
    "plans",
    "surveys",
    "agreements",
    "grants",
]
# seed_demo: for `make run` and CI (which call it without DEBUG), never in production.
if not PRODUCTION:
    INSTALLED_APPS.append("demo")
if BENCHMARK:
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    # X-Served-By: INSTANCE_NAME on every response, when set (several app servers).
    "frivillig.lib.middleware.InstanceNameMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer 403 (the CSRF check included), so it sees them all.
    "accounts.security.ForbiddenLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After SessionMiddleware: renews the session's expiry every few minutes, not always.
    "accounts.middleware.SessionRenewalMiddleware",
    "frivillig.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store for a logged-in user and on downloads.
    "frivillig.lib.middleware.PrivateCacheMiddleware",
    # Django's LoginRequiredMiddleware, answering 401 to the autosave's fetch.
    "accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history tables (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks for a lockout before the model backend checks the password. The
# model backend is Django's, reading the user's municipality with the user (the navbar's).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UserBackend",
]

# Login throttling: 5 failed logins for one username from one address lock that pair
# out for 15 minutes, and 20 for one username from all addresses together lock the
# username out (accounts/security.py, LoginAttemptHandler), so a guess spread over many
# addresses stops too; an administrator can unlock sooner under Axes in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "accounts.security.LoginAttemptHandler"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# django-axes names the client in its own log lines; escaped like the security log, so a
# posted username or a user agent cannot write a line of its own.
AXES_CLIENT_STR_CALLABLE = "accounts.security.client_str"
# The client's address, for the lockout and the security log (accounts.security.client_ip):
# the socket's, unless the request comes from a proxy named in TRUSTED_PROXIES (addresses
# or networks); only then is X-Forwarded-For read. TRUSTED_PROXY_COUNT instead trusts
# every peer to be the last of that many proxies: only for a server nobody reaches but
# through them. Neither is set by default, since anyone can write X-Forwarded-For.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo fails at start, not at a login
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or "0")
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
_replaced = [name for name in os.environ if name.startswith("AXES_IPWARE_")]
if _replaced:
    # They made django-ipware trust X-Forwarded-For from any peer; silently ignoring
    # them would change whom the lockout counts.
    raise RuntimeError(
        f"{', '.join(sorted(_replaced))}: replaced by TRUSTED_PROXIES and "
        "TRUSTED_PROXY_COUNT (see README.md, Configuration)."
    )

# The benchmark's URLs are the portal's and its trivial view /ping.
ROOT_URLCONF = "benchmarks.urls" if BENCHMARK else "frivillig.urls"
WSGI_APPLICATION = "frivillig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["frivillig.lib.templatetags"],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, else SQLite in the project folder.
DATABASES = {"default": environment.database(BASE_DIR)}

# The cache (frivillig.lib.cache, the PDFs, the sessions) is shared by every process of
# the deployment: Redis with REDIS_URL, else the database table CACHE_TABLE. Entries are
# keyed by what would change them (a version stamp), so TIMEOUT only bounds how long an
# entry nobody asks for any more takes up room.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TABLE = "frivillig_cache"
CACHE_TIMEOUT = int(os.environ.get("CACHE_TIMEOUT_SECONDS", str(24 * 60 * 60)))
CACHES = environment.caches(redis_url=REDIS_URL, table=CACHE_TABLE, timeout=CACHE_TIMEOUT)
# The code's release, part of every cache key (frivillig.lib.cache.release): a version or
# commit the deployment names, else a digest of the code and templates.
RELEASE = os.environ.get("RELEASE", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norsk bokmål")),
    ("nn", _("Norsk nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# Dates and times per language where Django's own formats do not fit (frivillig.lib.dates).
FORMAT_MODULE_PATH = ["frivillig.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from the npm registry (package.json) and are collected from
# node_modules; nothing is loaded from a CDN or committed as a copy.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
# Uploaded files (the deck's images) go through Django's storage API, on a folder every
# app server mounts (MEDIA_ROOT) or on S3 (below). They are never served from MEDIA_URL:
# an access-checked view answers for each.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# With AWS_STORAGE_BUCKET_NAME set they go to that S3 bucket instead (django-storages).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": environment.media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Enhetsregisteret (the Brønnøysund Register Centre's open API): `manage.py brreg_sync`
# and the grant pages look centres up here. A local mirror or the tests' stand-in can
# take its place; BRREG_DELAY_SECONDS is the pause between two calls, to be polite.
BRREG_API_URL = os.environ.get(
    "BRREG_API_URL", "https://data.brreg.no/enhetsregisteret/api"
).rstrip("/")
BRREG_DELAY_SECONDS = float(os.environ.get("BRREG_DELAY_SECONDS", "0.5"))
BRREG_TIMEOUT_SECONDS = float(os.environ.get("BRREG_TIMEOUT_SECONDS", "10"))

# Django 6 behaviour now: a URL typed without a scheme gets https://.
FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Frivillig <ikke-svar@frivillig.local>")
# The portal's public address: every link in e-mail is built from it
# (frivillig.lib.urls.absolute_url), never from the request's Host or X-Forwarded-Proto,
# which the client sets. Development falls back to the address `make run` serves.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG and env_bool("PRODUCTION"):
        raise RuntimeError(
            "SITE_URL must be set in production: the portal's public address, for the "
            "links in e-mail, e.g. SITE_URL=https://frivillig.example.no"
        )
    SITE_URL = "http://localhost:8000"
if not SITE_URL.startswith(("https://", "http://")):
    raise RuntimeError(
        "SITE_URL must start with https:// (or http://), e.g. https://frivillig.example.no; "
        f"it is {SITE_URL!r}."
    )

# Background jobs (e-mail, the deck's files): in production in the database, for
# `manage.py db_worker` beside the server (`make serve`, deploy/systemd); in development
# and the tests at once, in the request, so `make run` needs no worker.
# TASKS_BACKEND=immediate or =database chooses either way.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# An e-mail the SMTP server did not take is tried again after these many minutes, one
# after the other (accounts.mail); after the last it is shown to the coordinators as not
# delivered. Comma-separated.
EMAIL_RETRY_DELAYS = [int(m) for m in env_list("EMAIL_RETRY_DELAYS", "1,5,30,120,720")]

# Named on the accessibility statement and the privacy notice (frivillig/pages.py).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "tilgjengelighet@frivillig.example.no"
)
PRIVACY_CONTACT_EMAIL = os.environ.get(
    "PRIVACY_CONTACT_EMAIL", "personvernombud@frivillig.example.no"
)
# How long the operator keeps backups of the database, as the privacy notice states it.
BACKUP_RETENTION_DAYS = int(os.environ.get("BACKUP_RETENTION_DAYS", "30"))

# The link in the coordinator's invitation to the portal works once, for this many days
# (accounts.people); resending gives a new link for as many days again.
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))

# A session ends after SESSION_COOKIE_AGE seconds without a request; logging out deletes
# it on the server, so a copied cookie is worth nothing. A request renews the expiry only
# when the last renewal is SESSION_RENEW_AFTER seconds old
# (accounts.middleware.SessionRenewalMiddleware), so page views do not write the session.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(2 * 60 * 60)))
# Never more than a tenth of the session's age, so a short session is still renewed.
SESSION_RENEW_AFTER = min(
    int(os.environ.get("SESSION_RENEW_AFTER", str(5 * 60))), SESSION_COOKIE_AGE // 10
)
SESSION_COOKIE_HTTPONLY = True
# Sessions are kept in the database and read from the cache: a request reads its session
# from Redis (or the cache table) and falls back to the database; a write goes to both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"

# Production: HTTPS only, behind a reverse proxy that terminates TLS and sets
# X-Forwarded-Proto (and X-Forwarded-For). `manage.py check --deploy --fail-level WARNING`
# passes with PRODUCTION=1, SECRET_KEY and ALLOWED_HOSTS set (tests/test_deploy_check.py).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60) if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
BEHIND_PROXY = env_bool("BEHIND_PROXY", PRODUCTION)
if BEHIND_PROXY:
    # Only safe when the proxy sets (not passes on) this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancer's health check may ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): the portal's own files only. No inline script or
# style, no eval: scripts live in static/js, styles in static/css. Bootstrap's form
# controls draw with data: SVGs. The browser tests fail on any violation
# (tests/browser/conftest.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The security log (accounts/security.py) goes to the console with everything else and,
# with SECURITY_LOG_FILE set, to that file as well.
SECURITY_LOG_FILE = os.environ.get("SECURITY_LOG_FILE", "")
LOGGING = environment.logging(security_log_file=SECURITY_LOG_FILE)
# A form sent after its CSRF token went stale (a session ended, a login in another tab)
# gets a Norwegian page that says what to do.
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"
