"""Background work about payments; each task loads by id and calls one service."""

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def process_stripe_event(event_pk):
    from .webhooks import stripe_event_process

    return stripe_event_process(event_pk=event_pk)


@shared_task(acks_late=True)
def stripe_events_sweep():
    """Apply events whose processing could not be queued (Redis down) or was lost."""
    from .catch_up import stripe_events_sweep as sweep

    return sweep()


@shared_task(acks_late=True)
def stripe_events_catch_up():
    """Process events whose webhook was missed or whose processing was never queued."""
    from .catch_up import stripe_events_catch_up as catch_up

    return catch_up()
