"""The plan document as PDF with reportlab's built-in Japanese CID fonts (no font files)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.markdown import plain_text
from plan.exports.document import Section

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"


def _fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (GOTHIC, MINCHO):
        if name not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(name))


def _styles() -> dict[str, ParagraphStyle]:
    base = {"wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontName=GOTHIC, fontSize=18, leading=26,
                                spaceAfter=12, **base),
        "h1": ParagraphStyle("h1", fontName=GOTHIC, fontSize=14, leading=20, spaceBefore=10,
                             spaceAfter=6, **base),
        "h2": ParagraphStyle("h2", fontName=GOTHIC, fontSize=12, leading=17, spaceBefore=8,
                             spaceAfter=4, **base),
        "h3": ParagraphStyle("h3", fontName=GOTHIC, fontSize=11, leading=16, spaceBefore=6,
                             spaceAfter=3, **base),
        "body": ParagraphStyle("body", fontName=MINCHO, fontSize=10, leading=16, **base),
        "cell": ParagraphStyle("cell", fontName=MINCHO, fontSize=8.5, leading=12, **base),
    }


def _paragraphs(markdown: str, style) -> list:
    text = plain_text(markdown)
    return [Paragraph(escape(part).replace("\n", "<br/>"), style)
            for part in text.split("\n\n") if part.strip()]


def _table(header: list[str], rows: list[list[str]], style) -> Table:
    data = [[Paragraph(escape(c), style) for c in header]]
    data += [[Paragraph(escape(c), style) for c in row] for row in rows]
    table = Table(data, repeatRows=1, hAlign="LEFT",
                  colWidths=[(170 * mm) / max(len(header), 1)] * len(header))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def render_pdf(*, title: str, sections: list[Section], labels: dict[str, str]) -> bytes:
    """A4 PDF of the outline; ``labels`` gives the fixed words (担当, 概要, スケジュール…)."""
    _fonts()
    st = _styles()
    story: list = [Paragraph(escape(title), st["title"])]
    for section in sections:
        story.append(Paragraph(escape(f"{section.number}. {section.title}"), st["h1"]))
        story += _paragraphs(section.body, st["body"])
        for sub in section.subsections:
            story.append(Paragraph(escape(f"({sub.number}) {sub.title}"), st["h2"]))
            story += _paragraphs(sub.body, st["body"])
            for m in sub.measures:
                story.append(Paragraph(escape(f"◆{m.title}"), st["h3"]))
                if m.department:
                    story.append(Paragraph(escape(f"{labels['department']}: {m.department}"),
                                           st["body"]))
                story += _paragraphs(m.description, st["body"])
                if m.kpi_rows:
                    story.append(Spacer(1, 3))
                    story.append(_table(m.kpi_header, m.kpi_rows, st["cell"]))
                if any(m.schedule_row):
                    story.append(Paragraph(escape(labels["schedule"]), st["body"]))
                    story.append(_table(m.schedule_header, [m.schedule_row], st["cell"]))
                story.append(Spacer(1, 6))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    doc.build(story)
    return out.getvalue()
