"""A Stripe payment received while Redis was down shows on its order within a minute.

The webhook stores the event; queueing its processing fails (no broker). The
sweep, every 30 seconds, applies each event still unprocessed 30 seconds after
it arrived, under its row's lock, skipping one the live task is applying.
"""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction

from shop import clock as shop_clock
from shop.order.statuses import OrderStatus
from shop.payments.catch_up import stripe_events_sweep
from shop.payments.models import StripeEvent
from shop.payments.services import EventName
from tests.concurrency import postgresql_only
from tests.integrations.stripe.fake import deliver, event

from .conftest import place_card_order, refreshed


@pytest.fixture
def broker_down(monkeypatch):
    """Queueing a task fails as it does with Redis down."""
    from shop.payments.tasks import process_stripe_event

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("Redis is down")

    monkeypatch.setattr(process_stripe_event, "delay", refuse)


def paid_while_redis_is_down(stripe_on, book_and_rental, client, capture):
    """A card order, and Stripe's "paid" webhook received while the broker is down."""
    order, intent = place_card_order(book_and_rental)
    with capture(execute=True):
        response = deliver(client, event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    assert response.status_code == 200
    assert StripeEvent.objects.get().processed_at is None
    return order


@pytest.mark.django_db
@pytest.mark.usefixtures("broker_down", "webhook_secret")
class TestAPaymentReceivedWhileRedisIsDown:
    def test_is_applied_by_the_sweep_a_minute_later(self, clock, stripe_on, book_and_rental,
                                                     client, django_capture_on_commit_callbacks):
        order = paid_while_redis_is_down(stripe_on, book_and_rental, client,
                                         django_capture_on_commit_callbacks)
        received = shop_clock.now()

        assert stripe_events_sweep() == 0  # just arrived: the live task's to take
        clock.move_to(received + timedelta(minutes=1))
        assert stripe_events_sweep() == 1

        order = refreshed(order)
        assert order.status == OrderStatus.TO_PREPARE
        assert StripeEvent.objects.get().status == StripeEvent.Status.PROCESSED

    def test_is_applied_once_whatever_the_number_of_sweeps_and_deliveries(
            self, clock, stripe_on, book_and_rental, client, django_capture_on_commit_callbacks):
        order = paid_while_redis_is_down(stripe_on, book_and_rental, client,
                                         django_capture_on_commit_callbacks)
        clock.move_to(shop_clock.now() + timedelta(seconds=31))

        assert [stripe_events_sweep() for _n in range(3)] == [1, 0, 0]
        assert order.payment_events.filter(event_type__name=EventName.PAID).count() == 1


def test_the_sweep_runs_every_thirty_seconds():
    (entry,) = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
                if entry["task"] == "shop.payments.tasks.stripe_events_sweep"]
    assert entry["schedule"] <= 30


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("broker_down", "webhook_secret")
def test_the_sweep_leaves_an_event_the_live_task_is_applying(
        clock, stripe_on, book_and_rental, client, django_capture_on_commit_callbacks):
    order = paid_while_redis_is_down(stripe_on, book_and_rental, client,
                                     django_capture_on_commit_callbacks)
    clock.move_to(shop_clock.now() + timedelta(minutes=1))
    locked, release = threading.Event(), threading.Event()

    def live_task_holding_the_row():
        try:
            with transaction.atomic():
                StripeEvent.objects.select_for_update().get()
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=live_task_holding_the_row)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        assert stripe_events_sweep() == 0
        assert refreshed(order).status == OrderStatus.PENDING_PAYMENT
    finally:
        release.set()
        holder.join(timeout=30)
    assert stripe_events_sweep() == 1
    assert refreshed(order).status == OrderStatus.TO_PREPARE
