"""A bookshop's import reads and writes only its own catalogue.

UPCs are unique across the shop: an ISBN that is already the UPC of another
seller's product (the tool library's, here) is refused on its line, and that
product is left exactly as it was; the file's other rows are imported.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from shop.rentals.services.book_import import books_import
from tests.factories import SellerFactory, product_for, seller_staff
from tests.shop.rentals.test_book_import import HEADER, good_row, make_isbn

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

REFUSED = "cet ISBN appartient déjà au catalogue d'un autre vendeur"


@pytest.fixture
def bookshop():
    return SellerFactory(name="Librairie Le Signet", kind="bookshop", code="le-signet")


@pytest.fixture
def tools_product():
    """The tool library's drill, whose UPC happens to be an ISBN."""
    tools = SellerFactory(name="Outilthèque", kind="tool_library")
    product = product_for(tools, title="Perceuse", price="35.00", num_in_stock=2)
    product.upc = make_isbn(42)
    product.save()
    return product


def snapshot(product):
    product = Product.objects.get(pk=product.pk)
    return (product.title, product.slug, product.product_class_id,
            list(product.attribute_values.values_list("attribute__code", "value_text")),
            list(product.stockrecords.values_list("partner_id", "partner_sku", "price",
                                                  "num_in_stock")))


class TestAnIsbnOfAnotherSellersProduct:
    def test_leaves_that_product_untouched(self, bookshop, tools_product):
        before = snapshot(tools_product)

        books_import(seller=bookshop, text=HEADER + good_row(42, title="Livre pirate"))

        assert snapshot(tools_product) == before
        assert not StockRecord.objects.filter(partner=bookshop).exists()

    def test_is_refused_on_its_line_and_the_other_rows_are_imported(self, bookshop,
                                                                     tools_product):
        report = books_import(seller=bookshop,
                              text=HEADER + good_row(1) + good_row(42) + good_row(2))

        assert report.rejected == [(3, REFUSED)]
        assert (report.created, report.updated) == (2, 0)
        assert set(StockRecord.objects.filter(partner=bookshop).values_list(
            "product__upc", flat=True)) == {make_isbn(1), make_isbn(2)}

    def test_is_listed_in_the_upload_pages_report(self, client, bookshop, tools_product):
        client.force_login(seller_staff(bookshop))
        upload = SimpleUploadedFile("c.csv", (HEADER + good_row(42)).encode(), "text/csv")

        page = client.post(reverse("rentals:book-import"), {"file": upload}).content.decode()

        assert "<td>2</td>" in page and REFUSED.replace("'", "&#x27;") in page


class TestTheBookshopsOwnBook:
    def test_is_still_updated_when_another_seller_also_has_an_isbn_in_the_file(
            self, bookshop, tools_product):
        books_import(seller=bookshop, text=HEADER + good_row(1, quantity=1))

        report = books_import(seller=bookshop, text=HEADER + good_row(1, title="Nouveau titre",
                                                                      quantity=5) + good_row(42))

        assert (report.updated, report.rejected) == (1, [(3, REFUSED)])
        record = StockRecord.objects.get(partner=bookshop)
        assert (record.product.title, record.num_in_stock) == ("Nouveau titre", 5)
        assert record.price == Decimal("11.95")
