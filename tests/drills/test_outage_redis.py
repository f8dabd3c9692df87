"""Drill: Redis goes down while clients order, and comes back.

Orders keep being placed — on the web, at the phone desk, through the
pipeline — their confirmation SMS wait in the outbox, pages still render
without the cache, and once Redis is back the sweep and a real worker send
every message exactly once.
"""

import html
import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from shop import pipeline
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.tasks import outbox_sweep, relay_message
from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import StripeEvent
from shop.payments.services import EventName, order_pay_path
from shop.payments.tasks import stripe_events_catch_up
from tests.drills import checkout
from tests.drills.checkout import text_of
from tests.drills.conftest import elapsed, eventually
from tests.factories import PhoneOnlyClientFactory, StaffFactory, UserFactory
from tests.integrations.stripe.fake import deliver, event

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")

pytestmark = [
    pytest.mark.drill,
    pytest.mark.real_clock,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_quiet_hours"),
]


def badge(page, status):
    """The count of messages of ``status`` the outbox page shows."""
    return html.unescape(re.search(rf'id="count-{status}">([^<]*)<', page).group(1)).strip()


@pytest.fixture
def products(sellers):
    return checkout.book_and_drill(sellers)


def web_order(client, products):
    """A signed-in client buys ``products`` on the web, to pay at pick-up."""
    checkout.fill_basket(client, products)
    checkout.to_the_payment_step(client)
    return checkout.place_by(client, PaymentMethod.ON_DELIVERY)


def desk_order(staff_client, customer, products):
    """A staff member takes ``customer``'s order on the phone desk."""
    for product in products:
        staff_client.post(f"/phone/desk/clients/{customer.pk}/lines/",
                          {"product": product.pk, "quantity": 1, "action": "add"})
    return staff_client.post(f"/phone/desk/clients/{customer.pk}/confirm/", {
        "fulfilment": "pickup", "payment_method": PaymentMethod.INVOICE, "action": "confirm"})


def test_orders_placed_while_redis_is_down_send_each_confirmation_once_when_it_is_back(
        drill_redis, drill_worker, fake_twilio, products):
    book, drill = products
    lea = UserFactory(email="lea@example.org", phone="+15145550101")
    gerard = PhoneOnlyClientFactory(phone="+15145550142")
    rita = PhoneOnlyClientFactory(phone="+15145550177")
    web, desk = Client(), Client()
    web.force_login(lea)
    staff = StaffFactory()
    desk.force_login(staff)

    cache.set("drill", "up")
    assert cache.get("drill") == "up"  # the shared cache lives in the drill's Redis too

    drill_redis.stop()
    started = time.monotonic()

    assert cache.get("drill") is None
    assert "Kamouraska" in text_of(web.get("/catalogue/"))  # without its cache, still served
    response = web_order(web, [book, drill])
    assert response.status_code == 302 and response["Location"] == "/checkout/thank-you/"
    assert "Kamouraska" in text_of(web.get(response["Location"]))

    response = desk_order(desk, gerard, [book])
    placed_by_phone = Order.objects.get(user=gerard)
    assert response.status_code == 302
    assert response["Location"] == f"/phone/desk/orders/{placed_by_phone.number}/"
    assert placed_by_phone.number in text_of(desk.get(response["Location"]))

    pipeline.place_order(customer=rita, channel=Channel.SERVICE, fulfilment="pickup",
                         payment_method=PaymentMethod.INVOICE,
                         lines=[pipeline.LineRequest(drill)])
    assert elapsed(started) < 20, "a Redis outage must not hold up the people ordering"

    orders = {order.user.phone: order for order in Order.objects.select_related("user")}
    assert {phone: order.channel for phone, order in orders.items()} == {
        lea.phone: Channel.WEB, gerard.phone: Channel.PHONE, rita.phone: Channel.SERVICE}
    waiting = OutboundMessage.objects.filter(kind=MessageKind.ORDER_PLACED)
    assert sorted(waiting.values_list("to", "status", "attempts")) == [
        (str(phone), MessageStatus.QUEUED, 0) for phone in sorted(orders)]
    assert fake_twilio.requests == []
    outbox_page = text_of(desk.get("/notifications/outbox/?status=queued"))
    assert all(order.number in outbox_page for order in orders.values())
    assert badge(outbox_page, "queued") == "En file d'attente : 3"

    drill_redis.start()  # empty: whatever was queued before is gone
    with drill_worker():
        outbox_sweep.delay()
        for message in waiting:  # a late relay of the same messages must not send them again
            relay_message.delay(message.pk)
        outbox_sweep.delay()
        assert eventually(lambda: not waiting.exclude(status=MessageStatus.SENT).exists())
        assert eventually(lambda: drill_redis.tasks_outstanding(settings.CELERY_TASK_DEFAULT_QUEUE) == 0)
    assert sorted(fake_twilio.sent_to) == sorted(str(phone) for phone in orders)
    assert set(waiting.values_list("attempts", flat=True)) == {1}
    for phone, order in orders.items():
        body = next(m["body"] for m in fake_twilio.messages if m["to"] == str(phone))
        assert order.number in body


