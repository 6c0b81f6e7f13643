"""Catalogue of validation issue codes: severity, Japanese and English message and fix hint.

Codes follow frictionless where one fits (``type-error``, ``constraint-error`` — also used
for an empty required cell, as frictionless does — ``unique-error``, ``duplicate-label``,
``blank-label``, ``missing-label``, ``extra-label``, ``incorrect-label``) and are our own
for Japanese rules.
Templates take named fields (``{value}``, ``{field}``, ``{count}``, ``{type_ja}`` …).
"""

from __future__ import annotations

from dataclasses import dataclass

from tabular.engine.types import Issue, Severity

__all__ = ["CATALOGUE", "TYPE_NAMES", "Message", "make_issue"]


@dataclass(frozen=True)
class Message:
    """One issue code's default severity and its message and hint templates."""

    severity: Severity
    ja: str
    en: str
    hint_ja: str = ""
    hint_en: str = ""


#: Field types as shown to people (Japanese, English).
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("文字列", "text"),
    "integer": ("整数", "integer"),
    "number": ("数値", "number"),
    "date": ("日付（YYYY-MM-DD）", "date (YYYY-MM-DD)"),
    "time": ("時刻（hh:mm）", "time (hh:mm)"),
    "datetime": ("日時", "date and time"),
    "boolean": ("真偽値", "boolean"),
    "code": ("コード", "code"),
    "phone": ("電話番号", "phone number"),
    "postal": ("郵便番号", "postal code"),
    "latitude": ("緯度", "latitude"),
    "longitude": ("経度", "longitude"),
    "latlon": ("緯度・経度", "latitude and longitude"),
    "uri": ("URL", "URL"),
    "email": ("メールアドレス", "e-mail address"),
}

