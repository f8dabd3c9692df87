"""The bookshop CSV import given anything: good rows imported whole, bad rows reported by line,
an unreadable file refused with one clear message and nothing imported, never a crash."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

from shop.rentals.services.book_import import COLUMNS, books_import
from tests.conftest import rolled_back
from tests.factories import SellerFactory, seller_staff
from tests.shop.rentals.test_book_import import make_isbn

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(max_examples=50, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow, HealthCheck.data_too_large])
KEYS = list(COLUMNS)
FILE_ERRORS = ("Ce n'est pas un fichier CSV texte", "La ligne ", "Le fichier n'a pas de colonne",
               "Le fichier n'est pas en UTF-8")
EMPTY_FILE = "Le fichier soumis est vide."
ROW_ERRORS = ("ISBN « ", "aucun titre", "prix « ", "quantité « ", "quantité négative")
# Cells no book row may have, by column.
JUNK = {
    "isbn": st.sampled_from(["", "123", "978²070368228", "97820703682２8", "9782070368229",
                             "X" * 300, "978-2-07-036822-", "NaN"]),
    "title": st.just(""),
    "price": st.one_of(st.sampled_from(["NaN", "sNaN", "Infinity", "-Infinity", "-1", "1e30",
                                        "10.005", "dix", "", "12,5,0", "١٢", "1e-999999"]),
                       st.text(alphabet="abc$€ ", min_size=1, max_size=5)),
    "quantity": st.sampled_from(["-2", "beaucoup", "", "1.5", "99999999999", "9" * 5000, "²",
                                 "١٢", "1e3"]),
}


@st.composite
def book_files(draw):
    """A CSV file: the header in any order and aliases, good rows and bad ones.

    Returns the text and, for each data row, the expected outcome: ("book", isbn, price,
    quantity) or ("rejected",).
    """
    order = draw(st.permutations(KEYS))
    header = [draw(st.sampled_from(COLUMNS[key])).upper() if draw(st.booleans())
              else draw(st.sampled_from(COLUMNS[key])) for key in order]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    # As spreadsheets write it: a cell holding a line break is quoted.
    ending, quoting = draw(st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\n", csv.QUOTE_ALL)]))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=ending, quoting=quoting)
    writer.writerow(header)
    expected = []
    numbers = draw(st.lists(st.integers(0, 10**6), unique=True, max_size=12))
    for n in numbers:
        cells = {
            "isbn": make_isbn(n), "title": draw(st.text(min_size=1, max_size=300).filter(
                lambda t: t.strip() and "\x00" not in t)),
            "author": draw(st.text(max_size=300).filter(lambda t: "\x00" not in t)),
            "publisher": draw(st.text(max_size=30).filter(lambda t: "\x00" not in t)),
            "price": str(draw(st.decimals(0, 10**6, places=2))),
            "quantity": str(draw(st.integers(0, 10**6))),
        }
        bad = draw(st.one_of(st.none(), st.sampled_from(list(JUNK))))
        if bad:
            cells[bad] = draw(JUNK[bad])
            expected.append(("rejected",))
        else:
            expected.append(("book", cells["isbn"], Decimal(cells["price"]), int(cells["quantity"])))
        writer.writerow([cells[key] for key in order])
    return out.getvalue(), expected


@pytest.fixture
def bookshop(db):
    return SellerFactory(name="Librairie Le Signet", kind="bookshop", code="le-signet")


@HYPOTHESIS
@given(book_files())
def test_good_rows_are_imported_whole_and_bad_ones_reported_by_line(bookshop, csv_file):
    text, expected = csv_file
    with rolled_back():
        report = books_import(seller=bookshop, text=text)
        books = [row for row in expected if row[0] == "book"]
        assert report.created == len(books)
        assert len(report.rejected) == len(expected) - len(books)
        for line, reason in report.rejected:
            assert line >= 2 and reason.startswith(ROW_ERRORS), reason
        records = {r.partner_sku: r for r in StockRecord.objects.filter(partner=bookshop)}
        assert set(records) == {isbn for _kind, isbn, *_rest in books}
        for _kind, isbn, price, quantity in books:
            assert (records[isbn].price, records[isbn].num_in_stock) == (price, quantity)
            assert records[isbn].product.title.strip()
        assert Product.objects.count() == len(books)


@HYPOTHESIS
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400).map(
    lambda b: b.decode("latin-1"))), st.booleans())
def test_any_text_is_imported_in_part_or_refused_whole_never_a_crash(bookshop, text, with_header):
    if with_header:
        text = "ISBN,Titre,Auteur,Éditeur,Prix,Quantité\n" + text
    with rolled_back():
        try:
            report = books_import(seller=bookshop, text=text)
        except ValueError as error:
            assert str(error).startswith(FILE_ERRORS), error
            assert not Product.objects.exists() and not StockRecord.objects.exists()
            return
        assert all(reason.startswith(ROW_ERRORS) for _line, reason in report.rejected)
        assert StockRecord.objects.count() == report.created


@HYPOTHESIS
@given(st.sampled_from(KEYS), st.integers(0, 3))
def test_a_file_missing_a_column_is_refused_whole(bookshop, missing, good_rows):
    header = ",".join(COLUMNS[key][0] for key in KEYS if key != missing)
    rows = "".join(f"{make_isbn(n)},Livre {n},A,B,10.00,1\n" for n in range(good_rows))
    with rolled_back():
        with pytest.raises(ValueError, match="Le fichier n'a pas de colonne " + COLUMNS[missing][0]):
            books_import(seller=bookshop, text=header + "\n" + rows)
        assert not Product.objects.exists()


def test_a_huge_cell_refuses_the_file_with_its_line_and_imports_nothing(bookshop):
    text = ("ISBN,Titre,Auteur,Éditeur,Prix,Quantité\n"
            f"{make_isbn(1)},Livre 1,A,B,10.00,1\n"
            f"{make_isbn(2)},\"{'x' * 200_000}\",A,B,10.00,1\n")
    with pytest.raises(ValueError, match="La ligne 3 est illisible"):
        books_import(seller=bookshop, text=text)
    assert not Product.objects.exists()


class TestTheUploadPage:
    @pytest.fixture
    def staff_client(self, client, bookshop):
        client.force_login(seller_staff(bookshop))
        return client

    @HYPOTHESIS
    @given(body=st.one_of(st.binary(max_size=500),
                          st.text(max_size=300).map(lambda t: t.encode("utf-16")),
                          st.text(max_size=300).map(lambda t: ("ISBN;Titre;Auteur;Éditeur;Prix;"
                                                               "Quantité\n" + t).encode("cp1252", "replace"))))
    def test_any_file_gets_the_page_back_with_a_report_or_a_clear_error(self, staff_client, body):
        from django.core.files.uploadedfile import SimpleUploadedFile

        with rolled_back():
            upload = SimpleUploadedFile("catalogue.csv", body, content_type="text/csv")
            response = staff_client.post(reverse("rentals:book-import"), {"file": upload})
            assert response.status_code == 200
            page = response.content.decode()
            shown = [str(m) for m in response.context["messages"]]
            form_errors = response.context["form"].errors.get("file", [])
            assert 'id="import-report"' in page or form_errors == [EMPTY_FILE] or (
                len(shown) == 1 and shown[0].startswith(FILE_ERRORS)), shown
