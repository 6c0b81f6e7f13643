"""Legacy-encoded CSV decoded while pyarrow parses it (tabular.engine.readers.stream and
the two-halves read in tabular.engine.readers.delimited)."""

from __future__ import annotations

import io

import pytest

from tabular.engine.read import read_file
from tabular.engine.readers import source
from tabular.engine.readers.stream import DecodedStream, DecodeFailed, open_decoded
from tabular.engine.readers.transcode import as_windows
from tabular.engine.types import TabularError

ROW = "{i},市民会館{i},9時～17時 －休館日－ ∥,ｶﾅ\n"


def _rows(n: int, *, extra: dict[int, str] | None = None) -> str:
    """A CSV text with n data rows; ``extra`` replaces the text of some rows."""
    extra = extra or {}
    return "id,名称,備考,カナ\n" + "".join(extra.get(i, ROW.format(i=i)) for i in range(n))


@pytest.fixture
def split_small(monkeypatch):
    """Read files from 1 KiB on in two halves."""
    monkeypatch.setattr(source, "PARALLEL_MIN", 1024)


@pytest.fixture
def halves(monkeypatch):
    """Record each second half the CSV reader parses in its own thread (its start offset)."""
    from tabular.engine.readers import delimited

    starts: list[int] = []
    original = delimited._read_range

    def spy(path, label, start, *args):
        """Note the offset, then read as usual."""
        starts.append(start)
        return original(path, label, start, *args)

    monkeypatch.setattr(delimited, "_read_range", spy)
    return starts


def _available(converter: str) -> bool:
    """Whether this machine has ``converter`` (Python's codec is always there)."""
    from tabular.engine import iconv
    from tabular.engine.native import cp932 as native_cp932

    return {"native": native_cp932.available, "iconv": iconv.available}.get(
        converter, lambda: True)()


def _use(converter: str, monkeypatch) -> None:
    """Make the stream decode CP932 with ``converter``: Kanmin's native decoder, glibc's
    iconv (as where the native one was not built) or Python's codec (as without glibc)."""
    from tabular.engine import iconv
    from tabular.engine.native import cp932 as native_cp932

    if converter != "native":
        monkeypatch.setattr(native_cp932, "available", lambda: False)
    if converter == "python":
        monkeypatch.setattr(iconv, "available", lambda: False)


_MISSING = {
    "native": "Kanmin's CP932 decoder is not built here (no C compiler at make install)",
    "iconv": "glibc's CP932 converter is not available on this machine",
}


@pytest.fixture(params=["at once", "streamed"])
def delivery(request, monkeypatch):
    """Run a test with the body decoded into memory at once before it is parsed (small
    files) and decoded while it is parsed (files over ``WHOLE_DECODE_MAX``)."""
    from tabular.engine.readers import delimited

    if request.param == "streamed":
        monkeypatch.setattr(delimited, "WHOLE_DECODE_MAX", 0)
    return request.param


@pytest.fixture(params=["native", "iconv", "python"])
def decoder(request, monkeypatch):
    """Run a test with each CP932 converter the stream can use."""
    if not _available(request.param):
        pytest.skip(_MISSING[request.param])
    _use(request.param, monkeypatch)
    return request.param


def test_cp932_table_is_shift_jis_with_the_windows_mapping():
    """Every byte sequence Shift_JIS decodes gives, under CP932, Shift_JIS's character or
    its Windows form: decoding a Shift_JIS file with CP932 loses and changes nothing else."""
    leads = [*range(0x81, 0xA0), *range(0xE0, 0xFD)]
    codes = [bytes([b]) for b in range(0x80)] + [bytes([b]) for b in range(0xA1, 0xE0)]
    codes += [bytes([lead, trail]) for lead in leads for trail in range(0x40, 0xFD)]
    checked = 0
    for code in codes:
        try:
            jis = code.decode("shift_jis")
        except UnicodeDecodeError:
            continue
        assert code.decode("cp932") == as_windows(jis), code.hex()
        checked += 1
    assert checked > 7000  # JIS X 0208 and the single bytes


def test_stream_gives_the_text_of_a_whole_decode(tmp_path, decoder):
    path = tmp_path / "sjis.csv"
    text = _rows(500)
    path.write_bytes(text.encode("cp932"))
    with open_decoded(path, "shift_jis") as stream:
        assert stream.read().decode("utf-8") == text


def test_small_blocks_cut_inside_characters_give_the_same_text(tmp_path, decoder):
    """A block boundary falls inside a two-byte character again and again (blocks of 7)."""
    path = tmp_path / "sjis.csv"
    text = _rows(60)
    path.write_bytes(text.encode("cp932"))
    raw = DecodedStream(path, "shift_jis", chunk=7)
    with io.BufferedReader(raw, buffer_size=64) as stream:
        assert stream.read().decode("utf-8") == text


