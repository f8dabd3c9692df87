"""What each staff member sees and sells at the phone desk.

Coordinators and phone desk volunteers order for every seller and see whole
orders; seller staff order their own seller's products only, and see only
their seller's lines, totals and addresses of a client's orders. Clients are
found by name or phone; only coordinators see (and search) their emails.
"""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Group
from oscar.core.loading import get_class, get_model

from phone_orders.services.desk import desk_order_place
from shop.access import PHONE_DESK_GROUP
from tests.factories import (
    PhoneOnlyClientFactory,
    StaffFactory,
    UserFactory,
    product_for,
    seller_staff,
)

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
ADDRESS = {"line1": "123 rue Notre-Dame Ouest", "line4": "Montréal", "postcode": "H4C 1T1"}


@pytest.fixture
def book(sellers):
    return product_for(sellers["bookshop"], title="Kamouraska", price="20.00")


@pytest.fixture
def drill(sellers):
    return product_for(sellers["tools"], title="Perceuse à percussion", price="10.00")


@pytest.fixture
def bookseller(sellers):
    return seller_staff(sellers["bookshop"], first_name="Simon")


@pytest.fixture
def toolkeeper(sellers):
    return seller_staff(sellers["tools"], first_name="Nadia")


@pytest.fixture
def volunteer(db):
    user = UserFactory(first_name="Lucie")
    user.groups.add(Group.objects.get(name=PHONE_DESK_GROUP))
    return user


@pytest.fixture
def lea(db):
    return UserFactory(first_name="Léa", last_name="Tremblay", email="lea.tremblay@example.org",
                       phone="+15145550151")


def order_for(client, staff, lines, line1=ADDRESS["line1"]):
    return desk_order_place(client=client, staff=staff, lines=lines, fulfilment="delivery",
                            payment_method="on_delivery", address={**ADDRESS, "line1": line1})


