"""Settings come from KANMIN_* variables with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("KANMIN_")
             and k not in ("PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True,
                          text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["manage.py", "check"], KANMIN_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "KANMIN_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_placeholder_secret_key(tmp_path):
    result = _run(["manage.py", "check"], KANMIN_DATA_DIR=str(tmp_path),
                  KANMIN_SECRET_KEY="change-me")
    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_malformed_boolean_is_a_loud_error(tmp_path):
    result = _run(["manage.py", "check"], KANMIN_DATA_DIR=str(tmp_path), KANMIN_DEBUG="maybe")
    assert result.returncode != 0
    assert "KANMIN_DEBUG must be true or false" in result.stderr


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        KANMIN_DATA_DIR=str(tmp_path),
        KANMIN_SECRET_KEY="x7Gq2vT9pL0sW4eR8yU1iO6aS3dF5gH7jK9lZ2xC4vB6nM8qW0eR2t",
        KANMIN_ALLOWED_HOSTS="opendata.example.jp",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_asked():
    from kanmin import env

    os.environ.pop("KANMIN_DEBUG_PROBE", None)
    assert env.env_bool("DEBUG_PROBE", False) is False


def test_createsuperuser_noinput_works_as_in_django(tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {"KANMIN_DATA_DIR": str(tmp_path), "KANMIN_DEBUG": "1", "KANMIN_DATABASE_URL": db}
    assert _run(["manage.py", "migrate", "-v0"], **env).returncode == 0
    result = _run(["manage.py", "createsuperuser", "--noinput", "--username", "chief",
                   "--email", "chief@example.jp"], DJANGO_SUPERUSER_PASSWORD="a-long-passphrase-42",
                  **env)
    assert result.returncode == 0, result.stderr
    check = _run(["manage.py", "shell", "-c",
                  "from django.contrib.auth.models import User;"
                  "u=User.objects.get(username='chief');"
                  "print(u.is_superuser, u.check_password('a-long-passphrase-42'))"], **env)
    assert check.stdout.strip().endswith("True True"), check.stdout + check.stderr
