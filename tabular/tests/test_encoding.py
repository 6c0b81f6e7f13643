"""Encoding detection: strict trials, plausibility, overrides and undecodable bytes."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabular.engine.encoding import detect_encoding, plausibility, resolve_encoding
from tabular.engine.read import read_file
from tabular.engine.types import TabularError

SHORT_CSV = "名前,住所\n山田花子,東京都千代田区\n"

# Kana and common (JIS level 1) kanji seen in municipal data; every one exists in all codecs.
JAPANESE = "あいうえおかきくけこさしすせそたちつてとなにぬねのアイウエオカキクケコ市町村役場公園図書館学校病院駅前北南東西山川田中"


def write(tmp_path, name: str, data: bytes):
    """Write ``data`` to a file in tmp_path and return its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_bom_is_reported_as_utf8_sig():
    guess = detect_encoding(codecs.BOM_UTF8 + SHORT_CSV.encode("utf-8"))
    assert guess.encoding == "utf-8-sig"


def test_short_utf8_file_of_a_few_kanji_is_utf8():
    assert detect_encoding(SHORT_CSV.encode("utf-8")).encoding == "utf-8"


def test_short_shift_jis_file_is_shift_jis():
    assert detect_encoding(SHORT_CSV.encode("shift_jis")).encoding == "shift_jis"


def test_short_euc_jp_file_is_euc_jp():
    assert detect_encoding(SHORT_CSV.encode("euc_jp")).encoding == "euc-jp"


@pytest.mark.parametrize("text", ["№,名称\n1,市役所\n", "区分\n①障害福祉\n", "名称\n岩﨑医院\n"])
def test_nec_and_ibm_extension_characters_make_cp932(text):
    assert detect_encoding(text.encode("cp932")).encoding == "cp932"


def test_ascii_only_sample_is_utf8():
    assert detect_encoding(b"id,name\n1,abc\n").encoding == "utf-8"


def test_utf16_with_bom_is_detected():
    assert detect_encoding(SHORT_CSV.encode("utf-16")).encoding == "utf-16"


def test_bytes_no_japanese_encoding_decodes_raise_encoding_error():
    with pytest.raises(TabularError) as excinfo:
        detect_encoding(b"id,name\n1,\xff\xfe\xff\n")
    assert excinfo.value.code == "encoding-error"


def test_latin1_text_is_refused_rather_than_decoded_as_a_single_byte_codepage():
    with pytest.raises(TabularError) as excinfo:
        detect_encoding("café,naïve\n".encode("cp1252"))
    assert excinfo.value.code == "encoding-error"
    assert "UTF-8" in excinfo.value.message_en


def test_guess_gives_reasons_in_both_languages():
    guess = detect_encoding(SHORT_CSV.encode("shift_jis"))
    assert guess.reason_ja and guess.reason_en
    assert 0.0 < guess.confidence <= 1.0


def test_plausibility_ranks_real_japanese_above_halfwidth_katakana_noise():
    assert plausibility("山田花子,東京都千代田区") > plausibility("ｻﾝﾀﾞﾊﾅｺ,ﾄｳｷｮｳ")


def test_plausibility_gives_private_use_characters_no_weight():
    assert plausibility("\ue000\ue001") == 0.0


def test_euc_jp_text_is_not_taken_for_shift_jis_halfwidth_katakana():
    text = "指定緊急避難場所,住所,電話番号\n市民会館,山口県下関市南部町,083-231-1111\n"
    assert detect_encoding(text.encode("euc_jp")).encoding == "euc-jp"


@settings(max_examples=60, deadline=None, database=None)
@given(
    text=st.text(alphabet=JAPANESE, min_size=4, max_size=40),
    codec=st.sampled_from([("utf-8", "utf-8"), ("shift_jis", "shift_jis"), ("euc_jp", "euc-jp")]),
)
def test_any_short_japanese_text_is_detected_in_its_own_encoding(text, codec):
    python_codec, label = codec
    assert detect_encoding(f"名称,{text}\n".encode(python_codec)).encoding == label


def test_staff_encoding_names_are_resolved_to_labels():
    assert resolve_encoding("Windows-31J")[0] == "cp932"
    assert resolve_encoding("SJIS")[0] == "shift_jis"
    assert resolve_encoding("EUC-JP")[0] == "euc-jp"


