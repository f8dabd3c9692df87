"""Clients' records: creation and changes, each kept in the record's history.

Every client is a person (``people.Person``): name, phone, email, language,
preferred channel and address are kept in step on it, unverified when typed by
someone. A phone or email typed for a client that belongs to another account
links nothing: the account's owner is asked to confirm (``people`` linking),
and the client is not billed on that account until they do.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from services.models import Client, ClientChange, ConsentKind, ContactChannel
from services.postal import normalize_postal_code
from shop import clock
from shop.notifications.phones import national
from shop.people.models import LinkStatus, Person
from shop.people.selectors.persons import link_request_latest
from shop.people.services.linking import link_request_mergeable, link_request_open
from shop.people.services.persons import person_merge, person_of, person_update_typed

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
        _person_sync(client)
        _record(client, by=by, now=now, action="created",
                changes={name: [None, _plain(getattr(client, name))] for name in TRACKED_FIELDS
                         if getattr(client, name) not in ("", None, False)})
        _link_ask(client, by=by, now=now)
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
        _person_sync(client)
        _record(client, by=by, now=now, action="updated", changes=changes)
        if "phone" in changes or "email" in changes:
            _link_ask(client, by=by, now=now)
    return client


def client_ensure_user(*, client: Client, by=None) -> "User":
    """The account orders are placed for: the client's own, their person's, or a phone-only one.

    A phone number or email of the client held by another account links
    nothing: the account's owner is asked to confirm (a code), and until they
    do this raises ``ValidationError`` saying so; the request and its code are
    committed even then, so call it outside a transaction that would roll back.
    With no such account, a new one is known by the phone number (or email).
    """
    if client.user_id:
        return client.user
    person = client.person if client.person_id else _person_sync(client)
    if person.user_id:  # the person's own account (linked at the desk, or confirmed)
        client_update(client=client, by=by, user=person.user)
        return client.user
    held = _account_holding(client)
    if held is not None:
        _link_hold(client, *held, by=by)
    if not client.phone and not client.email:
        raise ValidationError(_("%(name)s has no phone number or email: add one first.")
                              % {"name": client.full_name})
    user = User._default_manager.create_user(
        email=client.email or None, phone=str(client.phone) if client.phone else None,
        first_name=client.first_name, last_name=client.last_name,
    )
    client_update(client=client, by=by, user=user)
    # Fresh: the instance still holds the person made with the account, merged since.
    client.user = User._default_manager.get(pk=user.pk)
    return client.user


def client_follow_person(sender, *, keep, by=None, **kwargs):
    """``people.signals.person_merged``: a client whose person now has an account bills on it."""
    client = Client._default_manager.filter(person=keep, user__isnull=True).first()
    if client is not None and keep.user_id:
        client_update(client=client, by=by, user=keep.user)


def client_follow_person_details(sender, *, person, by=None, **kwargs):
    """``people.signals.person_details_changed``: the meal client record shows the same
    name, language and preferred channel as the person changed on "Mon compte"."""
    client = Client._default_manager.filter(person=person).first()
    if client is None:
        return
    wanted = {"first_name": person.first_name, "last_name": person.last_name,
              "language": person.language}
    if person.preferred_channel in ContactChannel.values:  # "paper" is the person's only
        wanted["preferred_channel"] = person.preferred_channel
    changes = {name: value for name, value in wanted.items()
               if value and getattr(client, name) != value}
    if changes:
        client_update(client=client, by=by, **changes)


#: What a consent of the meal service covers in the ledger: (purpose, channel) pairs.
CONSENT_KIND_ENTRIES = {ConsentKind.SERVICE: (("health_data", "record"),),
                        ConsentKind.SMS: (("service", "sms"), ("reminders", "sms"))}
CONSENT_METHOD_OF_CHANNEL = {"web": "web", "phone": "desk", "sms": "sms", "walk_in": "desk"}


def consent_record(*, client, kind, statement, given_by, channel, registration=None,
                   recorded_by=None, given=True, now=None):
    """Keep the consent in the client's person's ledger: the words agreed to, who agreed and
    who recorded it; returns the first entry (an SMS consent covers service messages and
    reminders)."""
    from shop.people.services.consents import consent_record as ledger_record

    person = _consent_person(client)
    return [ledger_record(
        person=person, purpose=purpose, channel=ledger_channel,
        action="given" if given else "withdrawn",
        method=CONSENT_METHOD_OF_CHANNEL.get(channel, "desk"), wording=statement,
        given_by=given_by, recorded_by=recorded_by, now=now or clock.now(),
        source=f"registration:{registration.pk}" if registration else f"client:{client.pk}",
    ) for purpose, ledger_channel in _consent_entries(kind, given)][0]


def sms_consent_set(*, client, given: bool, statement, given_by, channel, by=None, now=None):
    """Record an SMS consent (or its withdrawal) in the ledger and set the client's flag,
    a cache of it."""
    with transaction.atomic():
        consent_record(client=client, kind=ConsentKind.SMS, statement=statement, given=given,
                       given_by=given_by, channel=channel, recorded_by=by, now=now)
        client_update(client=client, by=by, now=now, sms_consent=given)


def _consent_entries(kind, given):
    """A "no text messages" withdraws news by SMS too; a "yes" gives service and reminders."""
    if kind == ConsentKind.SMS and not given:
        return (*CONSENT_KIND_ENTRIES[kind], ("news", "sms"))
    return CONSENT_KIND_ENTRIES[kind]


def _consent_person(client):
    """The client's person; a client recorded before people existed gets one of its own."""
    from shop.people.models import Person

    if client.person_id is None:
        client.person = Person._default_manager.create(
            first_name=client.first_name, last_name=client.last_name,
            phone=client.phone or None, email=client.email or None, language=client.language)
        Client._default_manager.filter(pk=client.pk).update(person=client.person)
    return client.person


