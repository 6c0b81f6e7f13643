"""Run extra Kanmin instances as real HTTP servers for interoperability tests.

Each instance is a separate process with its own data directory and database: an SQLite
file, or a fresh database on the PostgreSQL server the suite runs against (when
KANMIN_DATABASE_URL points at one), so the CKAN and harvesting tests exercise both backends.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


@dataclass
class Instance:
    """A running Kanmin server and how to act on it."""

    url: str
    env: dict
    token: str

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a management command against this instance."""
        return _manage(self.env, *args, check=check)


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _database_url(tmp: Path, name: str) -> tuple[str, callable]:
    base = os.environ.get("KANMIN_DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'db.sqlite3'}", lambda: None
    import psycopg

    parsed = urlparse(base)
    db = f"kanmin_{name}_{secrets.token_hex(4)}"
    admin_url = base
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    return parsed._replace(path=f"/{db}").geturl(), drop


@contextlib.contextmanager
def kanmin_instance(tmp: Path, name: str = "a", *, extra_env: dict | None = None):
    """Start an instance with a site administrator 'admin' and yield it (with admin's token)."""
    tmp.mkdir(parents=True, exist_ok=True)
    db_url, drop = _database_url(tmp, name)
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KANMIN_")
           and k not in ("PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({
        "KANMIN_DEBUG": "0",
        "KANMIN_HTTPS": "0",
        "KANMIN_SECRET_KEY": secrets.token_urlsafe(50),
        "KANMIN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KANMIN_DATA_DIR": str(tmp),
        "KANMIN_DATABASE_URL": db_url,
        "KANMIN_SITE_URL": f"http://127.0.0.1:{port}",
        "KANMIN_LOG_LEVEL": "WARNING",
        "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    })
    env.update(extra_env or {})
    process = None
    try:
        _manage(env, "migrate", "-v0")
        _manage(env, "collectstatic", "--noinput", "-v0")
        _manage(env, "shell", "-c",
                "from django.contrib.auth.models import User;"
                "User.objects.create_superuser('admin', 'admin@example.jp', None)")
        token = _manage(env, "create_api_token", "--user", "admin").stdout.strip()
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "kanmin.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
             "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/api/3/action/site_read", timeout=2):
                    break
            except OSError as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("instance did not start: " + (
                        process.stderr.read().decode() if process.stderr else "")) from exc
                time.sleep(0.2)
        yield Instance(url=url, env=env, token=token)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        drop()
