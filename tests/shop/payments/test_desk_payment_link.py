"""A phone order paid by a link the client receives by SMS."""

import pytest
from oscar.core.loading import get_model

from shop.notifications.models import OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import PaymentLink
from tests.factories import PhoneOnlyClientFactory, StaffFactory

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def test_staff_choose_a_payment_link_and_the_client_gets_it_by_sms(client, stripe_on, book_and_rental):
    client.force_login(StaffFactory())
    caller = PhoneOnlyClientFactory(phone="+15145550149")
    for product in book_and_rental:
        client.post(f"/phone/desk/clients/{caller.pk}/lines/",
                    {"product": product.pk, "quantity": 1, "action": "add"})
    response = client.post(f"/phone/desk/clients/{caller.pk}/confirm/", {
        "fulfilment": "pickup", "payment_method": PaymentMethod.PAYMENT_LINK, "action": "confirm"},
        follow=True)
    order = Order.objects.get()
    assert order.channel == Channel.PHONE and order.status == OrderStatus.PENDING_PAYMENT
    link = PaymentLink.objects.get(order=order)
    assert OutboundMessage.objects.filter(to="+15145550149", body__contains=link.url).exists()
    assert "+15145550149" in response.content.decode()


def test_without_cards_the_desk_offers_no_payment_link(client, book_and_rental):
    client.force_login(StaffFactory())
    caller = PhoneOnlyClientFactory()
    html = client.get(f"/phone/desk/clients/{caller.pk}/").content.decode()
    assert 'value="payment_link"' not in html
