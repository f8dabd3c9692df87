"""Meal delivery over SMS and voice: SAUTER/SKIP and STATUT/STATUS.

``phone_orders`` (the SMS and voice channel) asks these functions through its
hooks; they find the client by account or phone number and go through the
same service functions, cut-off included, as every other channel.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock

from . import services
from .models import Client, Delivery, DeliveryStatus


def client_for_contact(*, user=None, phone=None) -> Client | None:
    if getattr(user, "pk", None):
        client = Client._default_manager.filter(user=user).first()
        if client is not None:
            return client
    if phone:
        return Client._default_manager.filter(phone=str(phone)).order_by("pk").first()
    return None


def next_scheduled_delivery(client, *, today=None):
    """The client's next delivery still to come after ``today``, or None."""
    today = today or clock.today()
    return (Delivery._default_manager.filter(client=client, status=DeliveryStatus.SCHEDULED,
                                             date__gt=today)
            .select_related("program__seller").order_by("date").first())


def sms_skip_next_delivery(*, user=None, phone=None, language="fr", now=None):
    """SAUTER: skip the client's next delivery; the reply, or None if nothing to skip."""
    client = client_for_contact(user=user, phone=phone)
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
    client = client_for_contact(user=user, phone=phone)
    delivery = next_scheduled_delivery(client) if client else None
    if delivery is None:
        return None
    with translation.override(_language(language, client)):
        return _("Your next meal delivery: %(day)s, %(meals)d meal(s).") % {
            "day": date_format(delivery.date, "l j F"), "meals": delivery.meals}


def connect_phone_hooks():
    """Offer these to the SMS and voice channel, when it is installed."""
    try:
        from phone_orders import hooks
    except ImportError:
        return
    register_skip = getattr(hooks, "register_skip_handler", None)
    register_status = getattr(hooks, "register_next_delivery", None)
    if register_skip is not None:
        register_skip(_skip_handler)
    if register_status is not None:
        register_status(_status_handler)


def _skip_handler(*, user, phone, language):
    return sms_skip_next_delivery(user=user, phone=phone, language=language)


def _status_handler(*, user, language):
    return sms_next_delivery(user=user, language=language)


def _language(language, client):
    code = (language or client.language or "fr").lower()
    return "en" if code.startswith("en") else "fr-ca"
