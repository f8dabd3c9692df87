"""The order status pipeline and what each step does to stock."""

import pytest
from oscar.core.loading import get_class

from shop.order.models import Channel, PaymentMethod
from shop.order.services import order_status_change
from shop.order.statuses import OrderStatus
from shop.pipeline import LineRequest, place_order
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for

InvalidOrderStatus = get_class("order.exceptions", "InvalidOrderStatus")
pytestmark = pytest.mark.django_db


@pytest.fixture
def order_and_stock():
    product = product_for(SellerFactory(name="Librairie"), num_in_stock=10)
    order = place_order(customer=UserFactory(), channel=Channel.PHONE, fulfilment="pickup",
                        payment_method=PaymentMethod.ON_DELIVERY, placed_by=StaffFactory(),
                        lines=[LineRequest(product, 2)])
    return order, product.stockrecords.get()


def test_cancelling_gives_the_stock_back(order_and_stock):
    order, stock = order_and_stock
    assert stock.num_allocated == 2
    order_status_change(order=order, new_status=OrderStatus.CANCELLED, user=StaffFactory())
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (10, 0)
    assert set(order.lines.values_list("status", flat=True)) == {OrderStatus.CANCELLED}


def test_completing_takes_the_stock_out(order_and_stock):
    order, stock = order_and_stock
    for status in (OrderStatus.READY, OrderStatus.READY_FOR_PICKUP, OrderStatus.COMPLETED):
        order_status_change(order=order, new_status=status)
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (8, 0)
    assert order.status_changes.count() == 3


def test_a_step_outside_the_pipeline_is_refused_and_changes_nothing(order_and_stock):
    order, stock = order_and_stock
    with pytest.raises(InvalidOrderStatus):
        order_status_change(order=order, new_status=OrderStatus.COMPLETED)
    order.refresh_from_db()
    stock.refresh_from_db()
    assert order.status == OrderStatus.TO_PREPARE and stock.num_allocated == 2


def test_a_note_is_kept_with_the_staff_member(order_and_stock):
    order, _ = order_and_stock
    staff = StaffFactory()
    order_status_change(order=order, new_status=OrderStatus.CANCELLED, user=staff,
                        note="Client a rappelé pour annuler")
    note = order.notes.get()
    assert note.user == staff and "annuler" in note.message


def test_ready_for_pick_up_writes_one_sms_for_a_phone_client():
    from shop.notifications.models import OutboundMessage
    from tests.factories import PhoneOnlyClientFactory

    product = product_for(SellerFactory(name="Librairie"))
    client = PhoneOnlyClientFactory(phone="+15145550177")
    order = place_order(customer=client, channel=Channel.PHONE, fulfilment="pickup",
                        payment_method=PaymentMethod.ON_DELIVERY, placed_by=StaffFactory(),
                        lines=[LineRequest(product)])
    before = OutboundMessage.objects.filter(to="+15145550177").count()
    for status in (OrderStatus.READY, OrderStatus.READY_FOR_PICKUP):
        order_status_change(order=order, new_status=status)
    ready = OutboundMessage.objects.filter(to="+15145550177", kind="order_ready")
    assert ready.count() == 1
    assert order.number in ready.get().body
    assert OutboundMessage.objects.filter(to="+15145550177").count() == before + 1