def test_unknown_encoding_name_is_refused():
    with pytest.raises(TabularError) as excinfo:
        resolve_encoding("klingon-8")
    assert excinfo.value.code == "unknown-encoding"


def test_override_decodes_with_the_given_codec(tmp_path):
    path = write(tmp_path, "a.csv", SHORT_CSV.encode("shift_jis"))
    result = read_file(path, encoding="cp932")
    assert result.encoding == "cp932"
    assert result.tables[0].headers == ["名前", "住所"]


def test_wrong_override_raises_encoding_error_naming_line_and_offset(tmp_path):
    data = "id,名前\n1,abc\n2,山田\n".encode("shift_jis")
    path = write(tmp_path, "a.csv", data)
    with pytest.raises(TabularError) as excinfo:
        read_file(path, encoding="utf-8")
    error = excinfo.value
    assert error.code == "encoding-error"
    assert f"byte offset {data.index(b'id,') + 3}" in error.message_en  # 名 is the first
    assert "Line 1 " in error.message_en
    assert "1 行目" in error.message_ja


def test_undecodable_byte_late_in_a_utf8_file_is_an_error_naming_its_line(tmp_path):
    lines = ["番号,名称\n"] + [f"{i},市役所{i}\n" for i in range(1, 5000)]
    data = "".join(lines).encode("utf-8") + b"5000,\xff\xfe\n"
    path = write(tmp_path, "a.csv", data)
    with pytest.raises(TabularError) as excinfo:
        read_file(path)
    assert excinfo.value.code == "encoding-error"
    assert "Line 5001 " in excinfo.value.message_en
    assert "\ufffd" not in excinfo.value.message_ja


def test_an_extension_character_after_the_sample_of_a_shift_jis_file_reads_right(tmp_path):
    """Shift_JIS is decoded with CP932's table (WHATWG): ① late in the file is kept, and the
    label stays the one the sample showed."""
    body = "".join(f"{i},山口県下関市\n" for i in range(8000))  # well past the 64 KiB sample
    data = ("番号,住所\n" + body + "9000,①番地\n").encode("cp932")
    path = write(tmp_path, "a.csv", data)
    result = read_file(path)
    assert result.encoding == "shift_jis"
    assert result.tables[0].data.column(1)[-1].as_py() == "①番地"
    assert result.tables[0].num_rows == 8001


def test_a_json_file_still_upgrades_shift_jis_to_cp932_when_decoded_strictly(tmp_path):
    """Readers that decode the whole file first (JSON) keep the strict trial of each label."""
    rows = ",".join(f'{{"番号": {i}, "住所": "山口県下関市"}}' for i in range(4000))
    data = ("[" + rows + ', {"番号": 9000, "住所": "①番地"}]').encode("cp932")
    path = write(tmp_path, "a.json", data)
    result = read_file(path)
    assert result.encoding == "cp932"
    assert result.tables[0].data.column(1)[-1].as_py() == "①番地"
    assert any(
        n.code == "encoding-detected" and "shift_jis" in n.message_en for n in result.notices
    )


def test_japanese_after_a_long_ascii_head_still_decides_the_encoding(tmp_path):
    head = "".join(f"{i},abc\n" for i in range(20000))  # > 64 KiB of ASCII
    data = ("id,name\n" + head + "20000,山田\n").encode("shift_jis")
    result = read_file(write(tmp_path, "a.csv", data))
    assert result.encoding == "shift_jis"
    assert result.tables[0].data.column(1)[-1].as_py() == "山田"


def test_a_shift_jis_file_gives_the_same_text_as_windows_does(tmp_path):
    """～ － ∥ ￠ ￡ ￢ written by Windows (CP932) must not come back as 〜 − ‖ ¢ £ ¬ when the
    file decodes as plain Shift_JIS: the table must equal its UTF-8 copy."""
    from tabular.engine.read import read_file

    text = "名称,備考\n市民会館,9時～17時 －休館日－ ∥ ￠￡￢\n"
    path = tmp_path / "sjis.csv"
    path.write_bytes(text.encode("cp932"))
    result = read_file(path)
    assert result.encoding == "shift_jis"
    assert result.tables[0].data.column(1).to_pylist() == ["9時～17時 －休館日－ ∥ ￠￡￢"]
