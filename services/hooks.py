"""Where meal-delivery events meet the notification outbox.

Each function is called inside the transaction that records the event, which
is where an outbox row belongs: a message is never lost, nor sent for an event
that rolled back. A client hears by SMS when they have a phone and agreed to
texts, else by email; a client who prefers calls gets neither, and staff call.
"""

import logging

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shop import clock
from shop.notifications.models import MessageChannel, MessageKind
from shop.notifications.services import message_queue

logger = logging.getLogger(__name__)

REGISTRATION_MESSAGES = {
    "received": gettext_noop(
        "Meal delivery: we have your registration. We will call or write to you soon. %(phone)s"),
    "approved": gettext_noop(
        "Meal delivery: your registration is approved. Your meals start soon. Questions: %(phone)s"),
    "waitlisted": gettext_noop(
        "Meal delivery: the days you asked for are full. You are on the waiting list, "
        "number %(position)s. %(phone)s"),
    "refused": gettext_noop(
        "Meal delivery: we cannot take your registration. Please call us: %(phone)s"),
}


def waitlist_offer_notify(*, offer) -> None:
    """Tell a waitlisted client that a place is theirs if they accept before it expires.

    By SMS they may answer OUI/YES or NON/NO (``services.sms.sms_offer_answer``);
    by email they are asked to call.
    """
    registration = offer.registration
    client, program = registration.client, registration.program
    with translation.override(client.language or "fr"):
        context = {
            "phone": program.contact_phone_display,
            "deadline": formats.date_format(clock.local(offer.expires_at), "DATETIME_FORMAT"),
        }
        by_sms = _("Meal delivery: a place is free for you. Reply YES to take it or NO to leave "
                   "it, before %(deadline)s. Questions: %(phone)s") % context
        body = _("Meal delivery: a place is free for you. Call us at %(phone)s before "
                 "%(deadline)s to take it.") % context
    _client_message(client, body, key=f"waitlist-offer:{offer.pk}", sms_body=by_sms)


def registration_status_notify(*, registration, action: str) -> None:
    """Tell a client their registration was received, approved, waitlisted or refused."""
    from .selectors import waitlist_position

    if action == "created":
        action = "waitlisted" if waitlist_position(registration) else "received"
    text = REGISTRATION_MESSAGES.get(action)
    if text is None:
        logger.info("Registration %s: %s (no message for this step)", registration.pk, action)
        return
    client = registration.client
    with translation.override(client.language or "fr"):
        body = _(text) % {
            "phone": registration.program.contact_phone_display,
            "position": waitlist_position(registration) or "",
        }
    _client_message(client, body, key=f"registration:{registration.pk}:{action}")


def _client_message(client, body, *, key, sms_body=None):
    if client.phone and _sms_allowed(client):
        message_queue(to=str(client.phone), body=sms_body or body, kind=MessageKind.OTHER,
                      key=f"{key}:sms", user=client.user)
    elif client.email:
        message_queue(to=client.email, body=body, kind=MessageKind.OTHER, key=f"{key}:email",
                      channel=MessageChannel.EMAIL, user=client.user)
    else:
        logger.info("Client %s is reached by phone call: %s left to staff.", client.pk, key)


def _sms_allowed(client) -> bool:
    """The client's consent ledger holds service messages by SMS (the flag is only its cache)."""
    from shop.people.selectors.consents import consent_holds

    return client.person_id is not None and consent_holds(
        person=client.person, purpose="service", channel="sms")