def test_unbuffered_reads_of_any_size_give_the_text_of_a_whole_decode(tmp_path, decoder):
    """pyarrow reads the stream itself (no buffer between): reads of odd sizes, short at a
    block's end, then the rest at once, give the whole text; only the end reads empty."""
    path = tmp_path / "sjis.csv"
    text = _rows(300)
    path.write_bytes(text.encode("cp932"))
    with DecodedStream(path, "shift_jis", chunk=101) as stream:
        parts = [bytes(stream.read(size)) for size in (1, 3, 50, 1000, 7) * 20]
        assert all(parts), "a read before the end came back empty"
        rest = stream.read()
        assert isinstance(rest, bytes)
        assert stream.read(10) == b""
    assert (b"".join(parts) + rest).decode("utf-8") == text


def test_decode_rest_gives_the_ranges_text_in_one_buffer_or_leaves_the_stream_alone(
        tmp_path, decoder):  # fmt: skip
    """Within the limit, a converter that releases the GIL decodes the whole range into one
    buffer; over it, or with Python's codec, nothing is read and the stream reads it all."""
    path = tmp_path / "sjis.csv"
    text = _rows(400)
    data = text.encode("cp932")
    path.write_bytes(data)
    cut = data.index(b"\n200,") + 1
    ranges = {"whole": {}, "first": {"end": cut}, "second": {"start": cut},
              "none": {"start": len(data)}}
    expected = {"whole": text, "first": data[:cut].decode("cp932"),
                "second": data[cut:].decode("cp932"), "none": ""}
    for name, bounds in ranges.items():
        size = len(data[bounds.get("start", 0):bounds.get("end")])
        with DecodedStream(path, "shift_jis", **bounds) as stream:
            whole = stream.decode_rest(size)
            if decoder == "python":
                assert whole is None
            else:
                assert whole.to_pybytes().decode("utf-8") == expected[name]
                assert stream.read() == b""
        if size == 0:
            continue
        with DecodedStream(path, "shift_jis", **bounds) as stream:
            assert stream.decode_rest(size - 1) is None  # over the limit: not read
            assert bytes(stream.read()).decode("utf-8") == expected[name]


def test_decode_rest_refuses_bytes_the_encoding_does_not_define(tmp_path, decoder):
    path = tmp_path / "broken.csv"
    path.write_bytes(_rows(50).encode("cp932") + b"50,\x82\xff,x,y\n")
    with DecodedStream(path, "shift_jis") as stream:
        if decoder == "python":
            assert stream.decode_rest(1 << 20) is None
        else:
            with pytest.raises(DecodeFailed):
                stream.decode_rest(1 << 20)


def test_two_ranges_give_the_text_of_one_pass(tmp_path, decoder):
    path = tmp_path / "sjis.csv"
    text = _rows(800)
    data = text.encode("cp932")
    path.write_bytes(data)
    split = source.split_point(path, len(data))
    with io.BufferedReader(DecodedStream(path, "shift_jis", end=split)) as first, \
            io.BufferedReader(DecodedStream(path, "shift_jis", start=split)) as second:
        assert (first.read() + second.read()).decode("utf-8") == text
    assert 0 < split < len(data)


def test_a_csv_read_in_two_halves_equals_one_read_in_one(tmp_path, monkeypatch, halves,
                                                         decoder, delivery):  # fmt: skip
    path = tmp_path / "sjis.csv"
    path.write_bytes(_rows(800).encode("cp932"))
    serial = read_file(path).tables[0]
    assert halves == []
    monkeypatch.setattr(source, "PARALLEL_MIN", 1024)
    parallel = read_file(path).tables[0]
    assert len(halves) == 1  # the second half was parsed in a thread of its own
    assert parallel.data.equals(serial.data)
    assert parallel.row_numbers.equals(serial.row_numbers)
    assert parallel.data.column(2)[0].as_py() == "9時～17時 －休館日－ ∥"
    assert parallel.data.column(3)[799].as_py() == "ｶﾅ"


def test_every_converter_gives_the_same_table(tmp_path, monkeypatch, split_small, delivery):
    path = tmp_path / "sjis.csv"
    path.write_bytes(_rows(900, extra={5: "5,①髙﨑ⅲ№㈱,￢￤＇＂,ｱ\n"}).encode("cp932"))
    tables = {}
    for converter in filter(_available, ("native", "iconv", "python")):
        with monkeypatch.context() as patch:
            _use(converter, patch)
            tables[converter] = read_file(path).tables[0].data
    if len(tables) < 2:
        pytest.skip("only Python's codec here: no other CP932 converter to compare with")
    for converter, table in tables.items():
        assert table.equals(tables["python"]), converter
    assert tables["python"].column(1)[5].as_py() == "①髙﨑ⅲ№㈱"


