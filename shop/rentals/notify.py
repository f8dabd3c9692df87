"""Messages to members, written to the notification outbox in the caller's
transaction: an SMS for a member with a phone, an email otherwise."""

import logging

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock
from shop.notifications.models import MessageKind
from shop.notifications.services import notify_person
from shop.rentals.models import ReminderKind

logger = logging.getLogger(__name__)


def loan_reminder_deliver(*, reservation, kind: str) -> None:
    """Tell the member their loan is due tomorrow (``kind`` due_tomorrow) or overdue."""
    params = {
        "item": reservation.unit.product.get_title(),
        "date": date_format(reservation.end_date),
        "seller": reservation.unit.seller.name,
    }
    if kind == ReminderKind.DUE_TOMORROW:
        body = _("%(item)s borrowed from %(seller)s is due back tomorrow, %(date)s.") % params
    else:
        body = _("%(item)s borrowed from %(seller)s was due back on %(date)s. "
                 "Please bring it back as soon as you can; a late fee applies per day.") % params
    _deliver(reservation.member, body, kind=MessageKind.RENTAL_DUE,
             key=f"loan:{reservation.pk}:{kind}:{clock.today().isoformat()}")


def waitlist_notice_deliver(*, entry) -> None:
    """Tell a waiting member that a unit of the product they want is free again."""
    params = {"item": entry.product.get_title()}
    body = _("A unit of %(item)s you were waiting for is available again. "
             "Book it soon: the next member on the list will be told otherwise.") % params
    _deliver(entry.member, body, kind=MessageKind.OTHER,
             key=f"rental-waitlist:{entry.pk}:{clock.now().isoformat()}")


def _deliver(member, body, *, kind, key):
    if notify_person(user=member, body=body, kind=kind, key=key) is None:
        logger.info("Member %s has no phone and no email: %s not sent.", member.pk, kind)
