"""The portability export (Loi 25, art. 27): every row that names a person, in one archive.

The rows are found by walking the relations rather than by a list of tables,
so that a new table pointing to an account, a meal client or a person is
exported without anyone thinking of it:

1. the roots: the person, their account, their meal client record and their
   SMS numbers;
2. every row of any table with a key to a root (``_base_manager``, hidden
   ``related_name="+"`` relations included), except the keys in
   ``ACTOR_FIELDS``, which name the root as the staff member who did
   something to someone else's record (that row is the other person's);
3. from those rows, their own rows: those that cascade from them (an order's
   lines, a registration's events), and the addresses an order points to;
4. the tables that hold a phone number or an email as text (``TEXT_LINKS``):
   messages sent to the person's number, SMS received from it, calls.

``person_export_rows`` gives table name -> rows; ``person_export_archive``
the zip (``donnees.json`` and one spreadsheet-safe CSV per table).
"""

import io
import json
import zipfile
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from shop.csv_export import csv_writer

#: Keys to an account that name it as the staff member who acted, not as the
#: person the row is about. (table, field)
ACTOR_FIELDS = frozenset({
    ("admin.LogEntry", "user"),
    ("offer.RangeProductFileUpload", "uploaded_by"),
    ("order.Order", "placed_by"),
    ("order.OrderNote", "user"),
    ("partner.Partner", "users"),
    ("people.Consent", "recorded_by"),
    ("people.LinkRequest", "created_by"),
    ("people.LinkRequest", "confirmed_by_staff"),
    ("people.AccessLog", "viewer"),
    ("people.PrivacyRequest", "recorded_by"),
    ("people.PrivacyRequest", "closed_by"),
    ("people.Incident", "recorded_by"),
    ("communication.Notification", "sender"),
    ("payments.PaymentLink", "sent_by"),
    ("payments.Refund", "requested_by"),
    ("rentals.Reservation", "created_by"),
    ("rentals.MaintenancePeriod", "created_by"),
    ("rentals.RentalCharge", "created_by"),
    ("rentals.StockAdjustment", "created_by"),
    ("services.ClientChange", "changed_by"),
    ("services.Registration", "entered_by"),
    ("services.Registration", "approved_by"),
    ("services.RegistrationEvent", "by"),
    ("services.Route", "driver"),
    ("services.Delivery", "outcome_by"),
    ("services.FollowUp", "closed_by"),
    ("phone_orders.InboxItem", "done_by"),
    ("phone_orders.Campaign", "created_by"),
})

#: Tables holding the person's phone number or email as text: (table, field, kind).
TEXT_LINKS = (
    ("notifications.OutboundMessage", "to", "any"),
    ("notifications.SmsContact", "phone", "phone"),
    ("phone_orders.InboundSms", "from_number", "phone"),
    ("phone_orders.PendingQuestion", "phone", "phone"),
    ("phone_orders.InboxItem", "phone", "phone"),
    ("order.Order", "guest_email", "email"),
    ("communication.Email", "email", "email"),
    ("reviews.ProductReview", "email", "email"),
    ("customer.ProductAlert", "email", "email"),
    ("payments.PaymentLink", "sent_to", "any"),
)

#: Rows an order points to that are the person's own (its addresses).
FORWARD_LINKS = {"order.Order": ("shipping_address", "billing_address")}

#: Secrets never written out: a password hash, a code, two-step keys.
SECRET_FIELDS = {
    "accounts.User": {"password"},
    "people.LinkRequest": {"code_hash"},
    "otp_totp.TOTPDevice": {"key"},
    "otp_static.StaticToken": {"token"},
}

_CHILD_DEPTH = 4


# --- Finding the rows -------------------------------------------------------------------


def root_models():
    """The models whose rows stand for the person: Person, the account, Client, SmsContact."""
    return [apps.get_model("people", "Person"), apps.get_model(settings.AUTH_USER_MODEL),
            apps.get_model("services", "Client"), apps.get_model("notifications", "SmsContact")]


def _roots(person) -> list:
    roots = [person]
    if person.user_id:
        roots.append(person.user)
    client = apps.get_model("services", "Client")._base_manager.filter(person=person).first()
    if client is not None:
        roots.append(client)
    roots.extend(person.sms_contacts.all())
    return roots


def owner_links(model):
    """The keys of other tables to ``model`` that make a row the person's: (model, field)."""
    links = []
    for field in model._meta.get_fields(include_hidden=True):
        if not (field.auto_created and field.is_relation and not field.concrete):
            continue
        related, name = field.related_model, field.field.name
        if (related._meta.label, name) in ACTOR_FIELDS:
            continue
        links.append((related, name))
    return links


def _cascade_links(model):
    links = []
    for related, name in owner_links(model):
        field = related._meta.get_field(name)
        if field.many_to_many or field.remote_field.on_delete is models.CASCADE:
            links.append((related, name))
    return links


