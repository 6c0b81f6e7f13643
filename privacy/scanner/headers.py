"""What a column header says about its cells: the role it suggests and the context keywords."""

from __future__ import annotations

import re
import unicodedata

# Keywords that give context to a number pattern, in a header or in the same cell.
CONTEXT: dict[str, re.Pattern[str]] = {
    "mynumber": re.compile(r"個人番号|マイナンバー|my ?number|individual ?number", re.I),
    "passport": re.compile(r"旅券|パスポート|passport", re.I),
    "residence_card": re.compile(r"在留カード|在留|residence ?card", re.I),
    "pension": re.compile(r"年金", re.I),
    "driving_licence": re.compile(r"免許|licen[cs]e", re.I),
    "resident_code": re.compile(r"住民票コード|住民票", re.I),
}

_NAME = re.compile(
    r"氏名|名前|姓名|代表者|担当者|申請者|届出者|世帯主|保護者|児童名|生徒名|患者|受給者|契約者|"
    r"相談者|(?<!日)本人|フルネーム|full ?name|first ?name|last ?name|surname",
    re.I,
)
# Headers naming an organisation or a place, not a person, even with a name keyword.
# (A bare "name" is left out: English-keyed facility lists use it for the facility's name.)
_NOT_PERSON = re.compile(r"施設|事業所|店舗|団体|会社|法人名|名称|機関|場所|所在")
_DOB = re.compile(r"生年月日|誕生日|birth ?date|date ?of ?birth|birthday", re.I)
_ADDRESS = re.compile(r"住所|居所|所在地|address", re.I)
_INSURANCE = re.compile(r"被保険者.*(番号|記号)|保険証.*(番号|記号)|保険者証", re.I)
_NUMBERISH = re.compile(r"番号|No|ID|コード", re.I)


def normal(header: str) -> str:
    """Return the header in NFKC without spaces, the form every keyword is matched against."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header or ""))


def role(header: str) -> str | None:
    """Return the role a header suggests (name, dob, address, health_insurance, a kind) or None."""
    h = normal(header)
    if _DOB.search(h):
        return "dob"
    if _INSURANCE.search(h):
        return "health_insurance"
    for kind, pattern in CONTEXT.items():
        # "個人番号" alone is enough; "免許" or "年金" alone may be a licence type or an amount.
        if pattern.search(h) and (kind == "mynumber" or _NUMBERISH.search(h)):
            return kind
    if _NAME.search(h) and not _NOT_PERSON.search(h):
        return "name"
    if _ADDRESS.search(h):
        return "address"
    return None


def is_numberish(header: str) -> bool:
    """Tell whether a header names some number or code (番号, No, ID, コード)."""
    return bool(_NUMBERISH.search(normal(header)))


def context_kinds(header: str) -> set[str]:
    """Return the kinds whose keyword appears in the header."""
    h = normal(header)
    return {kind for kind, pattern in CONTEXT.items() if pattern.search(h)}
