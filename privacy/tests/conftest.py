"""Session-wide acceptance check (issue 5): pycanon confirms every anonymised output's claims.

Every successful ``privacy.anonymise.anonymise`` run during the session is recorded through the
engine's ``OBSERVERS`` hook (its quasi-identifier and sensitive columns written to a CSV, the
k / l / t its report claims noted). At the end of the session ONE pycanon subprocess measures
them all; any claim it does not confirm is printed with the test that produced it and makes the
run exit non-zero. Without the peers' venv (.venv-peers) the check is skipped with a printed
reason. Works for any subset of the privacy tests: only outputs actually produced are checked.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from privacy.anonymise import engine
from privacy.tests.anon_support import PEERS, PEERS_ABSENT, Claim, claim_of, confirm


@dataclass
class Collector:
    """The outputs recorded during the session, each written to a CSV in ``directory``."""

    directory: Path
    claims: list[Claim] = field(default_factory=list)

    def __call__(self, config: Any, result: Any) -> None:
        """Engine observer: record one output (empty outputs record nothing)."""
        source = os.environ.get("PYTEST_CURRENT_TEST", "outside a test")
        path = self.directory / f"output-{len(self.claims):04d}.csv"
        claim = claim_of(config=config, result=result, path=path, source=source)
        if claim is not None:
            self.claims.append(claim)


_COLLECTOR = pytest.StashKey[Collector]()
_SKIPPED = pytest.StashKey[str]()


@pytest.fixture(scope="session", autouse=True)
def pycanon_collector(request, tmp_path_factory):
    """Record every anonymisation output of the session for one pycanon run at its end."""
    if not PEERS.is_file():
        request.config.stash[_SKIPPED] = PEERS_ABSENT
        yield None
        return
    collector = Collector(directory=tmp_path_factory.mktemp("pycanon"))
    request.config.stash[_COLLECTOR] = collector
    engine.OBSERVERS.append(collector)
    try:
        yield collector
    finally:
        engine.OBSERVERS.remove(collector)


def _say(session: pytest.Session, title: str, lines: list[str]) -> None:
    """Print a titled block on the terminal (after the tests, before the summary line)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    reporter.write_line("")  # ends the progress line that -q leaves open
    reporter.write_sep("=", title)
    for line in lines:
        reporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Run pycanon once over all recorded outputs; fail the run on any unconfirmed claim."""
    skipped = session.config.stash.get(_SKIPPED, None)
    if skipped:
        _say(session, "pycanon check skipped", [skipped])
        return
    collector = session.config.stash.get(_COLLECTOR, None)
    if collector is None or not collector.claims or exitstatus == pytest.ExitCode.INTERRUPTED:
        return
    started = time.monotonic()
    try:
        problems = confirm(collector.claims)
    except Exception as exc:  # a crashed checker must fail the run, not pass it silently
        problems = [f"the pycanon batch did not run: {exc}"]
    if problems:
        _say(session, f"pycanon does not confirm {len(problems)} claim(s)", problems)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    else:
        lines = [f"pycanon confirms the claims of all {len(collector.claims)} anonymised outputs "
                 f"(one run, {time.monotonic() - started:.1f} s)"]
        if session.config.get_verbosity() > 0:
            lines += [f"  {c.source}: k={c.k} l={c.l} ({c.l_kind}) t={c.t}"
                      for c in collector.claims]
        _say(session, "pycanon check", lines)
