"""The assessment as PDF: the Markdown report (`ausweg.report.assessment_markdown`) typeset with
fpdf2 in DejaVu Sans, which ships inside this package (licence beside it), so Cyrillic, German and
every other script of the quotes print offline. Built in memory; nothing is written to disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

from ausweg.report import assessment_markdown

FONTS = Path(__file__).parent / "fonts"


def _document() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title("ausweg")
    pdf.set_creator("ausweg")
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str) -> None:
    if text.startswith("# "):
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(0, 8, text[2:], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    elif text.startswith("## "):
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, text[3:], new_x="LMARGIN", new_y="NEXT")
    elif text.startswith("- "):
        pdf.set_font("DejaVu", "", 9.5)
        pdf.set_x(pdf.l_margin + 3)
        pdf.multi_cell(0, 5, "• " + text[2:], new_x="LMARGIN", new_y="NEXT")
    elif text.strip():
        pdf.set_font("DejaVu", "", 9.5)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.ln(2)


def assessment_pdf(data: dict[str, Any], lang: str) -> bytes:
    pdf = _document()
    for text in assessment_markdown(data, lang).splitlines():
        _line(pdf, text)
    return bytes(pdf.output())
