"""The CI and developer scripts: bin/with-postgres, bin/run-tests, bin/run-demo, .ci/run."""

import glob
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["bin/with-postgres", "bin/run-tests", "bin/run-demo", ".ci/run"]
HAS_POSTGRES = bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _env(**extra) -> dict:
    """The caller's environment without what CI or an outer with-postgres run exported."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"CI", "KANMIN_REQUIRE_BROWSER", "KANMIN_DATABASE_URL", "PGHOST",
                        "PGPORT", "PGUSER", "PGDATABASE"}}
    env.update(extra)
    return env


def _run(args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=_env(**extra), capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_is_valid_bash_and_executable(script):
    path = ROOT / script
    assert _run(["bash", "-n", str(path)]).returncode == 0
    if script.startswith("bin/"):
        assert os.access(path, os.X_OK), f"{script} is not executable"


def test_with_postgres_without_a_command_prints_usage():
    result = _run(["bin/with-postgres"])
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_with_postgres_exits_3_with_a_clear_message_when_no_server_is_installed():
    result = _run(["bin/with-postgres", "true"], KANMIN_PG_BIN="/nonexistent/bin")
    assert result.returncode == 3
    assert "apt-get install postgresql" in result.stderr


@pytest.mark.skipif(not HAS_POSTGRES, reason="no PostgreSQL server installed")
def test_with_postgres_gives_a_utf8_database_passes_the_exit_code_and_cleans_up():
    probe = (
        "echo URL=$KANMIN_DATABASE_URL; echo SOCK=$PGHOST; "
        "psql -X -tA -c 'show server_encoding' -c 'show lc_collate' "
        "-c \"select rolcreatedb from pg_roles where rolname = current_user\" "
        "-c \"select length('公園')\"; exit 7"
    )
    result = _run(["bin/with-postgres", "bash", "-c", probe])
    assert result.returncode == 7, result.stderr
    url = re.search(r"URL=(\S+)", result.stdout).group(1)
    assert re.fullmatch(r"postgres://kanmin:kanmin@127\.0\.0\.1:\d+/kanmin", url)
    lines = result.stdout.split()
    assert "UTF8" in lines and "C.UTF-8" in lines and "t" in lines and "2" in lines
    socket_dir = re.search(r"SOCK=(\S+)", result.stdout).group(1)
    assert not Path(socket_dir).exists(), "the cluster's directory was not removed"


def test_run_tests_fails_when_pytest_collects_no_test():
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv")
    result = _run(["bin/run-tests", "tests/test_ci_scripts.py", "-k", "no_test_has_this_name"])
    assert result.returncode != 0
    assert "== SQLite ==" in result.stdout
    assert "no tests" in result.stderr + result.stdout


@pytest.mark.skipif(bool(os.environ.get("KANMIN_DATABASE_URL")),
                    reason="the demo runs on its own SQLite file: once, in the SQLite run")
def test_run_demo_serves_the_demo_and_stops_server_and_worker_on_sigterm(tmp_path):
    port = _free_port()
    log = tmp_path / "run-demo.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bin/run-demo", "127.0.0.1", str(port)], cwd=ROOT, stdout=out,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            env=_env(KANMIN_DEBUG="1", KANMIN_DATA_DIR=str(tmp_path / "var")),
        )
    try:
        status = _wait_for_http(f"http://127.0.0.1:{port}/", process, timeout=240)
        assert status == 200, log.read_text()
        text = log.read_text()
        banner = text.index(f"Kanmin is starting at http://127.0.0.1:{port}/")
        assert "demo-editor" in text[banner:], "the login hint comes with the URL"
        assert banner < text.index("Performing system checks"), "printed before the server"
        children = _children(process.pid)
        assert any("db_worker" in c for c in children), children
    finally:
        process.terminate()
        process.wait(timeout=60)
    time.sleep(0.5)
    left = [c for c in children if _alive(c)]
    assert not left, f"still running after the script stopped: {left}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_http(url: str, process, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(1)
    return None


def _children(pid: int) -> list[str]:
    """'pid command' of every descendant of pid (the setsid'd server and worker included)."""
    out = subprocess.run(["ps", "-eo", "pid,ppid,sid,args"], capture_output=True, text=True).stdout
    rows = [line.split(None, 3) for line in out.splitlines()[1:]]
    mine = {str(pid)}
    changed = True
    while changed:
        changed = False
        for p, ppid, _sid, _args in (r for r in rows if len(r) == 4):
            if ppid in mine and p not in mine:
                mine.add(p)
                changed = True
    return [f"{p} {args}" for p, _pp, _s, args in (r for r in rows if len(r) == 4)
            if p in mine and p != str(pid)]


def _alive(child: str) -> bool:
    try:
        os.kill(int(child.split()[0]), 0)
    except ProcessLookupError:
        return False
    return True


def _collected(**extra) -> list[str]:
    """Node ids pytest collects from one pure, one database and one browser test file."""
    files = ["jp/tests/test_lgcode.py", "catalog/tests/test_metric_downloads.py",
             "tests/browser/test_staff_login.py"]
    done = _run([str(ROOT / ".venv/bin/python"), "-m", "pytest", "--collect-only", "-q",
                 "-p", "no:cacheprovider", *files], **extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_the_postgresql_run_keeps_only_the_database_tests_outside_the_browser():
    everything = _collected()
    db_only = _collected(KANMIN_DB_TESTS_ONLY="1")
    assert any(n.startswith("jp/") for n in everything)
    assert any(n.startswith("tests/browser/") for n in everything)
    assert db_only == [n for n in everything if n.startswith("catalog/")]