def person_identifiers(person) -> dict[str, set[str]]:
    """The person's names, and their VERIFIED phone numbers (E.164) and emails (lower case).

    A phone or email typed by someone else (a meal client's record, a person's
    unverified detail) may be another person's: rows holding it as text are
    neither exported to nor erased for this person. Verified are an account's
    own, a number that wrote to us (SMS contact), and a person's confirmed ones.
    """
    names, phones, emails = set(), set(), set()
    for root in _roots(person):
        full = " ".join(filter(None, (getattr(root, "first_name", ""),
                                      getattr(root, "last_name", "")))).strip()
        if full:
            names.add(full)
        phone_ok, email_ok = _verified(root)
        if phone_ok and getattr(root, "phone", None):
            phones.add(str(root.phone))
        if email_ok and getattr(root, "email", None):
            emails.add(root.email.lower())
    return {"names": names, "phones": phones, "emails": emails}


def _verified(root) -> tuple[bool, bool]:
    """Whether ``root``'s phone and email are the person's own (see person_identifiers)."""
    label = root._meta.label
    if label == "people.Person":
        return root.phone_verified_at is not None, root.email_verified_at is not None
    if label == "services.Client":
        return False, False
    return True, True  # the account's own details; a number that wrote to us


def person_rows(person) -> dict:
    """Every row that names ``person``: model -> {pk: row}."""
    found = defaultdict(dict)
    roots = _roots(person)
    for root in roots:
        found[type(root)][root.pk] = root
    fresh = []
    for root in roots:
        for model, name in owner_links(type(root)):
            fresh.extend(_add(found, model._base_manager.filter(**{name: root})))
    fresh.extend(_text_rows(found, person_identifiers(person)))
    for _depth in range(_CHILD_DEPTH):
        fresh = _children(found, fresh)
        if not fresh:
            break
    return found


def _add(found, queryset) -> list:
    added = []
    for row in queryset:
        if row.pk not in found[type(row)]:
            found[type(row)][row.pk] = row
            added.append(row)
    return added


def _text_rows(found, identifiers) -> list:
    added = []
    phones, emails = identifiers["phones"], identifiers["emails"]
    for label, name, kind in TEXT_LINKS:
        model = apps.get_model(label)
        query = models.Q(pk__in=[])
        if kind in ("phone", "any") and phones:
            query |= models.Q(**{name + "__in": phones})
        for email in emails if kind in ("email", "any") else ():
            query |= models.Q(**{name + "__iexact": email})
        added.extend(_add(found, model._base_manager.filter(query)))
    return added


def _children(found, rows) -> list:
    """The rows that cascade from ``rows`` and the addresses they point to: one query per
    table and relation, whatever the number of rows."""
    by_model = defaultdict(list)
    for row in rows:
        by_model[type(row)].append(row)
    added = []
    for model, same in by_model.items():
        for name in FORWARD_LINKS.get(model._meta.label, ()):
            added.extend(_add(found, [getattr(row, name) for row in same
                                      if getattr(row, name) is not None]))
        for related, name in _cascade_links(model):
            if not related._meta.get_field(name).many_to_many:
                added.extend(_add(found, related._base_manager.filter(
                    **{name + "__in": [row.pk for row in same]})))
    return added


# --- Writing them out -------------------------------------------------------------------


def _value(value):
    if value is None or isinstance(value, (bool, int, float, Decimal, str, date, datetime, time,
                                           dict, list)):
        return value
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name or ""
    return str(value)


def row_dict(row) -> dict:
    """One row as column -> value, secrets left out."""
    secrets = SECRET_FIELDS.get(row._meta.label, set())
    return {field.attname: _value(field.value_from_object(row))
            for field in row._meta.concrete_fields if field.name not in secrets}


def person_export_rows(*, person) -> dict[str, list[dict]]:
    """Table name (``app.Model``) -> the rows of that table naming ``person``, by key."""
    tables = {}
    for model, rows in person_rows(person).items():
        tables[model._meta.label] = [row_dict(rows[pk]) for pk in sorted(rows)]
    return dict(sorted(tables.items()))


def _csv_text(rows) -> str:
    out = io.StringIO()
    writer = csv_writer(out, bom=True)
    columns = list(rows[0]) if rows else []
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue()


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def person_export_archive(*, person) -> bytes:
    """A zip: ``donnees.json`` (every table) and ``<app.Model>.csv`` per table (UTF-8, BOM)."""
    tables = person_export_rows(person=person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(tables, cls=DjangoJSONEncoder,
                                                    ensure_ascii=False, indent=2))
        for label, rows in tables.items():
            archive.writestr(label + ".csv", _csv_text(rows).encode("utf-8"))
    return buffer.getvalue()
