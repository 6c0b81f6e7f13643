"""A stored validation report (tabular.report.report_to_json) as plain language for a page.

The same shape serves the table's report page and the staff's "check before publishing" page,
so both read exactly alike. Messages come in both languages from the engine; the active
language picks one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tabular.report import issues_by_code

#: Plain-language names of the issue codes (frictionless names and our own).
CODE_LABELS = {
    "type-error": _("値の形式が正しくないセル"),
    "missing-cell": _("値が足りない行"),
    "extra-cell": _("列より値が多い行"),
    "blank-row": _("空の行"),
    "duplicate-label": _("同じ名前の列"),
    "missing-label": _("名前のない列"),
    "blank-label": _("名前のない列"),
    "constraint-error": _("決まりに合わない値"),
    "required-error": _("必須の値が空のセル"),
    "unique-error": _("重複してはいけない値の重複"),
    "enum-error": _("選択肢にない値"),
    "pattern-error": _("書式に合わない値"),
    "missing-required-column": _("標準で必須の列がない"),
    "lgcode-check-digit": _("地方公共団体コードの検査数字が合わない"),
    "houjin-check-digit": _("法人番号の検査数字が合わない"),
    "wareki-normalised": _("和暦を西暦に直した日付"),
    "excel-exponent": _("Excel で指数表記になった値"),
    "coordinates-out-of-range": _("範囲外の緯度・経度"),
}
NOTICE_LABELS = {
    "title-rows-skipped": _("表の上のタイトル行を読み飛ばしました"),
    "blank-row": _("空の行を除きました"),
    "header-repeated": _("繰り返された見出し行を除きました"),
    "multi-row-header": _("複数行の見出しをつなげました"),
    "trailing-columns-dropped": _("右端の空の列を除きました"),
    "encoding-detected": _("文字コードを判定しました"),
}
MATCHED_LABELS = {
    "auto": _("列名から自動で判定"),
    "claimed": _("データセットで指定された標準"),
    "schema": _("指定されたテーブルスキーマ"),
    "none": _("該当する標準なし"),
}
LAYOUT_LABELS = {"current": _("現行の様式"), "legacy": _("旧様式")}
SEVERITY_LABELS = {"error": _("エラー"), "warning": _("警告"), "info": _("お知らせ")}


def _pick(item: dict, key: str, language: str) -> str:
    """The English text on English pages when there is one, else the Japanese text."""
    if language == "en" and item.get(f"{key}_en"):
        return item[f"{key}_en"]
    return item.get(f"{key}_ja") or item.get(f"{key}_en") or ""


@dataclass
class CellToFix:
    """One cell (or row) the publisher should fix."""

    row: int | None
    column: int | None
    header: str
    value: str
    message: str
    hint: str


@dataclass
class IssueGroup:
    """All findings of one code: what it means, how many, and examples to fix."""

    code: str
    label: str
    severity: str
    severity_label: str
    count: int
    hint: str
    cells: list[CellToFix] = field(default_factory=list)

    @property
    def shown(self) -> int:
        """How many of the findings are listed."""
        return len(self.cells)

    @property
    def cell_hints(self) -> bool:
        """True when some listed cell has its own fix hint (else the group's hint says it all)."""
        return any(c.hint and c.hint != self.hint for c in self.cells)


@dataclass
class StructureNotice:
    """Something the reader did to the file's structure."""

    code: str
    label: str
    message: str
    row: int | None


@dataclass
class ReportView:
    """A validation report ready for a template."""

    standard: str
    standard_title: str
    layout: str
    matched: str
    match_score: float
    score: float | None
    required_present: int
    required_total: int
    missing_required: list[str]
    valid_cells: int
    checked_cells: int
    error_count: int
    warning_count: int
    errors: list[IssueGroup]
    warnings: list[IssueGroup]
    notices: list[StructureNotice]
    truncated: bool

    @property
    def has_conformance(self) -> bool:
        """True when a conformance score was computed (a standard or schema was applied)."""
        return self.score is not None

    @property
    def score_text(self) -> str:
        """The score as shown: whole numbers without decimals, else one decimal."""
        if self.score is None:
            return ""
        return f"{self.score:.0f}" if float(self.score).is_integer() else f"{self.score:.1f}"

    @property
    def match_percent(self) -> int:
        """How well the headers matched the standard, in percent (the engine gives 0–1)."""
        return round(self.match_score * 100 if self.match_score <= 1 else self.match_score)

    @property
    def sections(self) -> list[tuple[list[IssueGroup], str]]:
        """Errors then warnings, each with its section key, for one template loop."""
        return [(self.errors, "errors"), (self.warnings, "warnings")]


def standard_titles(slugs: set[str], language: str) -> dict[str, str]:
    """Display titles of standard datasets by slug (one query)."""
    from catalog.models import StandardDataset

    return {
        s.pk: f"{s.number} {s.display_title(language)}".strip()
        for s in StandardDataset.objects.filter(pk__in=[s for s in slugs if s])
    }


def report_view(report: dict, *, language: str, titles: dict[str, str] | None = None,
                extra_notices: list[dict] | None = None) -> ReportView:
    """The plain-language view of a stored report; extra_notices are the file-level ones."""
    standard = report.get("standard") or ""
    titles = titles if titles is not None else standard_titles({standard}, language)
    conformance = report.get("conformance") or {}
    errors: list[IssueGroup] = []
    warnings: list[IssueGroup] = []
    for group in issues_by_code(report):
        code = group["code"]
        cells = [
            CellToFix(row=i.get("row"), column=i.get("column"), header=i.get("field") or "",
                      value=i.get("value") if i.get("value") is not None else "",
                      message=_pick(i, "message", language), hint=_pick(i, "hint", language))
            for i in group["examples"]
        ]
        item = IssueGroup(
            code=code, label=str(CODE_LABELS.get(code, code)), severity=group["severity"],
            severity_label=str(SEVERITY_LABELS.get(group["severity"], group["severity"])),
            count=max(group["count"], len(cells)), hint=_pick(group, "hint", language),
            cells=cells,
        )
        (errors if group["severity"] == "error" else warnings).append(item)
    notices = [
        StructureNotice(code=n.get("code", ""),
                        label=str(NOTICE_LABELS.get(n.get("code", ""), n.get("code", ""))),
                        message=_pick(n, "message", language), row=n.get("row"))
        for n in [*(extra_notices or []), *report.get("notices", [])]
    ]
    return ReportView(
        standard=standard, standard_title=titles.get(standard, standard),
        layout=str(LAYOUT_LABELS.get(report.get("layout") or "", "")),
        matched=str(MATCHED_LABELS.get(report.get("matched") or "none", "")),
        match_score=float(report.get("match_score") or 0),
        score=conformance.get("score") if conformance else None,
        required_present=conformance.get("required_present", 0),
        required_total=conformance.get("required_total", 0),
        missing_required=list(conformance.get("missing_required") or []),
        valid_cells=conformance.get("valid_cells", 0),
        checked_cells=conformance.get("checked_cells", 0),
        error_count=int(report.get("error_count") or 0),
        warning_count=int(report.get("warning_count") or 0),
        errors=errors, warnings=warnings, notices=notices,
        truncated=bool(report.get("truncated")),
    )
