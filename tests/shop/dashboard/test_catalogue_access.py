"""The dashboard catalogue asks the access policy: seller staff find their own products."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def lookup(client, term):
    response = client.get(reverse("dashboard:catalogue-product-lookup"), {"q": term})
    return {item["text"] for item in json.loads(response.content)["results"]}


def test_the_product_lookup_offers_seller_staff_their_own_products_only(client_a, book, drill):
    assert lookup(client_a, "e") == {"Les Belles-sœurs"}


def test_the_product_lookup_offers_coordinators_every_product(coordinator_client, book, drill):
    assert lookup(coordinator_client, "e") == {"Les Belles-sœurs", "Perceuse sans fil"}


def test_a_product_form_posted_without_its_stock_records_is_refused_not_a_crash(client_a, book):
    """Oscar pre-selected the seller on a form the post did not have: an IndexError, a 500."""
    url = reverse("dashboard:catalogue-product-create",
                  kwargs={"product_class_slug": book.get_product_class().slug})
    response = client_a.post(url, {"title": "Sans stock"})
    assert response.status_code == 200 and "Sans stock" in response.content.decode()



def test_a_bulk_action_on_another_sellers_product_leaves_it_alone(client_a, book, drill):
    """Oscar's two steps filter the products with ``partner_product_visibility_q``: ours."""
    response = client_a.post(reverse("dashboard:catalogue-product-list"),
                             {"action": "make_products_non_public",
                              "selected_product": [book.pk, drill.pk]})
    confirm = response["Location"]
    assert f'value="{drill.pk}"' not in client_a.get(confirm).content.decode()
    client_a.post(confirm, {"selected_products": [drill.pk]})
    client_a.post(confirm, {"selected_products": [book.pk]})
    book.refresh_from_db()
    drill.refresh_from_db()
    assert not book.is_public and drill.is_public
