"""What the dashboard shows about an order: channel, who placed it, Québec
taxes on lines of their own, and clients known only by a phone number."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from shop.order.models import Channel
from tests.factories import PhoneOnlyClientFactory, StaffFactory

from .conftest import place_order, set_taxes

pytestmark = pytest.mark.django_db


def in_french(amount):
    with translation.override("fr-ca"):
        return currency(Decimal(amount), "CAD")


def detail(client, order):
    return client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))


@pytest.fixture
def desk_agent(db):
    return StaffFactory(first_name="Denis", last_name="Standard")


@pytest.fixture
def phone_client(db):
    return PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550123")


@pytest.fixture
def phone_order(book, phone_client, desk_agent):
    return place_order(book, user=phone_client, channel="phone", placed_by=desk_agent)


class TestTheOrderList:
    def test_shows_the_channel_and_who_placed_the_order(self, coordinator_client, phone_order):
        content = coordinator_client.get(reverse("dashboard:order-list")).content.decode()

        with translation.override("fr-ca"):
            phone_label = str(Channel.PHONE.label)
        assert f"<td>{phone_label}</td>" in content
        assert "Denis Standard" in content

    def test_can_be_filtered_by_channel(self, coordinator_client, phone_order, order_b):
        response = coordinator_client.get(reverse("dashboard:order-list"), {"channel": "phone"})

        assert list(response.context["orders"]) == [phone_order]
        assert response.context["search_filters"]

    def test_shows_a_phone_only_client_by_name_and_phone_never_none(
        self, coordinator_client, phone_order
    ):
        content = coordinator_client.get(reverse("dashboard:order-list")).content.decode()

        assert "Gérard Bouchard" in content
        assert "+1 514-555-0123" in content
        assert "None" not in content

    def test_shows_a_phone_only_client_to_seller_staff_too(self, client_a, phone_order):
        content = client_a.get(reverse("dashboard:order-list")).content.decode()

        assert "Gérard Bouchard" in content
        assert "None" not in content

    @pytest.mark.parametrize("typed", ["514 555-0123", "(514) 555-0123", "+1 514 555 0123"])
    def test_finds_an_order_by_the_clients_phone_typed_in_any_usual_form(
        self, coordinator_client, phone_order, order_b, typed
    ):
        response = coordinator_client.get(reverse("dashboard:order-list"), {"phone": typed})

        assert list(response.context["orders"]) == [phone_order]

    def test_says_so_when_the_phone_searched_is_no_number(self, coordinator_client, phone_order):
        response = coordinator_client.get(reverse("dashboard:order-list"), {"phone": "abc"})

        assert response.status_code == 200
        assert "phone" in response.context["form"].errors

    def test_csv_gives_the_phone_of_a_phone_only_client(self, coordinator_client, phone_order):
        response = coordinator_client.get(
            reverse("dashboard:order-list"), {"response_format": "csv"}
        )

        body = response.content.decode("utf-8-sig")
        assert "+15145550123" in body
        assert "None" not in body


class TestTheOrderDetail:
    def test_shows_the_channel_who_placed_it_and_the_clients_phone(
        self, coordinator_client, phone_order
    ):
        content = detail(coordinator_client, phone_order).content.decode()

        assert "Denis Standard" in content
        assert "+1 514-555-0123" in content
        assert "None" not in content

    def test_shows_gst_and_qst_of_the_order_on_lines_of_their_own(
        self, coordinator_client, book, drill
    ):
        order = set_taxes(place_order(book, drill), gst="1.11", qst="2.22")

        content = detail(coordinator_client, order).content.decode()

        assert 'class="order-tax-gst"' in content
        assert 'class="order-tax-qst"' in content
        assert in_french("2.22") in content  # GST of the order
        assert in_french("4.44") in content  # QST of the order

    def test_shows_gst_and_qst_of_each_line(self, coordinator_client, book):
        order = set_taxes(place_order(book), gst="1.37", qst="2.71")

        response = detail(coordinator_client, order)

        (line,) = response.context["lines"]
        assert (line.gst, line.qst) == (Decimal("1.37"), Decimal("2.71"))
        assert in_french("1.37") in response.content.decode()
        assert in_french("2.71") in response.content.decode()

    def test_shows_seller_staff_the_taxes_of_their_own_lines_only(self, client_a, book, drill):
        order = set_taxes(place_order(book, drill), gst="1.11", qst="2.22")

        response = detail(client_a, order)

        totals = response.context["seller_totals"]
        assert (totals["gst"], totals["qst"]) == (Decimal("1.11"), Decimal("2.22"))
        assert in_french("4.44") not in response.content.decode()


class TestStatusesInFrench:
    def test_the_status_to_move_to_and_to_search_for_are_named_in_french(
            self, client, phone_order, coordinator):
        client.force_login(coordinator)
        html = detail(client, phone_order).content.decode()
        assert '<option value="To prepare">À préparer</option>' in html
        html = client.get(reverse("dashboard:order-list")).content.decode()
        assert '<option value="Ready for pick-up">Prête à ramasser</option>' in html
        response = client.get(reverse("dashboard:order-list"), {"status": "Pending payment"})
        assert phone_order in response.context["orders"]
