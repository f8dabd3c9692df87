"""Reads of the outbox for staff pages."""

from django.db.models import Case, IntegerField, Prefetch, Value, When

from .models import EmailAttachment, MessageStatus, OutboundMessage


def outbox_for_staff(*, status: str = ""):
    """The outbox, SMS and emails, failed messages first, then the newest."""
    attachments = EmailAttachment._default_manager.defer("content")
    messages = OutboundMessage._default_manager.select_related("user", "email").prefetch_related(
        Prefetch("email__attachments", queryset=attachments))
    if status:
        messages = messages.filter(status=status)
    failed_first = Case(When(status=MessageStatus.FAILED, then=Value(0)), default=Value(1),
                        output_field=IntegerField())
    return messages.annotate(failed_first=failed_first).order_by("failed_first", "-created_at")


def outbox_counts() -> dict:
    from django.db.models import Count

    rows = OutboundMessage._default_manager.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
