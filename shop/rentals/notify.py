"""Messages to members: THE hook points for the notification outbox.

The outbox and the SMS sender are being built elsewhere. Until they exist,
these functions email a member who has an email address and only log for a
member known by phone. When the outbox lands, replace the bodies of
``loan_reminder_deliver`` and ``waitlist_notice_deliver`` with a call that
writes an outbox row (SMS first for a phone-only member, email otherwise);
nothing else in shop.rentals needs to change. Both are called inside the
caller's transaction, which is where an outbox row belongs; the email sent
here goes out only after that transaction commits.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop.rentals.models import ReminderKind

logger = logging.getLogger(__name__)


def loan_reminder_deliver(*, reservation, kind: str) -> None:
    """HOOK: tell the member their loan is due tomorrow (``kind`` due_tomorrow) or overdue."""
    params = {
        "item": reservation.unit.product.get_title(),
        "date": date_format(reservation.end_date),
        "seller": reservation.unit.seller.name,
    }
    if kind == ReminderKind.DUE_TOMORROW:
        subject = _("Reminder: %(item)s is due back tomorrow") % params
        body = _("%(item)s borrowed from %(seller)s is due back tomorrow, %(date)s.") % params
    else:
        subject = _("Overdue: %(item)s") % params
        body = _("%(item)s borrowed from %(seller)s was due back on %(date)s. "
                 "Please bring it back as soon as you can; a late fee applies per day.") % params
    _deliver(reservation.member, subject, body, what=f"loan reminder {kind}")


def waitlist_notice_deliver(*, entry) -> None:
    """HOOK: tell a waiting member that a unit of the product they want is free again."""
    params = {"item": entry.product.get_title()}
    subject = _("%(item)s is available again") % params
    body = _("A unit of %(item)s you were waiting for is available again. "
             "Book it soon: the next member on the list will be told otherwise.") % params
    _deliver(entry.member, subject, body, what="waitlist notice")


def _deliver(member, subject, body, *, what):
    if member.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
        )
    else:
        logger.info("No email for member %s: %s waits for the SMS outbox.", member.pk, what)
