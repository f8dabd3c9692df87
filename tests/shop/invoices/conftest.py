"""The invoices tests' orders: the worked tax example and plain orders of one seller."""

import pytest

from shop import pipeline
from shop.order.models import Channel, PaymentMethod
from shop.taxes import TaxClass
from tests.factories import UserFactory, product_for


@pytest.fixture
def book_and_rental(sellers):
    """The worked example: 24.95 book (GST only) and 10.00 rental; 37.70 with taxes."""
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    rental = product_for(sellers["tools"], title="Perceuse (1 jour)", price="10.00",
                         class_name="Location d'outil")
    return [book, rental]


def place(products, *, customer=None, payment_method=PaymentMethod.ON_DELIVERY, **kwargs):
    kwargs.setdefault("fulfilment", "pickup")
    return pipeline.place_order(
        customer=customer or UserFactory(), channel=Channel.PHONE,
        payment_method=payment_method,
        lines=[pipeline.LineRequest(product) for product in products], **kwargs,
    )
