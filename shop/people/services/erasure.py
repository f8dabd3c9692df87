"""Deletion (Loi 25, art. 28.1) and the retention of health notes.

``person_erase`` keeps what the law requires to keep and erases the rest:

- orders stay with their lines, totals and taxes (tax records); the names,
  addresses, emails and phone numbers in them and in their addresses go
  ("Personne supprimée" or blank); billed meal deliveries stay, as counts;
- the meal client's health, diet and access notes, emergency contact and
  address, the address book, SMS numbers, saved cards, alerts and the bodies
  and numbers of messages are erased;
- the account is closed (inactive, no password) and its name, email and
  phone cleared; the consent ledger stays as proof, pointing to the
  anonymised person.

It works on the rows the portability export finds (``export.person_rows``),
so a table the export covers is covered here too; after the rules below, any
text of those rows still holding the person's name, phone or email has it
replaced.
"""

import logging
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from shop import clock
from shop.people.models import Consent, Person

from .export import person_identifiers, person_rows

logger = logging.getLogger(__name__)

DELETED = "Personne supprimée"

#: Tables whose rows naming the person are deleted outright.
DELETED_TABLES = (
    "people.PersonAddress", "people.LinkRequest", "address.UserAddress",
    "notifications.SmsContact", "notifications.EmailContent", "phone_orders.PendingQuestion",
    "communication.Email",
    "communication.Notification", "wishlists.WishList", "customer.ProductAlert",
    "payment.Bankcard", "analytics.UserSearch", "analytics.UserProductView",
    "otp_totp.TOTPDevice", "otp_static.StaticDevice",
)

_ADDRESS = {"title": "", "first_name": DELETED, "last_name": "", "line1": "", "line2": "",
            "line3": "", "line4": "", "state": "", "postcode": "", "search_text": ""}

#: Columns set to a fixed value in the person's rows of these tables.
BLANKED = {
    "services.Client": {
        "first_name": DELETED, "last_name": "", "phone": "", "email": "", "address_line1": "",
        "address_line2": "", "city": "", "postal_code": "", "diet_restrictions": "",
        "allergies": "", "access_notes": "", "emergency_contact_name": "",
        "emergency_contact_phone": "",
    },
    "services.ClientChange": {"changes": {}},
    "services.Delivery": {"note": ""},
    "services.FollowUp": {"note": ""},
    "services.RegistrationEvent": {"note": ""},
    "order.Order": {"guest_email": ""},
    "order.ShippingAddress": {**_ADDRESS, "phone_number": "", "notes": ""},
    "order.BillingAddress": _ADDRESS,
    "notifications.OutboundMessage": {"to": "", "body": ""},
    "phone_orders.InboundSms": {"from_number": "", "body": "", "reply": ""},
    "phone_orders.InboxItem": {"phone": "", "body": "", "note": "", "recording_url": ""},
    "payments.PaymentLink": {"sent_to": ""},
    "reviews.ProductReview": {"name": "", "email": ""},
    "people.PrivacyRequest": {"requester": DELETED},
}

#: What stays word for word: what was sold (a book's title may hold any name).
UNTOUCHED = frozenset({"order.Line", "order.LineAttribute", "order.LinePrice",
                       "order.OrderDiscount", "order.OrderLineDiscount", "order.Surcharge"})

_TEXT = (models.CharField, models.TextField)


def person_erase(*, person: Person, by=None, now=None) -> Person:
    """Anonymise what must be kept about ``person`` and erase the rest (see the module).

    ``by`` is the staff member acting on the request (logged; the request keeps it too).
    """
    now = now or clock.now()
    with transaction.atomic():
        patterns = _patterns(person_identifiers(person))
        rows = person_rows(person)
        for model, found in rows.items():
            if model._meta.label not in DELETED_TABLES:
                _blank(model, found, BLANKED.get(model._meta.label, {}), patterns)
        for model, found in rows.items():
            if model._meta.label in DELETED_TABLES:
                model._base_manager.filter(pk__in=list(found)).delete()
        if person.user_id:
            _close_account(person.user)
        Person._default_manager.filter(pk=person.pk).update(
            first_name=DELETED, last_name="", phone=None, email=None, phone_verified_at=None,
            email_verified_at=None, anonymised_at=now)
    logger.info("Person %s erased by %s", person.pk, getattr(by, "pk", None))
    person.refresh_from_db()
    return person


