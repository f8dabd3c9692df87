"""Every CSV the shop hands out neutralises formula cells (CSV injection, OWASP).

Text that a spreadsheet would read as a formula gets a single quote in front;
numbers the code writes stay numbers, negative ones included.
"""

import csv
import io
from decimal import Decimal

import pytest

from shop.csv_export import csv_writer, safe_cell

HYPERLINK = '=HYPERLINK("http://x","y")'


def written(*rows, **options):
    out = io.StringIO()
    csv_writer(out, **options).writerows(rows)
    return out.getvalue()


def read_back(text, **options):
    return list(csv.reader(io.StringIO(text), **options))


class TestATextCell:
    @pytest.mark.parametrize("text", [
        HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\t1", "\r1",
        " =1+1", "\n=1+1", "\uff1dHYPERLINK()",
    ])
    def test_that_could_start_a_formula_is_quoted(self, text):
        assert safe_cell(text) == "'" + text

    @pytest.mark.parametrize("text", ["Kamouraska", "Léa Tremblay", "lea@example.org", "a=b",
                                      "12,50", "Réf. -12"])
    def test_that_cannot_is_written_as_it_is(self, text):
        assert safe_cell(text) == text

    def test_typed_as_a_negative_amount_is_still_text_and_quoted(self):
        assert safe_cell("-12,50") == "'-12,50"


class TestANumberTheCodeWrites:
    @pytest.mark.parametrize("number", [Decimal("-12.50"), -3, 0, 7, -1.5, Decimal("37.70")])
    def test_stays_a_number(self, number):
        assert safe_cell(number) == number

    def test_takes_a_decimal_comma_for_french_spreadsheets(self):
        assert safe_cell(Decimal("-12.50"), decimal_comma=True) == "-12,50"

    def test_none_is_an_empty_cell(self):
        assert safe_cell(None) == ""


class TestTheWriter:
    def test_writes_a_row_of_text_and_numbers_safely(self):
        text = written(["Vendeur", "Montant"], [HYPERLINK, Decimal("-12.50")])

        assert read_back(text) == [["Vendeur", "Montant"], ["'" + HYPERLINK, "-12.50"]]

    def test_writes_french_csv_with_semicolons_and_decimal_commas(self):
        text = written([HYPERLINK, Decimal("-12.50")], decimal_comma=True, delimiter=";")

        assert read_back(text, delimiter=";") == [["'" + HYPERLINK, "-12,50"]]

    def test_starts_with_a_byte_order_mark_when_asked(self):
        assert written(["a"], bom=True).startswith("\ufeff")
        assert not written(["a"]).startswith("\ufeff")
