"""The basket behaves as Oscar's: the leaner add-to-basket view changes no outcome.

A new visitor's addition makes a basket kept by a cookie; a second addition of
the same book adds to its line; signing in merges the visitor's basket into
the member's; a site offer discounts the basket and its new total says so, in
the message and in the header's basket.
"""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_offer

from tests.factories import UserFactory
from tests.shop.catalogue.shop_data import shop_of

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    return shop_of(3)[0]


def add(client, product, quantity=1):
    return client.post(f"/basket/add/{product.pk}/", {"quantity": quantity},
                       HTTP_REFERER=product.get_absolute_url())


def test_a_new_visitors_addition_is_kept_in_a_basket_named_by_a_cookie(client, books):
    response = add(client, books[0], quantity=2)
    assert response.status_code == 302
    assert response["Location"] == books[0].get_absolute_url()
    basket = Basket.objects.get()
    assert basket.owner is None
    assert client.cookies["oscar_open_basket"].value.startswith(f"{basket.pk}:")
    line = basket.lines.get()
    assert (line.product, line.quantity, line.price_excl_tax) == (books[0], 2, Decimal("10.00"))
    assert line.stockrecord.partner.name == "Librairie du Quartier"
    assert line.tax_code == "books"


def test_the_new_total_is_said_after_each_addition(client, books):
    response = add(client, books[0])
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Livre 00" in said
    assert "10,00" in said


def test_adding_the_same_book_again_adds_to_its_line(client, books):
    add(client, books[0])
    add(client, books[0])
    add(client, books[1])
    basket = Basket.objects.get()
    assert sorted(basket.lines.values_list("product__title", "quantity")) == [
        ("Livre 00", 2), ("Livre 01", 1)]


def test_the_header_counts_the_items_and_their_total(client, books):
    add(client, books[0], quantity=2)
    add(client, books[1])
    html = client.get("/catalogue/").content.decode()
    header = html[html.index('class="basket-mini"'):][:600]
    assert "(3)" in header
    assert "30,00" in header


def test_signing_in_merges_the_visitors_basket_into_the_members(client, books):
    member = UserFactory()
    members = Basket.objects.create(owner=member)
    members.strategy = Selector().strategy()
    members.add_product(books[1], 1)
    add(client, books[0])
    client.force_login(member)
    response = client.get("/basket/")
    basket = Basket.open.get(owner=member)
    assert sorted(basket.lines.values_list("product__title", flat=True)) == [
        "Livre 00", "Livre 01"]
    assert Basket.open.filter(owner=None).count() == 0
    assert response.cookies["oscar_open_basket"].value == ""


def test_a_site_offer_discounts_the_new_total_and_the_header(client, books):
    create_offer(name="Rentrée")  # 20 % off everything
    response = add(client, books[0])
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "8,00" in said
    html = client.get("/catalogue/").content.decode()
    assert "8,00" in html[html.index('class="basket-mini"'):][:600]
    assert "Rentrée" in client.get("/basket/").content.decode()


def test_a_product_refused_by_the_form_leaves_no_basket_behind(client, books):
    response = client.post(f"/basket/add/{books[0].pk}/", {"quantity": 0})
    assert response.status_code == 302
    assert not Basket.objects.filter(lines__isnull=False).exists()
