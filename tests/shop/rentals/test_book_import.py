"""The bookshop's catalogue import: ISBNs validated, books updated not duplicated, bad rows reported."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

from shop.rentals.models import StockAdjustment
from shop.rentals.services.book_import import books_import, isbn13
from tests.factories import SellerFactory, seller_staff

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

pytestmark = pytest.mark.django_db

HEADER = "ISBN,Titre,Auteur,Éditeur,Prix,Quantité\n"


def make_isbn(n):
    body = "978" + f"{n:09d}"
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def good_row(n, *, title=None, quantity=None):
    return f'{make_isbn(n)},"{title or f"Livre {n}, tome {n % 7}"}",Autrice {n},Éditions {n % 13},' \
           f"{10 + n % 40}.95,{quantity if quantity is not None else n % 9}\n"


BAD_ROWS = [
    "9780000000001,Mauvaise clé,A,B,10.00,1\n",        # ISBN-13 check digit wrong
    "123456789,Trop court,A,B,10.00,1\n",               # not an ISBN
    "0-306-40615-3,Mauvais ISBN-10,A,B,10.00,1\n",      # ISBN-10 check digit wrong
    f"{make_isbn(900001)},,A,B,10.00,1\n",              # no title
    f"{make_isbn(900002)},Prix bizarre,A,B,dix,1\n",    # price not a number
    f"{make_isbn(900003)},Prix négatif,A,B,-1.00,1\n",  # negative price
    f"{make_isbn(900004)},Quantité,A,B,10.00,beaucoup\n",
    f"{make_isbn(900005)},Quantité négative,A,B,10.00,-2\n",
    f"{make_isbn(900006)},Trois décimales,A,B,10.005,1\n",
    f"{make_isbn(3)},Doublon du livre 3,A,B,10.00,1\n",  # same ISBN as an earlier line
]


def catalogue_csv(good=4990):
    """``good`` valid rows with the 10 bad rows spread among them; returns (text, bad lines)."""
    lines, bad_lines = [HEADER], []
    bad = iter(BAD_ROWS)
    for n in range(good):
        lines.append(good_row(n))
        if n % 499 == 498:
            lines.append(next(bad))
            bad_lines.append(len(lines))  # line numbers count the header as line 1
    return "".join(lines), bad_lines


@pytest.fixture
def bookshop():
    return SellerFactory(name="Librairie Le Signet", kind="bookshop", code="le-signet")


class TestIsbn:
    @pytest.mark.parametrize("raw, expected", [
        ("978-2-07-036822-8", "9782070368228"),
        ("2-07-036822-X", "9782070368228"),      # ISBN-10 converted, check digit X
        ("0-8044-2957-X", "9780804429573"),
        ("979-10-90636-07-1", "9791090636071"),
        ("9782070368229", None),
        ("2070368228", None),
        ("977-2-07-036822-8", None),
        ("", None),
    ])
    def test_validates_and_normalises_to_isbn13(self, raw, expected):
        assert isbn13(raw) == expected


class TestImportingFiveThousandRows:
    def test_imports_4990_reports_10_by_line_and_a_second_import_changes_nothing(
        self, bookshop, tmp_path
    ):
        text, bad_lines = catalogue_csv()
        path = tmp_path / "catalogue.csv"
        path.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()

        call_command("import_books", str(path), seller="le-signet", stdout=out, stderr=err)

        assert StockRecord.objects.filter(partner=bookshop).count() == 4990
        assert Product.objects.count() == 4990
        output = out.getvalue()
        assert "4990 created" in output and "10 rejected" in output
        reported = [int(line.split()[1].rstrip(":")) for line in output.splitlines()
                    if line.startswith("  line ")]
        assert reported == bad_lines
        assert "4990/4990" in err.getvalue()  # the progress bar reached the end

        adjustments = StockAdjustment.objects.count()
        out = io.StringIO()
        call_command("import_books", str(path), seller="le-signet", stdout=out,
                     stderr=io.StringIO())

        assert "0 created, 0 updated, 4990 unchanged; 10 rejected" in out.getvalue()
        assert Product.objects.count() == 4990
        assert StockAdjustment.objects.count() == adjustments

    def test_stores_the_book_like_the_demo_bookshop(self, bookshop):
        report = books_import(seller=bookshop, text=HEADER + good_row(7, title="Kamouraska",
                                                                      quantity=4))

        product = Product.objects.get(upc=make_isbn(7))
        record = product.stockrecords.get()
        assert report.created == 1
        assert product.title == "Kamouraska"
        assert product.product_class.name == "Livre imprimé"
        assert (record.partner_sku, record.price, record.num_in_stock) == (
            make_isbn(7), Decimal("17.95"), 4)
        values = {v.attribute.code: v.value for v in product.attribute_values.all()}
        assert values == {"isbn": make_isbn(7), "author": "Autrice 7", "publisher": "Éditions 7"}


class TestUpdatingExistingBooks:
    def test_updates_title_price_quantity_and_records_the_stock_change(self, bookshop):
        books_import(seller=bookshop, text=HEADER + good_row(1, quantity=3))

        report = books_import(
            seller=bookshop,
            text=HEADER + f"{make_isbn(1)},Nouveau titre,Autrice 1,Éditions 1,12.50,8\n",
        )

        product = Product.objects.get()
        record = product.stockrecords.get()
        assert (report.created, report.updated) == (0, 1)
        assert product.title == "Nouveau titre"
        assert (record.price, record.num_in_stock) == (Decimal("12.50"), 8)
        assert list(StockAdjustment.objects.order_by("pk").values_list("delta", "level_after")) \
            == [(3, 3), (5, 8)]

    def test_an_isbn10_finds_the_book_stored_under_its_isbn13(self, bookshop):
        books_import(seller=bookshop, text=HEADER + "9782070368228,Le Petit Prince,A,B,9.95,2\n")

        books_import(seller=bookshop, text=HEADER + "2-07-036822-x,Le Petit Prince,A,B,9.95,5\n")

        assert Product.objects.count() == 1
        assert StockRecord.objects.get().num_in_stock == 5

    def test_reads_semicolon_separated_files_with_decimal_commas(self, bookshop):
        report = books_import(
            seller=bookshop,
            text="isbn;title;author;publisher;price;quantity\n9782070368228;Titre;A;B;9,95;2\n",
        )

        assert report.created == 1
        assert StockRecord.objects.get().price == Decimal("9.95")


class TestTheUploadPage:
    def test_imports_the_file_and_shows_the_rejected_lines(self, client, bookshop):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(seller_staff(bookshop))
        upload = SimpleUploadedFile(
            "c.csv", (HEADER + good_row(1) + BAD_ROWS[0]).encode("utf-8"), "text/csv")

        response = client.post(reverse("rentals:book-import"), {"file": upload})

        page = response.content.decode()
        assert response.status_code == 200
        assert 'id="import-report"' in page
        assert "<td>3</td>" in page
        assert StockRecord.objects.filter(partner=bookshop).count() == 1
