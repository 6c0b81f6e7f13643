"""Reasons given for each finding, in Japanese and English (never quoting the value)."""

from __future__ import annotations

#: (kind, variant) → (reason_ja, reason_en). The variant says why the severity was chosen.
REASONS: dict[tuple[str, str], tuple[str, str]] = {
    ("mynumber", "context"): (
        "個人番号（マイナンバー）と検査用数字が一致する12桁の数字があり、列見出しまたはセル内に"
        "個人番号を示す語があります。個人番号は公開できません。",
        "A 12-digit number with a valid individual number (My Number) check digit, with a "
        "keyword in the header or the cell. Individual numbers must never be published.",
    ),
    ("mynumber", "bare"): (
        "個人番号（マイナンバー）の検査用数字と一致する12桁の数字です。無作為な12桁の数字の約11分の1も"
        "一致するため、個人番号でないことを確認してください。",
        "A 12-digit number that passes the individual number (My Number) check digit. About one "
        "random 12-digit number in eleven also passes: make sure it is not an individual number.",
    ),
    ("passport", "context"): (
        "旅券番号（英字2文字＋数字7桁）と思われる値です。",
        "A value shaped like a passport number (2 letters and 7 digits) near a passport keyword.",
    ),
    ("residence_card", "context"): (
        "在留カード番号（英字2文字＋数字8桁＋英字2文字）と思われる値です。",
        "A value shaped like a residence card number (2 letters, 8 digits, 2 letters).",
    ),
    ("residence_card", "bare"): (
        "在留カード番号の形式（英字2文字＋数字8桁＋英字2文字）の値です。",
        "A value in the shape of a residence card number (2 letters, 8 digits, 2 letters).",
    ),
    ("pension", "context"): (
        "基礎年金番号（4桁＋6桁）と思われる値です。",
        "A value shaped like a basic pension number (4 + 6 digits) near a pension keyword.",
    ),
    ("driving_licence", "context"): (
        "運転免許証番号（12桁）と思われる値です。",
        "A value shaped like a driving licence number (12 digits) near a licence keyword.",
    ),
    ("resident_code", "context"): (
        "住民票コード（11桁）と思われる値です。",
        "A value shaped like a resident record code (住民票コード, 11 digits).",
    ),
    ("health_insurance", "header"): (
        "列見出しから健康保険の被保険者記号・番号と思われる値です。",
        "The header says this column holds health insurance symbols or numbers.",
    ),
    ("email", "person"): (
        "個人の行にあるメールアドレスです。",
        "An e-mail address in a row about a person.",
    ),
    ("email", "bare"): (
        "公的機関以外のメールアドレスです。個人のアドレスでないことを確認してください。",
        "An e-mail address outside public-sector domains: make sure it is not a personal one.",
    ),
    ("email", "institutional"): (
        "個人の行にある公的機関のメールアドレスです。",
        "A public-sector e-mail address in a row about a person.",
    ),
    ("phone", "mobile"): (
        "携帯電話の番号です。個人の番号でないことを確認してください。",
        "A mobile phone number: make sure it is not a private person's number.",
    ),
    ("phone", "mobile_person"): (
        "個人の行にある携帯電話の番号です。",
        "A mobile phone number in a row about a person.",
    ),
    ("phone", "landline_person"): (
        "個人の行にある電話番号です。",
        "A phone number in a row about a person.",
    ),
    ("name", "header"): (
        "列見出しから人の氏名と思われる値です。",
        "The header says this column holds people's names.",
    ),
    ("name", "morphology"): (
        "形態素解析で人名と判定された値が多い列です。",
        "Most sampled values of this column are tagged as person names by the analyser.",
    ),
    ("birth_date", "header"): (
        "生年月日と思われる値です。",
        "A value that looks like a date of birth (from the header).",
    ),
    ("birth_date", "next_to_name"): (
        "氏名の隣の列にある日付で、生年月日の可能性があります。",
        "A date in the column next to a name: it may be a date of birth.",
    ),
    ("address", "person"): (
        "氏名と同じ行にある番地・号までの住所です。",
        "An address down to the block or house number in a row that also holds a name.",
    ),
    ("houjin", "invalid"): (
        "法人番号の形式ですが検査用数字が一致しません（法人番号は公開情報です）。",
        "Shaped like a corporate number but its check digit is wrong (corporate numbers are "
        "public information).",
    ),
}


def reason(kind: str, variant: str) -> tuple[str, str]:
    """Return the Japanese and English reason for a kind of finding and its variant."""
    return REASONS[(kind, variant)]
