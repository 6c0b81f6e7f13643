"""glibc's iconv decodes CP932 exactly as the strict codec (tabular.engine.iconv); the
contract it shares with Kanmin's own decoder is tested in test_engine_cp932.py."""

from __future__ import annotations

import pytest

import tabular.engine.encoding  # noqa: F401  (registers the strict kanmin_cp932 codec)
from tabular.engine import iconv

pytestmark = pytest.mark.skipif(
    not iconv.available(), reason="glibc's CP932 converter is not available on this machine"
)


def _all_codes() -> list[bytes]:
    """Every single byte and every lead byte 0x81–0xFF followed by every byte 0x40–0xFF."""
    codes = [bytes([b]) for b in range(0x100)]
    codes += [bytes([lead, trail]) for lead in range(0x81, 0x100) for trail in range(0x40, 0x100)]
    return codes


def _via_iconv(code: bytes) -> str | None:
    """The text iconv gives, or None when it refuses the bytes."""
    try:
        out, rest = iconv.convert(code, final=True)
    except iconv.ConversionFailed:
        return None
    assert rest == 0
    return out.to_pybytes().decode("utf-8")


def _via_python(code: bytes) -> str | None:
    """The text the strict codec gives, or None when it refuses the bytes."""
    try:
        return code.decode("kanmin_cp932")
    except UnicodeDecodeError:
        return None


def test_glibc_cp932_is_the_strict_codec_on_every_sequence():
    """The premise of using iconv at all: not one byte sequence decodes differently."""
    codes = _all_codes()
    assert len(codes) == 24_640
    differing = [c.hex() for c in codes if _via_iconv(c) != _via_python(c)]
    assert differing == []
    refused = sum(_via_python(c) is None for c in codes)
    assert 0 < refused < len(codes)  # both refuse the same, and some are refused
