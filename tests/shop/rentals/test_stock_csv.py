"""The stock CSV neutralises formula cells: a product titled ``=HYPERLINK(…)`` stays text."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import SellerFactory, product_for, seller_staff

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def test_a_formula_like_title_is_written_as_text_and_counts_stay_numbers(client):
    bookshop = SellerFactory(name="@Librairie", kind="bookshop")
    product_for(bookshop, title=HYPERLINK, num_in_stock=4)
    client.force_login(seller_staff(bookshop))

    response = client.get(reverse("rentals:inventory-csv"))

    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["title"] == "'" + HYPERLINK
    assert row["seller"] == "'@Librairie"
    assert (row["in_stock"], row["available"]) == ("4", "4")
