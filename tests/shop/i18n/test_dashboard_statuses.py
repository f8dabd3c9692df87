"""Staff read order statuses in French in the dashboard's menus and history.

Statuses are stored in English ("To prepare"); the status menus name them in
the reader's language and still send the stored value.
"""

import re

import pytest
from django.contrib.auth.models import Permission

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus, status_label
from shop.pipeline import LineRequest, place_order
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for
from tests.shop.dashboard.conftest import COORDINATOR_PERMISSIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    user = StaffFactory(first_name="Cora", last_name="Coordonnatrice")
    for app_label, codename in COORDINATOR_PERMISSIONS:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename))
    client.force_login(user)
    return client


@pytest.fixture
def order():
    product = product_for(SellerFactory(name="Librairie du Quartier"), title="Les Belles-sœurs")
    return place_order(customer=UserFactory(), channel=Channel.PHONE, fulfilment="pickup",
                       payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(product)])


def options(html, select_name):
    select = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>\s*([^<]*?)\s*</option>', select)


def test_the_order_list_status_menu_names_statuses_in_french(coordinator_client, order):
    html = coordinator_client.get("/dashboard/orders/").content.decode()
    assert ("To prepare", "À préparer") in options(html, "new_status")


def test_the_line_status_menu_names_statuses_in_french_and_still_works(coordinator_client, order):
    url = f"/dashboard/orders/{order.number}/"
    line = order.lines.get()
    next_status = line.available_statuses()[0]
    html = coordinator_client.get(url).content.decode()
    assert (next_status, str(status_label(next_status))) in options(html, "new_status")
    assert all(value != label for value, label in options(html, "new_status"))
    coordinator_client.post(url, {"line_action": "change_line_statuses", "selected_line": [line.pk],
                                  f"selected_line_qty_{line.pk}": 1, "new_status": next_status})
    line.refresh_from_db()
    assert line.status == next_status


def test_the_status_history_is_in_french(coordinator_client, order):
    url = f"/dashboard/orders/{order.number}/"
    coordinator_client.post(url, {"order_action": "change_order_status",
                                  "new_status": OrderStatus.READY})
    order.refresh_from_db()
    assert order.status == OrderStatus.READY
    html = coordinator_client.get(url).content.decode()
    assert re.search(r"<td>À préparer</td>\s*<td>Prête</td>", html)
