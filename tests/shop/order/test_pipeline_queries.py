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


def order_of(products, quantities=None, customer=None):
    return place_order(
        customer=customer or UserFactory(), channel=Channel.WEB, fulfilment="pickup",
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


class TestQueriesPinned:
    """What an order costs once the shop is warm (the site, shipping methods, offers and the
    sellers' invoice sequences read or made): the order, its invoices, the client's
    consent, the outbox and the payment source in the order's transaction. Oscar's
    purchase figures are added after it commits (two more, not counted here)."""

    def test_an_order_of_one_line_for_a_known_client(self, four_products):
        client = UserFactory()
        order_of(four_products, customer=client)
        with CaptureQueriesContext(connection) as queries:
            order_of(four_products[:1], customer=client)
        assert len(queries) == 35

    def test_each_more_line_writes_the_line_and_its_price_and_allocates_its_stock(
            self, four_products):
        client = UserFactory()
        order_of(four_products, customer=client)
        with CaptureQueriesContext(connection) as one:
            order_of(four_products[:1], customer=client)
        with CaptureQueriesContext(connection) as four:
            order_of(four_products, customer=client)
        assert len(four) - len(one) == 3 * 5


class TestLinesOfOneProduct:
    def test_are_one_line_of_their_quantities_and_allocate_them(self, four_products):
        book = four_products[0]
        order = order_of([book, book], quantities=[2, 1])
        line = order.lines.get()
        assert line.quantity == 3
        assert StockRecord.objects.get(product=book).num_allocated == 3
