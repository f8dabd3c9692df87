"""Where meal-delivery events meet the notification outbox.

The outbox (``shop.notifications``) is being built separately. Each function
here is called inside the transaction that records the event, which is where an
outbox row must be written, so a message is never lost nor sent for an event
that rolled back. Until the outbox exists they only log. Connect them there.
"""

import logging

logger = logging.getLogger(__name__)


def waitlist_offer_notify(*, offer) -> None:
    """Tell a waitlisted client that a place is theirs if they accept before it expires.

    Hook for the notification outbox: write the SMS / call / email (by the
    client's ``preferred_channel`` and ``language``) in this transaction.
    """
    logger.info("Waiting-list offer %s for registration %s, expires %s",
                offer.pk, offer.registration_id, offer.expires_at.isoformat())


def registration_status_notify(*, registration, action: str) -> None:
    """Tell a client their registration was received, approved, waitlisted or refused.

    Hook for the notification outbox (same rules as ``waitlist_offer_notify``).
    """
    logger.info("Registration %s: %s", registration.pk, action)