def test_a_stray_cp932_byte_in_the_second_half_is_an_error_naming_its_line(
        tmp_path, split_small, decoder, delivery):  # fmt: skip
    data = _rows(3000).encode("cp932")  # ~140 KB: the stray byte is past the 64 KiB sample
    cut = data.index(b"\n2800,") + 1
    path = tmp_path / "stray.csv"
    path.write_bytes(data[:cut] + b"2800,\xfd,x,y\n" + data[cut:])
    with pytest.raises(DecodeFailed):
        with open_decoded(path, "shift_jis") as stream:
            stream.read()
    with pytest.raises(TabularError) as caught:
        read_file(path)
    assert caught.value.code == "encoding-error"
    assert "Line 2802 " in caught.value.message_en  # header + 2800 rows, then the stray row
    assert "\ufffd" not in caught.value.message_ja


def test_an_undecodable_byte_in_the_first_half_is_an_error_naming_its_line(
        tmp_path, decoder, delivery):  # fmt: skip
    data = _rows(3000).encode("cp932")
    cut = data.index(b"\n2000,") + 1  # past the 64 KiB sample, in a file read in one pass
    path = tmp_path / "broken.csv"
    path.write_bytes(data[:cut] + b"2000,\x82\xff,x,y\n" + data[cut:])
    with pytest.raises(TabularError) as caught:
        read_file(path)
    assert caught.value.code == "encoding-error"
    assert "Line 2002 " in caught.value.message_en


def test_a_ragged_legacy_file_is_read_by_the_python_path_with_the_same_text(tmp_path):
    """A row with an extra cell sends the body to the csv module, which reads the stream."""
    path = tmp_path / "ragged.csv"
    path.write_bytes(_rows(50, extra={10: "10,市民会館10,備考,ｶﾅ,余分\n"}).encode("cp932"))
    table = read_file(path).tables[0]
    assert table.num_rows == 50
    assert table.data.column(1)[49].as_py() == "市民会館49"
    assert table.data.column(2)[0].as_py() == "9時～17時 －休館日－ ∥"


def test_a_chosen_euc_jp_encoding_is_streamed_with_a_notice(tmp_path):
    path = tmp_path / "euc.csv"
    path.write_bytes("id,名称\n1,市民会館\n2,図書館\n".encode("euc_jp"))
    result = read_file(path, encoding="EUC-JP")
    assert result.encoding == "euc-jp"
    assert result.tables[0].data.column(1).to_pylist() == ["市民会館", "図書館"]
    assert any(n.code == "encoding-chosen" for n in result.notices)


def test_a_wrong_chosen_encoding_is_an_error_not_mojibake(tmp_path):
    path = tmp_path / "euc.csv"
    path.write_bytes("id,名称\n1,市民会館\n".encode())
    with pytest.raises(TabularError) as caught:
        read_file(path, encoding="EUC-JP")
    assert caught.value.code == "encoding-error"


def test_a_preview_of_a_big_legacy_file_starts_no_worker(tmp_path, split_small, monkeypatch):
    """Reading only the first rows must not decode the second half in another process."""
    def refuse(*args, **kwargs):
        """Fail the test if a process is started."""
        raise AssertionError("no process may be started for a preview")

    monkeypatch.setattr("subprocess.Popen", refuse)
    path = tmp_path / "sjis.csv"
    path.write_bytes(_rows(800).encode("cp932"))
    result = read_file(path, max_rows=5)
    assert result.tables[0].num_rows == 5
    assert result.tables[0].data.column(1)[4].as_py() == "市民会館4"


def test_a_quoted_line_break_near_the_middle_keeps_the_halves_together(tmp_path, split_small,
                                                                       halves):  # fmt: skip
    """With double quotes in the file, a cut at a line feed could fall inside a cell: the
    halves are then parsed as one text."""
    text = _rows(900, extra={450: '450,"市民会館\n450",備考,ｶﾅ\n'})
    path = tmp_path / "quoted.csv"
    path.write_bytes(text.encode("cp932"))
    table = read_file(path).tables[0]
    assert table.num_rows == 900
    assert table.data.column(1)[450].as_py() == "市民会館\n450"
    assert table.data.column(1)[899].as_py() == "市民会館899"
    assert halves == []
