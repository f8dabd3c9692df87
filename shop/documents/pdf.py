"""Printable documents as PDF: invoices, credit notes, receipts, monthly statements.

ReportLab draws them with the DejaVu Sans fonts shipped beside this module
(``fonts/``, Bitstream Vera licence), so accents print the same on every
machine. A document is a list of ReportLab flowables (its *story*) placed on
Letter paper; ``render_pdf`` turns stories into one PDF, each story starting
on a new page, with an optional address block where a #10 window envelope
shows it (the sheet folded in three).

    from shop.documents import pdf
    story = [pdf.heading("Facture 2026-000123"), pdf.paragraph("…"), pdf.table(rows)]
    data = pdf.render_pdf([pdf.Page(story=story, address=["Mme Rose Tremblay", "…"])],
                          title="Facture 2026-000123")
    return pdf.pdf_response(data, filename="facture-2026-000123.pdf")
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils.translation import get_language
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 0.75 * inch

# Where a #10 window envelope shows the address of a Letter sheet folded in three:
# the window is 4.5 in × 1.125 in, 7/8 in from the left and about 2 in from the top
# of the sheet. The block is drawn a little inside it.
WINDOW_LEFT = 0.875 * inch
WINDOW_TOP = 2.0 * inch
WINDOW_WIDTH = 4.0 * inch
WINDOW_HEIGHT = 1.0 * inch
RETURN_ADDRESS_TOP = 0.6 * inch

INK = colors.HexColor("#1f2933")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f5")


@cache
def fonts_registered() -> bool:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    return True


# --- Words and numbers ----------------------------------------------------------------------


def money(amount, language: str | None = None) -> str:
    """``1 237,70 $`` in French, ``$1,237.70`` in English (the active language by default)."""
    amount = Decimal(amount or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    language = (language or get_language() or "fr")[:2]
    if language == "fr":
        sign = "-" if amount < 0 else ""
        digits = format(abs(amount), ",.2f").replace(",", "\u202f").replace(".", ",")
        return f"{sign}{digits}\u00a0$"
    return f"-${abs(amount):,.2f}" if amount < 0 else f"${amount:,.2f}"


# --- Flowables --------------------------------------------------------------------------------


def _style(name, **kwargs) -> ParagraphStyle:
    fonts_registered()
    base = {"fontName": REGULAR, "fontSize": 10, "leading": 13, "textColor": INK}
    return ParagraphStyle(name, **{**base, **kwargs})


def heading(text: str, *, size: int = 16) -> Paragraph:
    return Paragraph(escape(str(text)), _style("heading", fontName=BOLD, fontSize=size,
                                                leading=size * 1.25, spaceAfter=6))


def paragraph(text: str, *, bold: bool = False, size: int = 10, align: str = "left") -> Paragraph:
    """Plain text (escaped; line breaks kept) as a paragraph."""
    alignment = {"left": 0, "center": 1, "right": 2}[align]
    markup = "<br/>".join(escape(str(line)) for line in str(text).splitlines()) or "&nbsp;"
    return Paragraph(markup, _style("body", fontName=BOLD if bold else REGULAR, fontSize=size,
                                    leading=size * 1.3, alignment=alignment))


def space(height: float = 10) -> Spacer:
    return Spacer(1, height)


def table(rows, *, widths=None, header: bool = True, money_columns=(), total_rows: int = 0):
    """A ruled table of text cells; ``money_columns`` are right-aligned.

    The first row is the header when ``header``; the last ``total_rows`` rows
    are in bold above a rule (subtotal, taxes, total).
    """
    cells = [[c if hasattr(c, "wrap") else paragraph(c, bold=header and i == 0)
              for c in row] for i, row in enumerate(rows)]
    result = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    for column in money_columns:
        for i, row in enumerate(cells):
            if not hasattr(rows[i][column], "wrap"):
                row[column] = paragraph(rows[i][column], align="right",
                                        bold=(header and i == 0) or i >= len(rows) - total_rows)
    if total_rows:
        style.append(("LINEABOVE", (0, len(rows) - total_rows), (-1, len(rows) - total_rows),
                      1, INK))
    result.setStyle(TableStyle(style))
    return result


# --- Pages ------------------------------------------------------------------------------------


@dataclass
class Page:
    """One document in a PDF: its story, and the address a window envelope shows, if any."""

    story: list
    address: list[str] = field(default_factory=list)
    return_address: list[str] = field(default_factory=list)


class _Document(BaseDocTemplate):
    def __init__(self, buffer, *, title: str, pages: list[Page]):
        super().__init__(buffer, pagesize=LETTER, title=title, author="Comptoir",
                         leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN)
        body = Frame(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN, id="body")
        below_window = PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT - 0.35 * inch
        letter_body = Frame(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, below_window - MARGIN,
                            id="letter")
        self.pages = pages
        self.addPageTemplates([
            PageTemplate(id="plain", frames=[body]),
            *[PageTemplate(id=f"letter-{i}", frames=[letter_body], onPage=self._window(page),
                           autoNextPageTemplate="plain")  # a second sheet has no window
              for i, page in enumerate(page for page in pages if page.address)],
        ])

    @staticmethod
    def _window(page: Page):
        def draw(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(INK)
            y = PAGE_HEIGHT - RETURN_ADDRESS_TOP
            for i, line in enumerate(page.return_address):
                canvas.setFont(BOLD if i == 0 else REGULAR, 9)
                canvas.drawString(WINDOW_LEFT, y, line)
                y -= 11
            y = PAGE_HEIGHT - WINDOW_TOP - 12
            for i, line in enumerate(page.address[:5]):
                canvas.setFont(BOLD if i == 0 else REGULAR, 11)
                canvas.drawString(WINDOW_LEFT + 0.1 * inch, y, line)
                y -= 14
            canvas.restoreState()
        return draw


def render_pdf(pages: list[Page], *, title: str) -> bytes:
    """One PDF of ``pages``, each starting on a new sheet."""
    fonts_registered()
    buffer = io.BytesIO()
    document = _Document(buffer, title=title, pages=pages)
    story, letters = [], 0
    for i, page in enumerate(pages):
        template = "plain"
        if page.address:
            template, letters = f"letter-{letters}", letters + 1
        if i == 0:  # the document starts on its first template: put the first page's first
            document.pageTemplates.sort(key=lambda t: t.id != template)
        else:
            story += [NextPageTemplate(template), PageBreak()]
        story += page.story
    document.build(story or [space()])
    return buffer.getvalue()


def pdf_response(data: bytes, *, filename: str, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
