"""Django settings for Kanmin, read only from KANMIN_* environment variables.

Safe defaults: DEBUG is off unless asked for, and with DEBUG off Kanmin refuses to start
without a real secret key. See the README's "Configuration" section for every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from kanmin.env import ConfigError, env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# pytest (>= 8.2) sets PYTEST_VERSION while it runs; test runs get test-safe defaults.
TESTING = env_bool("TESTING", False) or "PYTEST_VERSION" in os.environ

DATA_DIR = env_path("DATA_DIR", BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

_secret = env_str("SECRET_KEY")
if not _secret:
    if not DEBUG and not TESTING:
        raise ConfigError(
            "KANMIN_SECRET_KEY must be set when KANMIN_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    # Debug and test runs get a random key per process: sessions do not survive restarts.
    _secret = "dev-only-" + secrets.token_urlsafe(40)
elif len(_secret) < 40 or _secret.startswith(("change-me", "dev-only-", "django-insecure")):
    if not DEBUG:
        raise ConfigError("KANMIN_SECRET_KEY looks like a placeholder; use 50 random characters")
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "catalog",
    "standards",
    "tabular",
    "privacy",
    "gomi",
    "plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.UploadLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kanmin.urls"
WSGI_APPLICATION = "kanmin.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'kanmin.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db), conn_max_age=env_int("DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Test users are created by the hundred; the slow production hasher is pointless there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "catalog:staff_datasets"
LOGOUT_REDIRECT_URL = "catalog:home"

# Staff must log in with TOTP unless debugging (KANMIN_REQUIRE_2FA can force it on in debug).
REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
LOGIN_THROTTLE_ATTEMPTS = env_int("LOGIN_THROTTLE_ATTEMPTS", 5)
LOGIN_THROTTLE_WINDOW = env_int("LOGIN_THROTTLE_WINDOW", 900)
OTP_TOTP_ISSUER = "Kanmin"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", 200) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None
# Tabular data: the staff "check before publishing" page takes files up to this size; the
# DataStore SQL endpoint stops a statement after this many seconds and returns at most this
# many rows (CKAN's ckan.datastore.search.rows_max is 32,000 too).
CHECK_MAX_BYTES = env_int("CHECK_MAX_MB", 50) * 1024 * 1024
DATASTORE_SQL_TIMEOUT = float(env_int("DATASTORE_SQL_TIMEOUT_MS", 5000)) / 1000
DATASTORE_ROWS_MAX = env_int("DATASTORE_ROWS_MAX", 32000)
# Privacy: uploads up to this size are scanned for personal data in the request (larger ones by
# a job, and tabular files again in their ingestion job); tables up to PREVIEW_ROWS get their
# anonymisation preview in the request, larger ones by a job.
PRIVACY_GUARD_SYNC_MAX_BYTES = env_int("PRIVACY_GUARD_SYNC_MB", 20) * 1024 * 1024
PRIVACY_PREVIEW_SYNC_ROWS = env_int("PRIVACY_PREVIEW_ROWS", 50000)
# Per web process: memory for in-memory copies of the most searched tables (0 turns them off).
DATASTORE_CACHE_MB = env_int("DATASTORE_CACHE_MB", 256)
SEARCH_INDEX = env_bool("SEARCH_INDEX", not TESTING)
# Map previews: a tile URL such as https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png
# (国土地理院). Empty by default: Kanmin makes no outbound call unless the operator asks.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", "")
# Outbound fetches (core/http.py) refuse internal addresses except in these CIDR ranges.
OUTBOUND_ALLOW = env_list("OUTBOUND_ALLOW", [])

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "kanmin@localhost")

# Security headers. CSP allows only this origin and never inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
_https = env_bool("HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and env_bool("SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs would carry query strings; Kanmin logs its own events without them.
        "django.server": {"level": "WARNING"},
    },
}
