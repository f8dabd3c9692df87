"""The one way the shop writes CSV files for spreadsheets: formula cells neutralised.

A spreadsheet (Excel, LibreOffice, Google Sheets) reads a CSV cell whose text
begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or a carriage return before
one) as a formula: a client named ``=HYPERLINK("http://x","y")`` becomes a
link, or worse, in the file staff download (CSV injection). Every export goes
through ``csv_writer``, which follows OWASP's advice: a text cell that could
start a formula is written with a single quote in front, so the spreadsheet
shows it as text.

The type decides, not the look of the text: numbers the code itself writes
(``int``, ``Decimal``, ``float``) stay numbers, ``-12.50`` included (with
``decimal_comma``, ``-12,50`` for spreadsheets set to French); anything else
(names, titles, notes, but also a phone number's ``+1…`` typed as text) is
text and is neutralised when it starts like a formula.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse

# What a spreadsheet takes as the start of a formula, the full-width forms
# included (some spreadsheets in East Asian locales read them as the same).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Characters some spreadsheets skip before looking for a formula.
LEADING_BLANKS = " \t\r\n\u00a0"
QUOTE = "'"
BOM = "\ufeff"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    if text[:1] in ("\t", "\r"):
        return True
    return text.lstrip(LEADING_BLANKS)[:1] in FORMULA_STARTS


def safe_cell(value, *, decimal_comma: bool = False):
    """``value`` as a CSV cell: numbers as numbers, text neutralised if formula-like."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value).replace(".", ",") if decimal_comma else value
    text = str(value)
    return QUOTE + text if is_formula_like(text) else text


class SafeCsvWriter:
    """``csv.writer`` with every cell passed through ``safe_cell``.

    Also takes the place of Oscar's ``UnicodeCSVWriter`` (``writerow``,
    ``writerows``), with a byte order mark first when ``bom`` (Excel then reads
    UTF-8 accents right).
    """

    def __init__(self, out, *, bom: bool = False, decimal_comma: bool = False, **fmtparams):
        if bom:
            out.write(BOM)
        self.writer = csv.writer(out, **fmtparams)
        self.decimal_comma = decimal_comma

    def writerow(self, row):
        return self.writer.writerow([safe_cell(value, decimal_comma=self.decimal_comma)
                                     for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, *, bom: bool = False, decimal_comma: bool = False, **fmtparams) -> SafeCsvWriter:
    """A writer of safe CSV rows into ``out`` (a file, a ``StringIO``, an ``HttpResponse``)."""
    return SafeCsvWriter(out, bom=bom, decimal_comma=decimal_comma, **fmtparams)


def csv_response(filename: str) -> HttpResponse:
    """An empty UTF-8 CSV download named ``filename``, to write rows into."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
