"""The settlements CSV neutralises formula cells: a seller named ``=HYPERLINK(…)``
stays text, its amounts stay numbers."""

import csv
import io

import pytest

from tests.clock import TODAY, day
from tests.factories import StaffFactory
from tests.integrations.stripe.fake import event

from .conftest import place_card_order

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def test_a_formula_like_seller_name_is_written_as_text(stripe_on, book_and_rental, post_event,
                                                       sellers, client):
    sellers["bookshop"].name = HYPERLINK
    sellers["bookshop"].save()
    order, intent = place_card_order(book_and_rental)
    post_event(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get("/payments/dashboard/settlements/",
                          {"start": day(-1).isoformat(), "end": TODAY.isoformat(), "format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    book_row = next(row for row in rows[1:] if "HYPERLINK" in row[0])
    assert book_row[0] == "'" + HYPERLINK
    assert book_row[1:6] == ["1", "24.95", "1.25", "0.00", "26.20"]
