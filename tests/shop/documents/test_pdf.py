"""Printed documents: French amounts, one sheet per document, the address in the window."""

import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from shop.documents import pdf
from tests.pdf import pdf_pages

INCH = 72  # PDF points


def letters():
    return pdf.render_pdf([
        pdf.Page(story=[pdf.heading("Relevé de novembre 2026"),
                        *[pdf.paragraph(f"Repas livré n° {n}") for n in range(90)]],
                 address=["Mme Rose Tremblay", "123, rue Ontario Est, app. 4",
                          "Montréal (Québec)  H2L 1N5"],
                 return_address=["Comptoir", "514 555-0100"]),
        pdf.Page(story=[pdf.heading("Facture LIB-000001"),
                        pdf.table([["Article", "Montant"], ["Livre", pdf.money(D("24.95"), "fr")],
                                   ["Total", pdf.money(D("37.7"), "fr")]],
                                  money_columns=(1,), total_rows=1)]),
        pdf.Page(story=[pdf.heading("Relevé de novembre 2026")],
                 address=["M. Jean Roy", "8, rue des Érables", "Laval (Québec)  H7A 1A1"]),
    ], title="Relevés")


def test_amounts_read_as_a_person_writes_them():
    assert pdf.money(D("1237.7"), "fr") == "1\u202f237,70\u00a0$"
    assert pdf.money(D("-3"), "fr") == "-3,00\u00a0$"
    assert pdf.money(D("1237.7"), "en") == "$1,237.70"
    assert pdf.money(D("0.005"), "en") == "$0.01"  # half a cent up, as on a receipt


def test_each_document_starts_on_its_own_sheet_and_long_ones_continue():
    pages = pdf_pages(letters())
    assert "Mme Rose Tremblay" in pages[0] and "Repas livré n° 0" in pages[0]
    first_doc_end = next(i for i, page in enumerate(pages) if "Repas livré n° 89" in page)
    assert first_doc_end >= 1  # 90 lines do not fit on one sheet
    assert "Mme Rose Tremblay" not in pages[1]  # a second sheet has no address
    assert "Facture LIB-000001" in pages[first_doc_end + 1]
    assert "37,70 $" in pages[first_doc_end + 1].replace("\u00a0", " ")
    assert "M. Jean Roy" in pages[first_doc_end + 2]
    assert "Montréal (Québec)" in pages[0] and "Laval (Québec)" in pages[-1]


def test_the_address_sits_where_a_window_envelope_shows_it(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "letters.pdf"
    path.write_bytes(letters())
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = {m["word"]: (float(m["x"]), float(m["y"]), float(m["x2"]), float(m["y2"]))
             for m in re.finditer(r'xMin="(?P<x>[\d.]+)" yMin="(?P<y>[\d.]+)" '
                                  r'xMax="(?P<x2>[\d.]+)" yMax="(?P<y2>[\d.]+)">(?P<word>[^<]+)<',
                                  html)}
    # A #10 window: 7/8 in from the left, from about 2 in to 3 1/8 in from the top.
    for word in ("Rose", "Ontario", "H2L"):
        x, y, x2, y2 = words[word]
        assert 0.875 * INCH <= x and x2 <= 0.875 * INCH + 4.5 * INCH, word
        assert 2.0 * INCH <= y and y2 <= 3.125 * INCH, word
    heading_top = words["novembre"][1]
    assert heading_top > 3.125 * INCH  # the letter starts below the window
