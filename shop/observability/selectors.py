"""Reads behind the metrics: the outbox's depth and failures."""

from django.db.models import Count, Q
from django.utils import timezone

from shop.notifications.models import MessageChannel, MessageStatus, OutboundMessage


def outbox_due_by_channel() -> dict[str, int]:
    """Queued messages whose time has come, by channel (every channel, 0 included)."""
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    return _by_channel(OutboundMessage._default_manager.filter(due, status=MessageStatus.QUEUED))


def outbox_failed_by_channel() -> dict[str, int]:
    return _by_channel(OutboundMessage._default_manager.filter(status=MessageStatus.FAILED))


def _by_channel(messages) -> dict[str, int]:
    counts = dict.fromkeys(MessageChannel.values, 0)
    for row in messages.order_by().values("channel").annotate(n=Count("pk")):
        counts[row["channel"]] = row["n"]
    return counts
