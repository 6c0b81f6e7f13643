"""The CP932 converters: the contract Kanmin's decoder (tabular.engine.native: cp932.c, its
tables and its build) shares with glibc's iconv (tabular.engine.iconv), and the native one's
equivalence with the strict codec. iconv's own equivalence: test_engine_iconv.py."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tabular.engine.encoding  # noqa: F401  (registers the strict kanmin_cp932 codec)
from tabular.engine import iconv
from tabular.engine.native import build
from tabular.engine.native import cp932 as native

_REQUIRED = os.environ.get("KANMIN_REQUIRE_NATIVE") == "1"

built = pytest.mark.skipif(
    not native.available() and not _REQUIRED,
    reason="Kanmin's CP932 decoder is not built here (no C compiler at make install)",
)


@pytest.fixture(params=["native", "iconv"])
def converter(request):
    """Each converter with the ``convert(data, final=…)`` contract the stream relies on."""
    if request.param == "native":
        if not native.available() and not _REQUIRED:
            pytest.skip("Kanmin's CP932 decoder is not built here (no C compiler at make install)")
        return native
    if not iconv.available():
        pytest.skip("glibc's CP932 converter is not available on this machine")
    return iconv


def _native(data: bytes) -> str | int:
    """The text the decoder gives, or the offset of the byte it refuses."""
    try:
        out, rest = native.convert(data, final=True)
    except native.ConversionFailed as exc:
        return exc.offset
    assert rest == 0
    return out.to_pybytes().decode("utf-8")


def _codec(data: bytes) -> str | int:
    """The text the strict codec gives, or the offset of the first character it refuses.

    The offset is found character by character with the codec: its own error offset can
    name a later byte (b"\\xa0\\xe0": the cut lead byte at 1 is seen before the stray 0xA0)."""
    try:
        return data.decode("kanmin_cp932")
    except UnicodeDecodeError:
        pass
    i = 0
    while i < len(data):
        for width in (1, 2):
            try:
                if len(data[i : i + width].decode("kanmin_cp932")) == 1:
                    i += width
                    break
            except UnicodeDecodeError:
                pass
        else:
            return i
    raise AssertionError("the codec refused the whole but no character of it")


def test_the_decoder_is_built_where_it_is_required():
    """CI installs gcc: there ``make install`` must have built a library that loads."""
    if not _REQUIRED:
        pytest.skip("KANMIN_REQUIRE_NATIVE is not set (set by bin/run-tests in CI)")
    assert native.LIBRARY.exists(), "make install did not build the CP932 decoder"
    assert native.available(), "the CP932 decoder was built from other sources (ABI)"


@built
def test_every_sequence_decodes_as_the_strict_codec():
    codes = [bytes([b]) for b in range(0x100)]
    codes += [bytes([lead, trail]) for lead in range(0x81, 0x100) for trail in range(0x100)]
    differing = [c.hex() for c in codes if _native(c) != _codec(c)]
    assert differing == []
    refused = sum(isinstance(_codec(c), int) for c in codes)
    assert 0 < refused < len(codes)


@pytest.mark.parametrize("stray", [b"\x80", b"\xa0", b"\xfd", b"\xfe", b"\xff"])
def test_stray_bytes_are_refused_at_their_offset(converter, stray):
    with pytest.raises(iconv.ConversionFailed) as caught:
        converter.convert(b"abcdefghijk" + stray + b"def", final=True)
    assert caught.value.offset == 11


@built
def test_a_lead_byte_before_a_delimiter_is_refused_at_the_lead():
    """A character cut by a comma or a line end (a damaged file) is not text."""
    data = "市民".encode("cp932")[:3] + b",x\n"
    assert _native(data) == _codec(data) == 2


def test_a_block_ending_inside_a_character_leaves_its_first_byte(converter):
    data = "市民会館".encode("cp932")
    out, rest = converter.convert(data[:3], final=False)
    assert out.to_pybytes().decode("utf-8") == "市"
    assert rest == 1
    with pytest.raises(iconv.ConversionFailed) as caught:
        converter.convert(data[:3], final=True)
    assert caught.value.offset == 2


@built
@pytest.mark.parametrize("run", [0, 1, 7, 8, 9, 15, 16, 17, 31])
def test_ascii_runs_of_any_length_around_multibyte_characters(run):
    """Runs of ASCII are copied eight bytes at a time: every length and alignment."""
    text = ("a" * run + "館ｶ" + "b" * (run // 2) + "①\n") * 5
    assert _native(text.encode("cp932")) == text


def test_half_width_katakana_take_three_times_their_bytes(converter):
    """One byte in CP932, three in UTF-8: more than any first guess of the output's size."""
    text = "ｱｲｳｴｵ" * 10_000
    out, rest = converter.convert(text.encode("cp932"), final=True)
    assert (rest, out.to_pybytes()) == (0, text.encode("utf-8"))


def test_empty_input_gives_empty_output(converter):
    out, rest = converter.convert(b"", final=True)
    assert (out.size, rest) == (0, 0)


@built
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_random_bytes_decode_or_fail_as_the_strict_codec(data):
    assert _native(data) == _codec(data)


@built
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="cp932", include_characters="¢£¬‖−〜"),
               max_size=40))
def test_any_cp932_text_round_trips(text):
    encoded = text.encode("cp932")
    expected = _codec(encoded)  # some characters encode to bytes the strict codec refuses
    assert _native(encoded) == expected


def test_without_a_compiler_nothing_is_built(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "compiler", lambda: None)
    target = tmp_path / "libkanmin_cp932.so"
    assert build.build(target) is None
    assert not target.exists()


def test_the_tables_mark_lead_bytes_and_refusals():
    single, index, rows = build.tables()
    leads = [b for b in range(256) if single[b][3] == build.LEAD]
    assert leads == [*range(0x81, 0xA0), *range(0xE0, 0xFD)]
    assert len(rows) == len(leads) and index[0xE0] == 31
    assert single[0x41] == (0x41, 0, 0, 1)
    assert single[0xB1] == (*"ｱ".encode(), 3)
    assert all(single[b][3] == 0 for b in (0x80, 0xA0, 0xFD, 0xFE, 0xFF))
    assert rows[0][0x40] == (*"　".encode(), 3)  # 0x8140, the ideographic space
    assert rows[0][0x3F][3] == 0  # a trail byte below 0x40 is no character


@pytest.mark.skipif(build.compiler() is None, reason="no C compiler on this machine")
def test_a_fresh_build_loads_and_reports_its_abi(tmp_path):
    import ctypes

    target = build.build(tmp_path / "libkanmin_cp932.so")
    assert target is not None and target.exists()
    assert ctypes.CDLL(str(target)).kanmin_cp932_abi() == native.ABI
