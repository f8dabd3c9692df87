"""Payouts listen to payments: a paid order is transferred, a refund reversed.

``order_paid`` and ``order_refunded`` (``shop.payments.signals``) are sent
inside the transaction that records the money; the ledger writes its rows in
that same transaction. The receivers here only queue a task after the commit
(Stripe is never called inside a transaction); the task reads the ledger as
committed. A task that cannot be queued (broker down) is caught up by the
sweep (``tasks.payouts_retry``).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def on_order_paid(sender, order, amount, reference, **kwargs):
    from . import selectors, services

    if services.connect_enabled() and selectors.is_paid_through_stripe(order):
        order_id = order.pk
        transaction.on_commit(lambda: _queue("order_transfers", order_id))


def on_order_refunded(sender, order, amount, reference, **kwargs):
    from .models import Transfer
    from .services import connect_enabled

    if connect_enabled() and Transfer._default_manager.filter(order=order).exists():
        order_id = order.pk
        transaction.on_commit(lambda: _queue("order_transfer_reversals", order_id, reference))


def _queue(task_name, *args):
    from . import tasks

    try:
        getattr(tasks, task_name).delay(*args)
    except Exception:  # the broker is down: the sweep (tasks.payouts_retry) catches up
        logger.exception("Could not queue %s%s", task_name, args)


def connect():
    from shop.payments.signals import order_paid, order_refunded

    order_paid.connect(on_order_paid, dispatch_uid="payouts-order-paid")
    order_refunded.connect(on_order_refunded, dispatch_uid="payouts-order-refunded")
