"""The dashboard home's operations panel: today's orders and what waits, per user."""

import pytest
from django.urls import reverse
from django.utils import timezone

from phone_orders.models import InboxItem, InboxKind
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from tests.factories import PhoneOnlyClientFactory, SellerFactory, UserFactory, product_for
from tests.shop.reports.conftest import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_orders(coop):
    """Placed just now: an SMS order at A, a phone order at B, a web order shared by A and B."""
    book = coop.a.stockrecords.get(product__title="Les Belles-sœurs").product
    drill = coop.b.stockrecords.get(product__title="Perceuse").product
    now = timezone.now()
    place_order(book, user=PhoneOnlyClientFactory(), channel="sms", when=now)
    place_order(drill, user=UserFactory(), channel="phone", when=now)
    place_order(book, drill, user=UserFactory(), channel="web", when=now)


def panel(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    return response


def channel_counts(response):
    return {row["value"]: row["today"]
            for row in response.context["operations"]["orders_by_channel"]}


def figures(response):
    return {figure.key: figure for figure in response.context["operations"]["figures"]}


class TestACoordinatorsHome:
    def test_counts_every_sellers_orders_of_today_by_channel(self, client, coordinator,
                                                             today_orders):
        response = panel(client, coordinator)

        # SMS at A, phone at B, the shared web order: one of each.
        assert channel_counts(response) == {"web": 1, "phone": 1, "sms": 1, "voice": 0,
                                            "service": 0}
        week = {row["value"]: row["week"] for row in response.context["operations"]["orders_by_status"]}
        assert sum(week.values()) == 3

    def test_each_channel_links_to_the_order_list_filtered_on_it(self, client, coordinator,
                                                                 today_orders):
        response = panel(client, coordinator)
        sms = next(row for row in response.context["operations"]["orders_by_channel"]
                   if row["value"] == "sms")

        orders = client.get(sms["url"]).context["orders"]

        assert [order.channel for order in orders] == ["sms"]

    def test_shows_the_call_backs_and_failed_sms_with_the_pages_to_act_on_them(
            self, client, coordinator, coop):
        InboxItem.objects.create(kind=InboxKind.VOICEMAIL, phone="+15145550009")
        OutboundMessage.objects.create(to="+15145550100", body="x", kind=MessageKind.OTHER,
                                       key="failed-now", status=MessageStatus.FAILED)

        response = panel(client, coordinator)
        shown = figures(response)

        # The coop fixture has 2 waiting and 1 failed; one more of each here.
        assert shown["call_backs"].value == 3
        assert shown["call_backs"].url == reverse("phone_orders:inbox")
        assert shown["failed_sms"].value == 2
        assert shown["failed_sms"].url == reverse("notifications:outbox") + "?status=failed"
        assert shown["low_stock"].value == 1
        html = response.content.decode()
        assert "Aujourd’hui en un coup d’œil" in html
        assert 'href="{}"'.format(reverse("phone_orders:inbox")) in html


class TestASellerStaffsHome:
    def test_counts_only_orders_holding_their_lines(self, client, staff_a, today_orders):
        response = panel(client, staff_a)

        # A: the SMS order and the shared web order; B's phone order is not theirs.
        assert channel_counts(response) == {"web": 1, "phone": 0, "sms": 1, "voice": 0,
                                            "service": 0}

    def test_sees_their_own_low_stock_and_loans_but_no_cooperative_wide_inbox(
            self, client, staff_a, coop):
        product_for(SellerFactory(name="Autre vendeur"), title="Épuisé", num_in_stock=0)

        shown = figures(panel(client, staff_a))

        # A's postcard only; the other seller's product out of stock is not theirs.
        assert shown["low_stock"].value == 1
        assert "call_backs" not in shown
        assert "failed_sms" not in shown
        assert "meals_to_cook" not in shown

    def test_meal_service_staff_see_their_follow_ups(self, client, staff_m, coop):
        shown = figures(panel(client, staff_m))

        assert shown["follow_ups"].value == 1
        assert shown["follow_ups"].url == reverse("services:home")
