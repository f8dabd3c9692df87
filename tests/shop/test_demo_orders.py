"""The demo's orders: every channel, placed once, so the dashboard has figures."""

from io import StringIO

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from shop.order.models import Channel
from shop.order.statuses import OrderStatus

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_three_weeks_of_orders_from_every_channel_placed_once():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo_orders", stdout=out)
    assert "10" in out.getvalue()
    orders = Order.objects.all()
    assert orders.count() == 10
    assert set(orders.values_list("channel", flat=True)) == {
        Channel.WEB, Channel.PHONE, Channel.SMS, Channel.VOICE}
    assert orders.filter(status=OrderStatus.COMPLETED).count() == 6
    assert orders.filter(status=OrderStatus.CANCELLED).count() == 1
    gerard = orders.filter(user__email__isnull=True)
    assert gerard.count() == 3 and all(o.user.phone == "+15145550142" for o in gerard)
    assert (max(orders.values_list("date_placed", flat=True))
            - min(orders.values_list("date_placed", flat=True))).days == 20

    again = StringIO()
    call_command("load_demo_orders", stdout=again)
    assert Order.objects.count() == 10
    assert "rien" in again.getvalue().lower() or "nothing" in again.getvalue().lower()
