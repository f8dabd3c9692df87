"""Orders counted by channel, and logged by number, once their transaction commits."""

import logging

from django.db import transaction

from .metrics import ORDERS_PLACED

logger = logging.getLogger(__name__)


def order_placed_count(sender, order, **kwargs):
    channel = getattr(order, "channel", "") or "web"
    number = order.number
    transaction.on_commit(lambda: _counted(number=number, channel=channel))


def _counted(*, number: str, channel: str) -> None:
    ORDERS_PLACED.labels(channel=channel).inc()
    logger.info("Order %s placed (channel %s)", number, channel)


def connect():
    from oscar.apps.order.signals import order_placed

    order_placed.connect(order_placed_count, dispatch_uid="observability-order-placed")