def test_a_card_order_placed_during_the_outage_keeps_its_payment_open_and_is_paid_once_after(
        drill_redis, drill_worker, stripe_on, webhook_secret, products, client):
    """The client can pay; Stripe's webhook, come while Redis is down, is applied once after."""
    checkout.fill_basket(client, products)
    checkout.to_the_payment_step(client, guest_email="lea@example.org")

    drill_redis.stop()
    response = checkout.place_by(client, PaymentMethod.CARD)
    order = Order.objects.get()
    assert response["Location"] == order_pay_path(order)
    assert order.status == OrderStatus.PENDING_PAYMENT
    intent_id = order.sources.get().reference
    assert stripe_on.objects[intent_id]["status"] == "requires_payment_method"
    assert stripe_on.requests_to("post", r"/v1/payment_intents/pi_\w+/cancel") == []
    assert 'data-state="unpaid"' in text_of(client.get(response["Location"]))

    paid = event("payment_intent.succeeded", stripe_on.succeed(intent_id))
    assert deliver(Client(), paid).status_code == 200  # stored, not yet applied
    assert StripeEvent.objects.get().processed_at is None

    drill_redis.start()
    StripeEvent.objects.update(received_at=timezone.now() - timedelta(minutes=10))
    with drill_worker():
        stripe_events_catch_up.delay()  # the job's next run
        deliver(Client(), paid)  # and Stripe delivering it again
        assert eventually(lambda: StripeEvent.objects.filter(processed_at__isnull=False).exists())
        assert eventually(lambda: drill_redis.tasks_outstanding(settings.CELERY_TASK_DEFAULT_QUEUE) == 0)
    order.refresh_from_db()
    assert order.status == OrderStatus.TO_PREPARE
    assert order.payment_events.filter(event_type__name=EventName.PAID).count() == 1
    assert Transaction.objects.filter(source__order=order, txn_type="Debit").count() == 1
    assert 'data-state="paid"' in text_of(client.get(response["Location"]))


def test_a_payment_received_while_redis_is_down_is_applied_within_a_minute_of_its_return(
        drill_redis, drill_worker, stripe_on, webhook_secret, products):
    """Nobody delivers the event again: the sweep, every 30 seconds as beat runs it, applies
    the payment stored during the outage within a minute of Redis coming back."""
    from shop.payments.tasks import stripe_events_sweep
    from tests.shop.payments.conftest import place_card_order

    order, intent = place_card_order(products)
    drill_redis.stop()
    paid = event("payment_intent.succeeded", stripe_on.succeed(intent.id))
    assert deliver(Client(), paid).status_code == 200  # stored; queueing it failed
    assert StripeEvent.objects.get().processed_at is None

    drill_redis.start()
    back = time.monotonic()
    applied = lambda: StripeEvent.objects.filter(processed_at__isnull=False).exists()  # noqa: E731
    with drill_worker():
        while not applied() and elapsed(back) < 90:
            stripe_events_sweep.delay()  # beat's tick
            eventually(applied, timeout=30)
    assert applied() and elapsed(back) < 60
    order.refresh_from_db()
    assert order.status == OrderStatus.TO_PREPARE
    assert order.payment_events.filter(event_type__name=EventName.PAID).count() == 1
