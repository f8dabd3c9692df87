"""The waitlist of a product: members waiting, told one at a time when a unit comes back."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shop import clock
from shop.rentals.models import WaitlistEntry


def waitlist_join(*, product, member) -> WaitlistEntry:
    """Put ``member`` on the waitlist of ``product`` (once: a second call changes nothing)."""
    waiting = WaitlistEntry._default_manager.filter(
        product=product, member=member, notified_at__isnull=True
    ).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            return WaitlistEntry._default_manager.create(product=product, member=member)
    except IntegrityError:
        raise ValidationError(_("You are already on the waitlist."), code="waiting") from None


def waitlist_notify_next(*, product) -> WaitlistEntry | None:
    """Tell the first waiting member of ``product`` that a unit is free; returns their entry."""
    from shop.rentals.notify import waitlist_notice_deliver

    entry = (
        WaitlistEntry._default_manager.select_for_update(skip_locked=True)
        .filter(product=product, notified_at__isnull=True)
        .select_related("member", "product")
        .order_by("created_at", "pk")
        .first()
    )
    if entry is None:
        return None
    entry.notified_at = clock.now()
    entry.save(update_fields=["notified_at"])
    waitlist_notice_deliver(entry=entry)
    return entry