def page(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    return response, response.content.decode()


class TestFindingAClient:
    def test_seller_staff_neither_see_nor_search_emails(self, client, bookseller, lea):
        _response, html = page(client, bookseller, "/phone/desk/", q="example.org")
        assert "lea.tremblay@example.org" not in html and 'id="no-client"' in html

        _response, html = page(client, bookseller, "/phone/desk/", q="Tremblay")
        assert f"/phone/desk/clients/{lea.pk}/" in html and "+15145550151" in html
        assert "lea.tremblay@example.org" not in html

    def test_volunteers_find_by_name_or_phone_too(self, client, volunteer, lea):
        _response, html = page(client, volunteer, "/phone/desk/", q="514 555-0151")
        assert f"/phone/desk/clients/{lea.pk}/" in html and "lea.tremblay@example.org" not in html

    def test_coordinators_find_by_email_and_see_it(self, client, lea):
        _response, html = page(client, StaffFactory(), "/phone/desk/", q="example.org")
        assert f"/phone/desk/clients/{lea.pk}/" in html and "lea.tremblay@example.org" in html

    def test_staff_accounts_are_not_clients(self, client, bookseller, toolkeeper):
        _response, html = page(client, bookseller, "/phone/desk/", q="Nadia")
        assert f"/phone/desk/clients/{toolkeeper.pk}/" not in html
        assert client.get(f"/phone/desk/clients/{toolkeeper.pk}/").status_code == 404


class TestAClientsPage:
    @pytest.fixture
    def orders(self, lea, book, drill, bookseller, toolkeeper):
        shared = order_for(lea, StaffFactory(), [(book, 1), (drill, 2)], line1="5 rue Commune")
        tools_only = order_for(lea, toolkeeper, [(drill, 1)], line1="77 rue des Outils")
        return shared, tools_only

    def test_seller_staff_see_their_lines_and_their_total_only(self, client, lea, bookseller,
                                                               orders):
        shared, tools_only = orders
        _response, html = page(client, bookseller, f"/phone/desk/clients/{lea.pk}/")
        recent = html[html.index('id="recent-orders"'):]
        assert shared.number in recent and "Kamouraska" in recent
        assert tools_only.number not in recent and "Perceuse" not in recent
        own = shared.lines.get(product__title="Kamouraska")
        assert french(own.line_price_incl_tax) in recent  # the book with its GST and QST
        assert french(shared.total_incl_tax) not in recent

    def test_seller_staff_get_no_address_from_another_sellers_order(self, client, lea,
                                                                    toolkeeper, bookseller,
                                                                    drill):
        order_for(lea, toolkeeper, [(drill, 1)], line1="77 rue des Outils")
        _response, html = page(client, bookseller, f"/phone/desk/clients/{lea.pk}/")
        assert "77 rue des Outils" not in html
        _response, html = page(client, toolkeeper, f"/phone/desk/clients/{lea.pk}/")
        assert "77 rue des Outils" in html

    def test_volunteers_see_whole_orders(self, client, lea, volunteer, orders):
        shared, tools_only = orders
        _response, html = page(client, volunteer, f"/phone/desk/clients/{lea.pk}/")
        assert shared.number in html and tools_only.number in html and "Perceuse" in html


class TestSellingAtTheDesk:
    def test_seller_staff_find_only_their_sellers_products(self, client, lea, bookseller,
                                                           book, drill):
        _response, html = page(client, bookseller, f"/phone/desk/clients/{lea.pk}/",
                               product="u")
        products = html[html.index('id="products"'):]
        assert "Kamouraska" in products and "Perceuse" not in products

    def test_volunteers_find_every_sellers_products(self, client, lea, volunteer, book, drill):
        _response, html = page(client, volunteer, f"/phone/desk/clients/{lea.pk}/", product="u")
        products = html[html.index('id="products"'):]
        assert "Kamouraska" in products and "Perceuse" in products

    def test_a_forged_post_of_another_sellers_product_is_refused_in_french(self, client, lea,
                                                                          bookseller, drill):
        client.force_login(bookseller)
        response = client.post(f"/phone/desk/clients/{lea.pk}/lines/",
                               {"product": drill.pk, "quantity": 1, "action": "add"})
        assert response.status_code == 403
        assert "Ce produit est vendu par un autre vendeur" in response.content.decode()
        assert client.session.get("phone_desk", {}).get(str(lea.pk), {}).get("lines", {}) == {}

    def test_the_service_refuses_another_sellers_product_and_leaves_nothing(self, lea,
                                                                            bookseller,
                                                                            book, drill):
        baskets = Basket.objects.count()
        with pytest.raises(UnableToPlaceOrder, match="Perceuse à percussion"):
            desk_order_place(client=lea, staff=bookseller, lines=[(book, 1), (drill, 1)],
                             fulfilment="pickup", payment_method="on_delivery")
        assert not Order.objects.exists() and Basket.objects.count() == baskets

    def test_an_empty_order_leaves_no_basket_behind(self, client, lea, bookseller):
        client.force_login(bookseller)
        baskets = Basket.objects.count()
        client.post(f"/phone/desk/clients/{lea.pk}/confirm/",
                    {"fulfilment": "pickup", "payment_method": "on_delivery", "action": "confirm"})
        assert Basket.objects.count() == baskets and not Order.objects.exists()

    def test_volunteers_order_for_every_seller(self, client, volunteer, book, drill):
        gerard = PhoneOnlyClientFactory()
        client.force_login(volunteer)
        for product in (book, drill):
            client.post(f"/phone/desk/clients/{gerard.pk}/lines/",
                        {"product": product.pk, "quantity": 1, "action": "add"})
        response = client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
            "fulfilment": "pickup", "payment_method": "on_delivery", "action": "confirm"})
        order = Order.objects.get()
        assert response["Location"] == f"/phone/desk/orders/{order.number}/"
        assert order.placed_by == volunteer and order.lines.count() == 2


class TestReadingAnOrderBack:
    def test_seller_staff_read_back_only_the_orders_they_took(self, client, lea, bookseller,
                                                             toolkeeper, drill):
        order = order_for(lea, toolkeeper, [(drill, 1)])
        client.force_login(bookseller)
        assert client.get(f"/phone/desk/orders/{order.number}/").status_code == 404

    def test_of_an_order_shared_with_another_seller_they_read_their_lines(self, client, lea,
                                                                          bookseller, book,
                                                                          drill):
        from shop.order.models import Channel
        from shop.pipeline import LineRequest, place_order

        order = place_order(customer=lea, channel=Channel.PHONE, placed_by=bookseller,
                            lines=[LineRequest(book, 1), LineRequest(drill, 1)],
                            fulfilment="pickup", payment_method="on_delivery")
        _response, html = page(client, bookseller, f"/phone/desk/orders/{order.number}/")
        own = order.lines.get(product=book)
        assert "Kamouraska" in html and "Perceuse" not in html
        assert french(own.line_price_incl_tax) in html and french(own.qst) in html
        assert f"{french(order.total_incl_tax)}\xa0$" not in html


def french(amount: D) -> str:
    return str(amount).replace(".", ",")
