"""Locate the shared 5374 corpus for tests (skip clearly when /work/shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "garbage_5374"
CITIES = ("amagasaki", "hachioji", "hakodate", "joyo", "kameoka", "kamisunagawa", "kanazawa",
          "kyotango", "meguro", "nara", "sango", "takamatsu", "tottori")


def city_folder(city: str) -> Path:
    """The corpus folder of one city, or skip the test when the shared corpus is absent."""
    folder = CORPUS / city
    if not folder.is_dir():
        pytest.skip(f"shared 5374 corpus not found at {CORPUS} (needs ../shared next to the repo)")
    return folder