CATALOGUE: dict[str, Message] = {
    "type-error": Message(
        "error",
        "「{field}」の値「{value}」は{type_ja}として読めません。",
        'The value "{value}" in "{field}" cannot be read as {type_en}.',
        "{type_ja}の形式で入力してください。{example_ja}",
        "Write it as {type_en}. {example_en}",
    ),
    # Phone numbers and postal codes are strings in the standards: a value we cannot read as
    # one (a fictional number, "代表" notes…) is worth fixing but does not break the file.
    "format-warning": Message(
        "warning",
        "「{field}」の値「{value}」は{type_ja}の形式ではありません。",
        'The value "{value}" in "{field}" is not written as {type_en}.',
        "{type_ja}の形式で入力してください。{example_ja}",
        "Write it as {type_en}. {example_en}",
    ),
    "required-empty": Message(
        "error",
        "必須項目「{field}」が空です。",
        'The required field "{field}" is empty.',
        "値を入力してください。",
        "Fill in a value.",
    ),
    "pattern": Message(
        "error",
        "「{field}」の値「{value}」が決められた形式（{pattern}）に合いません。",
        'The value "{value}" in "{field}" does not match the required pattern ({pattern}).',
        "形式に合わせて入力してください。",
        "Write the value in the required form.",
    ),
    "enum": Message(
        "error",
        "「{field}」の値「{value}」は選べる値（{enum}）のどれでもありません。",
        'The value "{value}" in "{field}" is not one of the allowed values ({enum}).',
        "決められた値のどれかを入力してください。",
        "Use one of the allowed values.",
    ),
    "minimum": Message(
        "error",
        "「{field}」の値「{value}」が最小値 {limit} より小さいです。",
        'The value "{value}" in "{field}" is below the minimum {limit}.',
    ),
    "maximum": Message(
        "error",
        "「{field}」の値「{value}」が最大値 {limit} より大きいです。",
        'The value "{value}" in "{field}" is above the maximum {limit}.',
    ),
    "minLength": Message(
        "error",
        "「{field}」の値「{value}」が短すぎます（{limit}文字以上）。",
        'The value "{value}" in "{field}" is too short (at least {limit} characters).',
    ),
    "maxLength": Message(
        "error",
        "「{field}」の値「{value}」が長すぎます（{limit}文字以下）。",
        'The value "{value}" in "{field}" is too long (at most {limit} characters).',
    ),
    "unique-error": Message(
        "error",
        "「{field}」の値「{value}」が他の行と重複しています。",
        'The value "{value}" in "{field}" repeats a value of an earlier row.',
        "この列の値は行ごとに異なる必要があります。",
        "Each row needs its own value in this column.",
    ),
    "duplicate-label": Message(
        "warning",
        "列名「{field}」が{column}列目にもう一度あります。",
        'The column name "{field}" appears again in column {column}.',
        "列名を一つずつ異なる名前にしてください。",
        "Give each column its own name.",
    ),
    "blank-label": Message(
        "warning",
        "{column}列目の列名が空です。",
        "Column {column} has no name.",
        "列名を入力するか、不要な列を削除してください。",
        "Name the column or delete it if it is not needed.",
    ),
    "missing-label": Message(
        "warning",
        "{standard_ja}の列「{field}」がありません。",
        'The column "{field}" of {standard_en} is missing.',
        "値がなくても、列は見出しごと残してください。",
        "Keep the column with its header even when it has no values.",
    ),
    "extra-label": Message(
        "info",
        "{column}列目「{field}」は{standard_ja}にない列です。",
        'Column {column} "{field}" is not part of {standard_en}.',
    ),
    "incorrect-label": Message(
        "info",
        "{column}列目の列名「{field}」は、{standard_ja}では「{expected}」です。",
        'Column {column} "{field}" is named "{expected}" in {standard_en}.',
        "標準どおりの列名にすると、他のシステムでもそのまま使えます。",
        "With the standard's exact name the file works as is in other systems.",
    ),
    "lgcode-check-digit": Message(
        "error",
        "「{field}」の値「{value}」は正しい全国地方公共団体コードではありません（{reason_ja}）。",
        'The value "{value}" in "{field}" is not a valid local government code ({reason_en}).',
        "検査数字を含む6桁の半角数字で入力してください（例: 132195）。",
        "Write the 6 digits including the check digit (e.g. 132195).",
    ),
    "houjin-check-digit": Message(
        "error",
        "「{field}」の値「{value}」は正しい法人番号ではありません（{reason_ja}）。",
        'The value "{value}" in "{field}" is not a valid corporate number ({reason_en}).',
        "13桁の半角数字で入力してください（国税庁法人番号公表サイトで確認できます）。",
        "Write the 13 digits (the National Tax Agency's site lists every number).",
    ),
    "excel-exponent": Message(
        "error",
        "「{field}」の値「{value}」はExcelで指数表示に変わり、桁が失われています。",
        'The value "{value}" in "{field}" was turned into exponent form by Excel; '
        "its digits are lost.",
        "元の値を確認し、セルを文字列形式にしてから入力し直してください。",
        "Look up the original value, format the cells as text and enter it again.",
    ),
    "wareki-normalised": Message(
        "info",
        "「{field}」の和暦の日付 {count}件を西暦（YYYY-MM-DD）に変換しました。",
        'Converted {count} Japanese-era dates in "{field}" to the Western calendar (YYYY-MM-DD).',
    ),
    "fullwidth-normalised": Message(
        "info",
        "「{field}」の全角の数字・記号 {count}件を半角にしました。",
        'Converted full-width digits or symbols to half width in {count} cells of "{field}".',
    ),
    "value-normalised": Message(
        "info",
        "「{field}」の値 {count}件を標準の書き方にそろえました（例: {example}）。",
        'Rewrote {count} values of "{field}" in the standard form (e.g. {example}).',
    ),
    "latlon-split": Message(
        "info",
        "「{field}」の緯度・経度を「{lat}」「{lon}」の2列に分けました（{count}件）。",
        'Split the latitude and longitude in "{field}" into "{lat}" and "{lon}" ({count} cells).',
    ),
    "coordinate-out-of-range": Message(
        "warning",
        "「{field}」の値「{value}」は日本の範囲外の{type_ja}です。",
        'The {type_en} "{value}" in "{field}" lies outside Japan.',
        "緯度と経度が入れ替わっていないか、桁が正しいか確認してください。",
        "Check that latitude and longitude are not swapped and that the digits are right.",
    ),
}

# "required-empty", "pattern", "enum", "minimum" … are constraint kinds: their issues carry
# the frictionless code "constraint-error".
_CONSTRAINT_KINDS = frozenset(
    {"required-empty", "pattern", "enum", "minimum", "maximum", "minLength", "maxLength"}
)


class _Blank(dict):
    """Format mapping that leaves unknown placeholders empty instead of raising."""

    def __missing__(self, key: str) -> str:
        """Return "" for a placeholder without a value."""
        return ""


def make_issue(
    kind: str,
    *,
    severity: Severity | None = None,
    row: int | None = None,
    column: int | None = None,
    field: str | None = None,
    value: str | None = None,
    **params: object,
) -> Issue:
    """Build an Issue from a catalogue entry (``kind`` is a code or a constraint kind)."""
    msg = CATALOGUE[kind]
    shown = None if value is None else value[:200]
    values = _Blank(params, field=field or "", value=shown or "", column=column or "")
    code = "constraint-error" if kind in _CONSTRAINT_KINDS else kind
    return Issue(
        code=code,
        severity=severity or msg.severity,
        message_ja=msg.ja.format_map(values),
        message_en=msg.en.format_map(values),
        hint_ja=msg.hint_ja.format_map(values).strip(),
        hint_en=msg.hint_en.format_map(values).strip(),
        row=row,
        column=column,
        field=field,
        value=shown,
    )
