"""The periodic job: a missed webhook or an event never queued is caught up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.order.statuses import OrderStatus
from shop.payments.catch_up import stripe_events_catch_up
from shop.payments.models import StripeEvent
from tests.integrations.stripe.fake import deliver, event

from .conftest import place_card_order, refreshed

pytestmark = pytest.mark.django_db


def test_an_event_stored_but_never_processed_is_processed(stripe_on, book_and_rental, client, webhook_secret, tasks_inline, django_capture_on_commit_callbacks):
    order, intent = place_card_order(book_and_rental)
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        deliver(client, event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    StripeEvent.objects.update(received_at=timezone.now() - timedelta(minutes=10))
    assert stripe_events_catch_up() == {"requeued": 1, "fetched": 0}
    assert refreshed(order).status == OrderStatus.TO_PREPARE
    assert stripe_events_catch_up() == {"requeued": 0, "fetched": 0}


def test_a_webhook_stripe_could_not_deliver_is_fetched_and_processed(stripe_on, book_and_rental, tasks_inline, django_capture_on_commit_callbacks):
    order, intent = place_card_order(book_and_rental)
    stripe_on.undelivered_events.append(event("payment_intent.succeeded", stripe_on.succeed(intent.id)))
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_events_catch_up() == {"requeued": 0, "fetched": 1}
    assert refreshed(order).status == OrderStatus.TO_PREPARE
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_events_catch_up() == {"requeued": 0, "fetched": 0}
    (request,) = stripe_on.requests_to("get", "/v1/events")[:1]
    assert "payment_intent.succeeded" in request.params["types"]


def test_stripe_unreachable_the_job_tries_next_time(stripe_on):
    stripe_on.fail_next("connection")
    assert stripe_events_catch_up() == {"requeued": 0, "fetched": 0}
