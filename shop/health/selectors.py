"""Reads for the health checks."""

from datetime import datetime

from django.db.models import Min, Q
from django.db.models.functions import Coalesce

from shop.notifications.models import MessageStatus, OutboundMessage


def outbox_oldest_due_since(*, now: datetime) -> datetime | None:
    """Since when the longest-waiting queued text or email has been due (None: none due).

    A message is due from its "not before" time, or from its creation when it has none.
    """
    due = OutboundMessage._default_manager.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), status=MessageStatus.QUEUED)
    return due.aggregate(since=Min(Coalesce("next_attempt_at", "created_at")))["since"]
