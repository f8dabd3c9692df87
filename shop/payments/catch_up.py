"""The periodic job that makes sure no Stripe event is left unprocessed.

Stored events not processed a few minutes after they arrived (the broker was
down when they came) are queued again; with cards on, events Stripe could not
deliver in the last days are fetched and stored like webhooks.
"""

import logging
from datetime import timedelta

from integrations.stripe import client as stripe_client
from integrations.stripe.exceptions import StripeError
from shop import clock

from .models import StripeEvent
from .webhooks import HANDLERS, stripe_event_queue, stripe_event_receive

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=5)
LOOK_BACK = timedelta(days=3)


def stripe_events_catch_up() -> dict:
    requeued = stripe_events_requeue()
    fetched = stripe_events_fetch() if stripe_client.is_enabled() else 0
    return {"requeued": requeued, "fetched": fetched}


def stripe_events_requeue() -> int:
    stale = list(StripeEvent._default_manager.filter(
        processed_at__isnull=True, received_at__lt=clock.now() - STALE_AFTER
    ).values_list("pk", flat=True))
    for event_pk in stale:
        stripe_event_queue(event_pk=event_pk)
    return len(stale)


def stripe_events_fetch() -> int:
    since = int((clock.now() - LOOK_BACK).timestamp())
    try:
        events = stripe_client.gateway().events_list(created_after=since, types=sorted(HANDLERS))
    except StripeError:
        logger.warning("Stripe events could not be fetched; next run will try again")
        return 0
    return sum(stripe_event_receive(event=event) for event in events)
