"""Decoding a big Shift_JIS/EUC-JP file in two processes gives exactly the serial result."""

from __future__ import annotations

import pytest

from tabular.engine.read import read_file
from tabular.engine.readers import source
from tabular.engine.readers.transcode import transcode_range
from tabular.engine.types import TabularError

ROW = "{i},市民会館{i},9時～17時 －休館日－,ｶﾅ\n"


@pytest.fixture
def split_small(monkeypatch):
    """Decode files from 1 KiB on in two halves, so that small test files take that path."""
    monkeypatch.setattr(source, "PARALLEL_MIN", 1024)


def _rows(n: int, *, extra: dict[int, str] | None = None) -> str:
    """A CSV text with n data rows; ``extra`` replaces the text of some rows."""
    extra = extra or {}
    return "id,名称,備考,カナ\n" + "".join(extra.get(i, ROW.format(i=i)) for i in range(n))


def test_two_halves_give_the_bytes_of_one_pass(tmp_path, split_small):
    """The UTF-8 temporary file equals what one serial pass writes."""
    path = tmp_path / "sjis.csv"
    path.write_bytes(_rows(400).encode("cp932"))
    serial = tmp_path / "serial.csv"
    assert transcode_range(path, serial, codec="shift_jis", start=0, end=None, windows=True) is None
    opened = source.open_utf8_source(path, encoding=None)
    try:
        assert opened.encoding == "shift_jis"
        assert opened.path.read_bytes() == serial.read_bytes()
    finally:
        opened.close()


def test_an_extension_character_in_the_second_half_makes_the_file_cp932(tmp_path, split_small):
    """① exists only in CP932: found by the worker, the file is read again as cp932."""
    path = tmp_path / "nec.csv"
    path.write_bytes(_rows(400, extra={390: "390,会館①,備考,ｶﾅ\n"}).encode("cp932"))
    result = read_file(path)
    assert result.encoding == "cp932"
    assert result.tables[0].data.column(1)[390].as_py() == "会館①"


def test_an_undecodable_byte_in_the_second_half_is_reported_as_in_one_pass(tmp_path,
                                                                          monkeypatch):
    """The error names the same place as a serial decode of the whole file."""
    data = _rows(400).encode("cp932")
    cut = data.index(b"\n380,") + 1
    path = tmp_path / "broken.csv"
    path.write_bytes(data[:cut] + b"380,\x82\xff,x,y\n" + data[cut:])
    messages = []
    for smallest in (1 << 40, 1024):  # one pass, then two halves
        monkeypatch.setattr(source, "PARALLEL_MIN", smallest)
        with pytest.raises(TabularError) as caught:
            read_file(path)
        assert caught.value.code == "encoding-error"
        messages.append(caught.value.message_en)
    assert messages[0] == messages[1]
    assert f"byte {cut + 4}" in messages[1]


def test_without_a_worker_the_reader_decodes_both_halves_itself(tmp_path, split_small,
                                                                monkeypatch):
    """When no process can be started, the text is the same."""
    def refuse(*args, **kwargs):
        """Stand in for Popen on a system that cannot start a process."""
        raise OSError("no processes here")

    monkeypatch.setattr("subprocess.Popen", refuse)
    path = tmp_path / "euc.csv"
    path.write_bytes(_rows(300).replace("～", "〜").replace("－", "ー").encode("euc_jp"))
    result = read_file(path)
    assert result.encoding == "euc-jp"
    assert result.tables[0].num_rows == 300
    assert result.tables[0].data.column(1)[299].as_py() == "市民会館299"


def test_an_embedded_interpreter_decodes_both_halves_itself(tmp_path, split_small, monkeypatch):
    """When sys.executable is not a Python (uWSGI), no process is started and the text is
    the same."""
    def refuse(*args, **kwargs):
        """Fail the test if a process is started."""
        raise AssertionError("no process may be started")

    monkeypatch.setattr(source.sys, "executable", "/usr/bin/uwsgi")
    monkeypatch.setattr("subprocess.Popen", refuse)
    path = tmp_path / "sjis.csv"
    path.write_bytes(_rows(300).encode("cp932"))
    result = read_file(path)
    assert result.encoding == "shift_jis"
    assert result.tables[0].data.column(2)[0].as_py() == "9時～17時 －休館日－"
