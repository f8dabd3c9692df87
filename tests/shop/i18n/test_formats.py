"""Dates and times as Québec writes them ("3 décembre 2026, 23 h 30"), and in English.

Django's own fr_CA time format leaves the "h" of "23 h 30" unescaped: a bare
"h" is the 12-hour hour, and times printed as "23 11 30" (shop/formats).
"""

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.clock import at, day
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for
from tests.shop.dashboard.conftest import COORDINATOR_PERMISSIONS
from tests.shop.i18n.visible import visible_text

EVENING = at(day(-1), 23, 30)  # 19 August 2026, 23:30 in Montréal
# Three two-digit numbers in a row: a time written with the 12-hour "h".
TWELVE_HOUR_SLIP = re.compile(r"\b\d{1,2} \d{2} \d{2}\b")


def written(moment, name, language):
    with translation.override(language):
        return date_format(timezone.localtime(moment), name).replace("\xa0", " ")


@pytest.mark.parametrize(("name", "expected"), [
    ("TIME_FORMAT", "23 h 30"),
    ("DATE_FORMAT", "19 août 2026"),
    ("SHORT_DATE_FORMAT", "2026-08-19"),
    ("DATETIME_FORMAT", "19 août 2026, 23 h 30"),
    ("SHORT_DATETIME_FORMAT", "2026-08-19 23 h 30"),
])
def test_french_dates_and_times_as_written_in_quebec(name, expected):
    assert written(EVENING, name, "fr-ca") == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("TIME_FORMAT", "11:30 p.m."),
    ("DATE_FORMAT", "August 19, 2026"),
    ("SHORT_DATE_FORMAT", "2026-08-19"),
    ("DATETIME_FORMAT", "August 19, 2026, 11:30 p.m."),
])
def test_english_dates_and_times(name, expected):
    assert written(EVENING, name, "en") == expected


def test_a_french_time_never_breaks_across_lines():
    with translation.override("fr-ca"):
        assert date_format(timezone.localtime(EVENING), "TIME_FORMAT") == "23\xa0h\xa030"


@pytest.fixture
def evening_order(db):
    client = UserFactory(first_name="Léa", last_name="Tremblay")
    product = product_for(SellerFactory(name="Librairie du Quartier"), title="Les Belles-sœurs")
    order = place_order(customer=client, channel=Channel.WEB, fulfilment="pickup",
                        payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(product)])
    type(order)._default_manager.filter(pk=order.pk).update(date_placed=EVENING)
    type(client)._default_manager.filter(pk=client.pk).update(date_joined=EVENING)
    return order


def test_order_history_and_order_page_show_the_time_in_french(client, evening_order):
    client.force_login(evening_order.user)
    for url in ("/accounts/orders/", "/accounts/profile/"):
        text = visible_text(client.get(url).content.decode())
        assert "19 août 2026, 23 h 30" in text, url
        assert not TWELVE_HOUR_SLIP.search(text), url


@pytest.fixture
def coordinator(db):
    from django.contrib.auth.models import Permission

    user = StaffFactory(first_name="Cora", last_name="Coordonnatrice")
    for app_label, codename in COORDINATOR_PERMISSIONS:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def test_dashboard_order_list_and_detail_show_the_time_in_french(client, coordinator, evening_order):
    client.force_login(coordinator)
    listing = visible_text(client.get("/dashboard/orders/").content.decode())
    assert "19 août 2026, 23 h 30" in listing
    detail = visible_text(client.get(f"/dashboard/orders/{evening_order.number}/").content.decode())
    assert "23 h 30" in detail
    for text in (listing, detail):
        assert not TWELVE_HOUR_SLIP.search(text)


def test_dashboard_chart_hours_read_as_hours(client, coordinator):
    """The last-24-hours chart labels its bars "10 h 00", never "10 10 00"."""
    client.force_login(coordinator)
    text = visible_text(client.get("/dashboard/").content.decode())
    assert re.search(r"\b\d{2} h 00\b", text)
    assert not TWELVE_HOUR_SLIP.search(text)
