"""Tests that the jp package stays light: no Django, no Sudachi at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_jp_loads_neither_django_nor_sudachi() -> None:
    code = (
        "import sys, jp, jp.lgcode, jp.houjin, jp.text, jp.variants, jp.search\n"
        "print('django' in sys.modules, 'sudachipy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.split() == ["False", "False"]
