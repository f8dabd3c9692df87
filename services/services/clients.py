"""Clients' records: creation and changes, each kept in the record's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from services.models import Client, ClientChange, ConsentKind, ConsentRecord
from services.postal import normalize_postal_code
from shop import clock

User = get_model("accounts", "User")

# Fields whose changes the history keeps, values included.
TRACKED_FIELDS = (
    "first_name", "last_name", "phone", "email", "address_line1", "address_line2", "city",
    "postal_code", "language", "diet_restrictions", "allergies", "access_notes",
    "emergency_contact_name", "emergency_contact_phone", "sms_consent", "preferred_channel",
    "fare", "payment_method", "user_id",
)


def client_create(*, by=None, now=None, **fields) -> Client:
    """Create a client record; the history records who created it and with what."""
    fields["postal_code"] = _clean_postal_code(fields.get("postal_code", ""))
    client = Client(**fields)
    client.full_clean(exclude=["user"])
    with transaction.atomic():
        client.save()
        _record(client, by=by, now=now, action="created",
                changes={name: [None, _plain(getattr(client, name))] for name in TRACKED_FIELDS
                         if getattr(client, name) not in ("", None, False)})
    return client


def client_update(*, client: Client, by=None, now=None, **fields) -> Client:
    """Change ``fields`` of ``client``; the history keeps the old and new values."""
    if "postal_code" in fields:
        fields["postal_code"] = _clean_postal_code(fields["postal_code"])
    before = {name: _plain(getattr(client, name)) for name in TRACKED_FIELDS}
    for name, value in fields.items():
        setattr(client, name, value)
    client.full_clean(exclude=["user"])
    changes = {name: [before[name], _plain(getattr(client, name))] for name in TRACKED_FIELDS
               if before[name] != _plain(getattr(client, name))}
    if not changes:
        return client
    with transaction.atomic():
        client.save()
        _record(client, by=by, now=now, action="updated", changes=changes)
    return client


def client_ensure_user(*, client: Client, by=None) -> "User":
    """The account orders are placed for: the client's own, or a phone-only one.

    A client with no account gets the account that already holds their phone
    number or email, or a new one known by the phone number alone.
    """
    if client.user_id:
        return client.user
    user = _existing_user(client)
    if user is None:
        if not client.phone and not client.email:
            raise ValidationError(_("%(name)s has no phone number or email: add one first.")
                                  % {"name": client.full_name})
        user = User._default_manager.create_user(
            email=client.email or None, phone=str(client.phone) if client.phone else None,
            first_name=client.first_name, last_name=client.last_name,
        )
    client_update(client=client, by=by, user=user)
    return user


def consent_record(*, client, kind, statement, given_by, channel, registration=None,
                   recorded_by=None, given=True, now=None) -> ConsentRecord:
    """Keep the consent as a row: the words agreed to, who agreed and who recorded it."""
    return ConsentRecord._default_manager.create(
        client=client, registration=registration, kind=kind, given=given, statement=statement,
        given_by=given_by, channel=channel, recorded_by=recorded_by,
        recorded_at=now or clock.now(),
    )


def sms_consent_set(*, client, given: bool, statement, given_by, channel, by=None, now=None):
    """Record an SMS consent (or its withdrawal) and set the client's flag."""
    with transaction.atomic():
        consent_record(client=client, kind=ConsentKind.SMS, statement=statement, given=given,
                       given_by=given_by, channel=channel, recorded_by=by, now=now)
        client_update(client=client, by=by, now=now, sms_consent=given)


def _existing_user(client):
    if client.phone:
        user = User._default_manager.filter(phone=str(client.phone)).first()
        if user is not None and not Client._default_manager.filter(user=user).exists():
            return user
    if client.email:
        user = User._default_manager.filter(email__iexact=client.email).first()
        if user is not None and not Client._default_manager.filter(user=user).exists():
            return user
    return None


def _clean_postal_code(value):
    normal = normalize_postal_code(value)
    if not normal:
        raise ValidationError({"postal_code": _("Enter a postal code like H4C 1S3.")})
    return normal


def _record(client, *, by, now, action, changes):
    ClientChange._default_manager.create(
        client=client, changed_by=by if getattr(by, "pk", None) else None,
        changed_at=now or clock.now(), action=action, changes=changes,
    )


def _plain(value):
    """A value as the history stores it (JSON): phone numbers as E.164 text."""
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)