def _patterns(identifiers) -> list:
    """(regex, replacement): names become DELETED, phone numbers and emails go."""
    patterns = []
    for name in sorted(identifiers["names"], key=len, reverse=True):
        patterns.append((re.compile(re.escape(name), re.IGNORECASE), DELETED))
        last = name.split(" ", 1)[-1]
        if len(last) >= 3 and last != name:
            patterns.append((re.compile(r"\b" + re.escape(last) + r"\b", re.IGNORECASE), DELETED))
    for phone in identifiers["phones"]:
        for shown in _phone_forms(phone):
            patterns.append((re.compile(re.escape(shown)), ""))
    for email in identifiers["emails"]:
        patterns.append((re.compile(re.escape(email), re.IGNORECASE), ""))
    return patterns


def _phone_forms(phone: str) -> set[str]:
    """``+15145550142`` and how people write it: 5145550142, (514) 555-0142, 514-555-0142."""
    forms = {phone}
    digits = phone[2:] if phone.startswith("+1") and len(phone) == 12 else ""
    if digits:
        area, head, tail = digits[:3], digits[3:6], digits[6:]
        forms |= {digits, f"({area}) {head}-{tail}", f"{area}-{head}-{tail}",
                  f"{area} {head}-{tail}", f"{area} {head} {tail}", f"{area}.{head}.{tail}"}
    return forms


def _blank(model, found, fixed, patterns):
    if model._meta.label in UNTOUCHED or model in (Person, get_user_model()):
        return  # the person and the account: below
    for row in found.values():
        changes = dict(fixed)
        for field in model._meta.concrete_fields:
            if field.name in changes or field.primary_key or field.is_relation:
                continue
            value = field.value_from_object(row)
            cleaned = _scrubbed(value, field, patterns)
            if cleaned is not value:
                changes[field.name] = cleaned
        if changes:
            _write(model, row, changes)


def _scrubbed(value, field, patterns):
    """``value`` without the person's identifiers, or ``value`` itself when none is in it."""
    if isinstance(field, models.JSONField):
        text = str(value)
        hit = any(pattern.search(text) for pattern, _ in patterns)
        return ({} if isinstance(value, dict) else []) if hit else value
    if not isinstance(field, _TEXT) or field.choices or not value:
        return value
    text = str(value)
    cleaned = text
    for pattern, replacement in patterns:
        cleaned = pattern.sub(replacement, cleaned)
    if cleaned == text:
        return value
    if not cleaned.strip(" ,;.-") or isinstance(field, models.EmailField):
        return None if field.null else ""
    return cleaned


def _write(model, row, changes):
    if model is Consent:
        for name, value in changes.items():
            setattr(row, name, value)
        row.save(anonymising=True, update_fields=list(changes))
        return
    model._base_manager.filter(pk=row.pk).update(**changes)


def _close_account(user):
    """Inactive, no password, no name; the email becomes a placeholder (one is required)."""
    type(user)._base_manager.filter(pk=user.pk).update(
        first_name="", last_name="", phone=None, email=f"anonyme-{user.pk}@anonyme.invalid",
        is_active=False, password=make_password(None))


# --- Retention ----------------------------------------------------------------------


HEALTH_FIELDS = ("diet_restrictions", "allergies", "access_notes")


def stale_health_clients(*, days: int, now=None):
    """Meal clients with notes, no delivery and no live registration for ``days`` days."""
    from datetime import timedelta

    from services.models import Client, RegistrationStatus

    now = now or clock.now()
    cutoff = now - timedelta(days=days)
    live = (*RegistrationStatus.holding_a_place(), RegistrationStatus.WAITLISTED)
    with_notes = models.Q()
    for name in HEALTH_FIELDS:
        with_notes |= ~models.Q(**{name: ""})
    return (Client._default_manager.filter(with_notes, created__lt=cutoff)
            .exclude(deliveries__date__gte=clock.today(cutoff))
            .exclude(registrations__status__in=live)
            .exclude(registrations__updated__gte=cutoff).distinct())


def health_notes_erase_stale(*, days: int | None = None, now=None) -> int:
    """Erase the health, diet and access notes of inactive meal clients (also from their
    record's history); the number of clients whose notes were erased."""
    from django.conf import settings

    days = settings.HEALTH_NOTES_RETENTION_DAYS if days is None else days
    Client = apps.get_model("services", "Client")
    ClientChange = apps.get_model("services", "ClientChange")
    with transaction.atomic():
        ids = list(stale_health_clients(days=days, now=now).values_list("pk", flat=True))
        Client._default_manager.filter(pk__in=ids).update(**dict.fromkeys(HEALTH_FIELDS, ""))
        for change in ClientChange._default_manager.filter(client__in=ids):
            kept = {name: values for name, values in change.changes.items()
                    if name not in HEALTH_FIELDS}
            if kept != change.changes:
                ClientChange._default_manager.filter(pk=change.pk).update(changes=kept)
    return len(ids)
