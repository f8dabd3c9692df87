"""The same Stripe event delivered several times at the same moment: stored and applied once,
every delivery answered 200 (PostgreSQL, real threads)."""

import time

import pytest

from shop.order.statuses import OrderStatus
from shop.payments.models import StripeEvent
from shop.payments.services import EventName
from tests.concurrency import at_once, postgresql_only
from tests.integrations.stripe.fake import deliver, event

from .conftest import place_card_order, refreshed

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]

DELIVERIES = 8


@pytest.fixture
def slow_insert(monkeypatch):
    """Storing an event takes a moment: every delivery has looked for it before one is stored."""
    save = StripeEvent.save

    def slowly(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(StripeEvent, "save", slowly)


def test_concurrent_deliveries_store_and_apply_the_event_once(stripe_on, book_and_rental,
                                                              webhook_secret, tasks_inline,
                                                              slow_insert):
    order, intent = place_card_order(book_and_rental)
    payload = event("payment_intent.succeeded", stripe_on.succeed(intent.id))

    responses = at_once(DELIVERIES, lambda client: deliver(client, payload))

    assert [response.status_code for response in responses] == [200] * DELIVERIES
    assert StripeEvent.objects.get().status == StripeEvent.Status.PROCESSED
    order = refreshed(order)
    assert order.status == OrderStatus.TO_PREPARE
    assert order.payment_events.filter(event_type__name=EventName.PAID).count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax
