"""The periodic jobs that make sure no Stripe event is left unprocessed.

``stripe_events_sweep`` (every 30 seconds) applies the stored events nobody
applied ``STALE_AFTER`` after they arrived: their processing could not be
queued (the broker, Redis, was down) or was lost. It applies them itself,
each under the lock of its row, skipping a row the live task holds (``SKIP
LOCKED``): a payment received during a Redis outage shows on its order within
a minute of Redis coming back, never twice. ``stripe_events_catch_up`` (every
15 minutes) also fetches, with cards on, the events Stripe could not deliver in
the last days and stores them like webhooks.
"""

import logging
from datetime import timedelta

from integrations.stripe import client as stripe_client
from integrations.stripe.exceptions import StripeError
from shop import clock

from .models import StripeEvent
from .webhooks import HANDLERS, stripe_event_process, stripe_event_receive

logger = logging.getLogger(__name__)

# Long enough for the live task of an event just received to take it first.
STALE_AFTER = timedelta(seconds=30)
SWEEP_LIMIT = 500
LOOK_BACK = timedelta(days=3)


def stripe_events_catch_up() -> dict:
    requeued = stripe_events_sweep()
    fetched = stripe_events_fetch() if stripe_client.is_enabled() else 0
    return {"requeued": requeued, "fetched": fetched}


def stripe_events_sweep(*, now=None) -> int:
    """Apply the events still unprocessed ``STALE_AFTER`` after they arrived; how many."""
    stale = list(StripeEvent._default_manager.filter(
        processed_at__isnull=True, received_at__lte=(now or clock.now()) - STALE_AFTER
    ).order_by("received_at").values_list("pk", flat=True)[:SWEEP_LIMIT])
    applied = 0
    for event_pk in stale:
        try:
            applied += stripe_event_process(event_pk=event_pk, skip_locked=True) is not None
        except Exception:  # one event that cannot be applied must not hold back the others
            logger.exception("Stripe event %s could not be applied; next sweep tries again",
                             event_pk)
    return applied


def stripe_events_fetch() -> int:
    since = int((clock.now() - LOOK_BACK).timestamp())
    try:
        events = stripe_client.gateway().events_list(created_after=since, types=sorted(HANDLERS))
    except StripeError:
        logger.warning("Stripe events could not be fetched; next run will try again")
        return 0
    return sum(stripe_event_receive(event=event) for event in events)
