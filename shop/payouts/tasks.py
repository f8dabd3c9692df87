"""Background work about payouts; each task loads by id and calls one service."""

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def order_transfers(order_id):
    """Transfer each seller its share of a paid order (and reverse what was refunded since)."""
    from .services import order_transfers_make

    return len(order_transfers_make(order_id=order_id))


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def order_transfer_reversals(order_id, reference=""):
    """Take back from each seller its part of a refund of the order."""
    from .services import order_reversals_make

    return len(order_reversals_make(order_id=order_id, reference=reference))


@shared_task(acks_late=True)
def payouts_retry():
    """Ask Stripe again for transfers and reversals it refused or never answered."""
    from .services import payouts_retry as retry

    return retry()