def _person_sync(client) -> Person:
    """The client's person, made if missing, with the client's details (unverified)."""
    person = client.person if client.person_id else None
    if person is None:
        person = person_of(client.user) if client.user_id else None
        if person is None or Client._default_manager.filter(person=person).exists():
            person = Person._default_manager.create()
        client.person = person
        Client._default_manager.filter(pk=client.pk).update(person=person)
    elif client.user_id and person.user_id is None:
        # A new account for the client (``client_ensure_user``): its person joins the client's.
        person = person_merge(keep=person, other=person_of(client.user))
        client.person = person
    return person_update_typed(
        person=person, first_name=client.first_name, last_name=client.last_name,
        phone=client.phone or None, email=client.email or None, language=client.language,
        preferred_channel=client.preferred_channel,
        address={"line1": client.address_line1, "line2": client.address_line2,
                 "city": client.city, "postal_code": client.postal_code})


def _account_holding(client):
    """("phone" or "email", the account) holding a detail of the client, not theirs; or None."""
    if client.phone:
        account = User._default_manager.filter(phone=str(client.phone)).first()
        if account is not None and account.pk != client.user_id:
            return "phone", account
    if client.email:
        account = User._default_manager.filter(email__iexact=client.email).first()
        if account is not None and account.pk != client.user_id:
            return "email", account
    return None


def _link_ask(client, *, by, now=None):
    """Ask the owner of an account holding the client's phone or email to confirm the link."""
    if client.user_id or client.person.user_id:
        return None
    held = _account_holding(client)
    if held is None or not link_request_mergeable(person=client.person, account=held[1]):
        return None
    latest = link_request_latest(person=client.person, account=held[1])
    if latest is not None and latest.status == LinkStatus.REFUSED:
        return None
    return link_request_open(person=client.person, account=held[1], matched_on=held[0], by=by,
                             now=now)


def _link_hold(client, matched_on, account, *, by):
    """Raise why the client cannot be billed on ``account`` yet (asking its owner if need be)."""
    detail = {"detail": national(str(client.phone)) if matched_on == "phone" else client.email,
              "name": client.full_name}
    if not link_request_mergeable(person=client.person, account=account):
        raise ValidationError(
            _("The account holding %(detail)s belongs to another meal client: correct the phone "
              "number or email of %(name)s; the meals will be billed then.") % detail,
            code="link_impossible")
    request = _link_ask(client, by=by)
    if request is None:
        raise ValidationError(
            _("The owner of the account holding %(detail)s said %(name)s is not them: correct "
              "the client's phone number or email; the meals will be billed then.") % detail,
            code="link_refused")
    detail["date"] = formats.date_format(clock.local(request.created_at), "SHORT_DATE_FORMAT")
    raise ValidationError(
        _("Awaiting the confirmation of the owner of the account holding %(detail)s (code sent "
          "on %(date)s): the meals of %(name)s will be billed once the link is decided.")
        % detail, code="link_pending")


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
