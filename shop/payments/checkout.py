"""Card payment at web checkout: what the checkout views call.

Turns Stripe's errors into Oscar's ``UnableToTakePayment``, whose message the
client reads; the checkout then offers to pay later.
"""

import logging

from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from integrations.stripe.exceptions import StripeError, StripeNotConfigured

from . import services

UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")
logger = logging.getLogger(__name__)


def cards_unavailable_message() -> str:
    return _("Card payment is unavailable right now and no payment was taken. "
             "You can pay on delivery or at pick-up instead.")


def cards_not_enabled_message() -> str:
    """What the client reads when cards are off; the setup hint goes to the log, for staff."""
    logger.warning("Card payment is off: set STRIPE_ENABLED and the Stripe keys to offer it.")
    return _("Card payment is not available right now: choose to pay later, on delivery or "
             "at pick-up (cash, cheque or debit).")


def card_payment_open(*, order_number: str, total):
    """The PaymentIntent and unsaved ``Source`` of a card order about to be placed."""
    try:
        return services.card_payment_start(
            order_number=order_number, total=total.incl_tax, currency=total.currency
        )
    except StripeNotConfigured as error:
        raise UnableToTakePayment(cards_not_enabled_message()) from error
    except StripeError as error:
        raise UnableToTakePayment(cards_unavailable_message()) from error
