"""The pipeline reads each product once per order, whatever the number of lines."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.taxes import TaxClass
from tests.factories import SellerFactory, UserFactory, product_for

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_products():
    bookshop, tools = SellerFactory(name="Librairie"), SellerFactory(name="Quincaillerie")
    return [
        product_for(seller, title=f"Produit {number}", price="10.00", tax_class=TaxClass.BOOKS,
                    class_name="Livre imprimé")
        for number, seller in enumerate([bookshop, bookshop, tools, tools])
    ]


def order_of(products, quantities=None):
    return place_order(
        customer=UserFactory(), channel=Channel.WEB, fulfilment="pickup",
        payment_method=PaymentMethod.ON_DELIVERY,
        lines=[LineRequest(product, quantity) for product, quantity
               in zip(products, quantities or [1] * len(products), strict=True)],
    )


def reads_of(table, queries):
    pattern = re.compile(rf'^SELECT .* FROM "{table}"(?! WHERE "{table}"."id" = \d+ LIMIT)', re.S)
    return [query["sql"] for query in queries if pattern.match(query["sql"])]


class TestAnOrderOfFourLines:
    def test_reads_the_products_classes_stock_records_and_sellers_once(self, four_products):
        order_of(four_products[:1])  # the site, the shipping methods, the offers: read once
        with CaptureQueriesContext(connection) as queries:
            order = order_of(four_products)
        assert order.lines.count() == 4
        for table in ("catalogue_product", "catalogue_productclass", "partner_stockrecord",
                      "partner_partner", "basket_line"):
            assert len(reads_of(table, queries.captured_queries)) <= 1, table

    def test_costs_a_few_queries_a_line_more_than_an_order_of_one(self, four_products):
        order_of(four_products[:1])
        with CaptureQueriesContext(connection) as one:
            order_of(four_products[3:])
        with CaptureQueriesContext(connection) as four:
            order_of(four_products)
        assert len(four) - len(one) <= 3 * 14


class TestLinesOfOneProduct:
    def test_are_one_line_of_their_quantities_and_allocate_them(self, four_products):
        book = four_products[0]
        order = order_of([book, book], quantities=[2, 1])
        line = order.lines.get()
        assert line.quantity == 3
        assert StockRecord.objects.get(product=book).num_allocated == 3
