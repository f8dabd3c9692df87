"""Meal delivery over SMS and voice: SAUTER/SKIP, STATUT/STATUS, OUI/NON to an offered place.

``phone_orders`` (the SMS and voice channel) asks these functions through its
hooks. A meal client is found by their account or by the phone number of their
client record, account or not, and these functions go through the same service
functions, cut-off included, as every other channel. A number shared by several
clients acts for nobody: the answer asks the person to call.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from shop import clock

from . import services
from .models import Client, Delivery, DeliveryStatus, OfferStatus, Registration, WaitlistOffer
from .selectors import clients_for_contact


def client_for_contact(*, user=None, phone=None) -> Client | None:
    """The one client a message comes from; None when nobody, or several people, match."""
    clients = clients_for_contact(user=user, phone=phone)
    return clients[0] if len(clients) == 1 else None


def next_scheduled_delivery(client, *, today=None):
    """The client's next delivery still to come after ``today``, or None."""
    today = today or clock.today()
    return (Delivery._default_manager.filter(client=client, status=DeliveryStatus.SCHEDULED,
                                             date__gt=today)
            .select_related("program__seller").order_by("date").first())


def sms_skip_next_delivery(*, user=None, phone=None, language="fr", now=None):
    """SAUTER: skip the client's next delivery; the reply, or None if nothing to skip."""
    clients = clients_for_contact(user=user, phone=phone)
    if len(clients) > 1:
        return _shared_number_reply(clients, language, _(
            "Several people receive meals at this number: to skip a delivery, please call us "
            "at %(phone)s."))
    client = clients[0] if clients else None
    delivery = next_scheduled_delivery(client, today=clock.today(now)) if client else None
    if delivery is None:
        return None
    with translation.override(_language(language, client)):
        try:
            services.delivery_skip(delivery=delivery, now=now)
        except ValidationError as error:
            return " ".join(error.messages)
        return _("No meal on %(day)s: your delivery is skipped.") % {
            "day": date_format(delivery.date, "l j F")}


def sms_next_delivery(*, user=None, phone=None, language="fr"):
    """STATUT: a sentence about the client's next delivery, or None."""
    clients = clients_for_contact(user=user, phone=phone)
    if len(clients) > 1:
        return _shared_number_reply(clients, language, _(
            "Several people receive meals at this number: to know your next delivery, please "
            "call us at %(phone)s."))
    delivery = next_scheduled_delivery(clients[0]) if clients else None
    if delivery is None:
        return None
    with translation.override(_language(language, clients[0])):
        return _("Your next meal delivery: %(day)s, %(meals)d meal(s).") % {
            "day": date_format(delivery.date, "l j F"), "meals": delivery.meals}


def sms_offer_answer(*, user=None, phone=None, yes: bool, language="fr", now=None):
    """OUI/NON to a place offered from the waiting list; the reply, or None if none is open."""
    clients = clients_for_contact(user=user, phone=phone)
    offers = list(_open_offers(clients, now))
    if not offers:
        return None
    if len(offers) > 1:
        return _shared_number_reply(clients, language, _(
            "Several places are offered at this number: please call us at %(phone)s to answer."))
    offer = offers[0]
    program = offer.registration.program
    with translation.override(_language(language, offer.registration.client)):
        try:
            if yes:
                services.waitlist_offer_accept(offer=offer, now=now)
            else:
                services.waitlist_offer_decline(offer=offer, now=now)
        except ValidationError as error:
            return " ".join([*error.messages, _("Please call us at %(phone)s.") % {
                "phone": program.contact_phone_display}])
        text = (_("Meal delivery: thank you, the place is yours. We will call you to confirm "
                  "your first delivery. %(phone)s") if yes else
                _("Meal delivery: noted, you leave the place to someone else. To register "
                  "again, call us at %(phone)s."))
        return text % {"phone": program.contact_phone_display}


def known_number_language(*, phone):
    """The language of the meal clients known by ``phone``, or None if there are none."""
    client = Client._default_manager.filter(phone=str(phone)).order_by("pk").first() if phone \
        else None
    return client.language if client else None


def _open_offers(clients, now):
    return (WaitlistOffer._default_manager
            .filter(registration__client__in=clients, status=OfferStatus.OPEN,
                    expires_at__gt=now or clock.now())
            .select_related("registration__program__seller", "registration__client")
            .order_by("offered_at"))


def _shared_number_reply(clients, language, text):
    with translation.override(_language(language, None)):
        return str(text) % {"phone": _phone_to_call(clients)}


def _phone_to_call(clients) -> str:
    """The phone of the program the clients are registered with, else the cooperative's."""
    registration = (Registration._default_manager.filter(client__in=clients)
                    .select_related("program__seller").order_by("-created").first())
    if registration is not None and registration.program.contact_phone:
        return registration.program.contact_phone_display
    return PhoneNumber.from_string(settings.SHOP_PHONE_NUMBER).as_national


def connect_phone_hooks():
    """Offer these to the SMS and voice channel, when it is installed."""
    try:
        from phone_orders import hooks
    except ImportError:
        return
    for name, handler in (("register_skip_handler", _skip_handler),
                          ("register_next_delivery", _status_handler),
                          ("register_unasked_answer", _answer_handler),
                          ("register_known_number", known_number_language)):
        register = getattr(hooks, name, None)
        if register is not None:
            register(handler)


def _skip_handler(*, user, phone, language):
    return sms_skip_next_delivery(user=user, phone=phone, language=language)


def _status_handler(*, user, language, phone=None):
    return sms_next_delivery(user=user, phone=phone, language=language)


def _answer_handler(*, user, phone, yes, language):
    return sms_offer_answer(user=user, phone=phone, yes=yes, language=language)


def _language(language, client):
    code = (language or getattr(client, "language", "") or "fr").lower()
    return "en" if code.startswith("en") else "fr-ca"
