"""A person's record: made with an account or a client record, kept in step with them.

Details typed by someone else (staff at the desk, a relative online) are kept
unverified and never replace verified ones. Two records become one person only
through ``person_merge``, which its callers use once the details are known to be
the person's own: an account's, a code confirmed, a staff member on the phone.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shop import clock
from shop.people.models import Person, PersonAddress
from shop.people.signals import person_merged

TYPED_FIELDS = ("first_name", "last_name", "language", "preferred_channel")


def person_sync_account(*, user) -> Person:
    """The account's person, made if missing; the account's own details are verified ones.

    An account's phone and email are the owner's (they sign in with them, or
    the number wrote to us), so they are copied onto the person as verified.
    """
    now = clock.now()
    with transaction.atomic():
        person = Person._default_manager.select_for_update().filter(user=user).first()
        if person is None:
            person = Person(user=user)
        changed = person.pk is None
        for name in ("first_name", "last_name"):
            value = getattr(user, name, "") or ""
            if value and getattr(person, name) != value:
                setattr(person, name, value)
                changed = True
        phone = str(user.phone) if getattr(user, "phone", None) else None
        if phone and str(person.phone or "") != phone:
            person.phone, person.phone_verified_at, changed = phone, now, True
        email = user.email or None
        if email and (person.email or "").lower() != email.lower():
            person.email, person.email_verified_at, changed = email, now, True
        if changed:
            person.save()
    return person


def person_of(user) -> Person | None:
    """The person of an account (made if missing), or None for no account."""
    if user is None or not getattr(user, "pk", None):
        return None
    person = Person._default_manager.filter(user=user).first()
    return person or person_sync_account(user=user)


def person_update_typed(*, person: Person, phone=None, email=None, address=None,
                        **fields) -> Person:
    """Details typed by someone: set, unverified, except over the person's verified ones.

    ``fields`` are names, language and preferred channel (blank values are
    ignored); ``address`` a dict (line1, line2, city, postal_code) becomes the
    person's main address.
    """
    for name, value in fields.items():
        if name in TYPED_FIELDS and value:
            setattr(person, name, value)
    _set_typed(person, "phone", str(phone) if phone else None)
    _set_typed(person, "email", email or None)
    person.save()
    if address and address.get("line1"):
        person_address_set_main(person=person, **address)
    return person


def _set_typed(person, name, value):
    if not value or person_holds(person=person, **{name: value}):
        return
    if getattr(person, f"{name}_verified_at") is None:
        setattr(person, name, value)


def person_holds(*, person: Person, phone=None, email=None) -> bool:
    """Whether ``phone`` (E.164) or ``email`` is already the person's."""
    if phone is not None:
        return str(person.phone or "") == str(phone)
    return (person.email or "").lower() == (email or "").lower()


def person_address_set_main(*, person: Person, line1, line2="", city="", postal_code="",
                            ) -> PersonAddress:
    """Make this address the person's main one (the same address is not added twice)."""
    city = city or "Montréal"
    with transaction.atomic():
        address = person.addresses.filter(line1=line1, line2=line2, city=city,
                                          postal_code=postal_code).first()
        person.addresses.exclude(pk=getattr(address, "pk", None)).update(is_default=False)
        if address is None:
            return person.addresses.create(line1=line1, line2=line2, city=city,
                                           postal_code=postal_code, is_default=True)
        if not address.is_default:
            address.is_default = True
            address.save(update_fields=["is_default"])
    return address


def person_merge(*, keep: Person, other: Person, by=None) -> Person:
    """Make ``other`` part of ``keep``: everything pointing at ``other`` moves, ``other`` goes.

    The caller knows both are one human (a code confirmed, staff on the phone
    with them, the account's own number). ``keep``'s details stay; its blanks
    are filled from ``other``, with ``other``'s verification (an unverified
    detail never becomes a verified one). Two accounts, or two records of a
    kind a person has once (a meal client), are refused: ``ValidationError``.
    """
    if keep.pk == other.pk:
        return keep
    with transaction.atomic():
        keep, other = _locked(keep, other)
        conflicts = person_merge_conflicts(keep=keep, other=other)
        if conflicts:
            raise ValidationError(conflicts, code="conflict")
        _move_relations(keep, other)
        user_id, other_pk = other.user_id, other.pk
        _fill_blanks(keep, other)
        other.delete()
        if user_id and not keep.user_id:
            keep.user_id = user_id
        keep.save()
    person_merged.send(sender=Person, keep=keep, other_pk=other_pk, by=by)
    return keep


def _locked(keep, other):
    rows = Person._default_manager.select_for_update().in_bulk([keep.pk, other.pk])
    return rows[keep.pk], rows[other.pk]


def person_merge_conflicts(*, keep: Person, other: Person) -> list[str]:
    """Why ``other`` cannot become part of ``keep`` (empty when it can)."""
    if keep is None or other is None or keep.pk == other.pk:
        return []
    reasons = []
    if keep.user_id and other.user_id:
        reasons.append(_("These two people each have an online account: they cannot be "
                         "merged."))
    for relation in Person._meta.related_objects:
        if relation.one_to_one and all(
                relation.related_model._base_manager.filter(**{relation.field.name: p}).exists()
                for p in (keep, other)):
            reasons.append(_("Both people have a %(record)s: they cannot be merged.")
                           % {"record": relation.related_model._meta.verbose_name})
    return reasons


def _move_relations(keep, other):
    if keep.addresses.filter(is_default=True).exists():
        other.addresses.update(is_default=False)
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            getattr(keep, relation.get_accessor_name()).add(
                *getattr(other, relation.get_accessor_name()).all())
            continue
        rows = relation.related_model._base_manager.filter(**{relation.field.name: other})
        # The base manager's plain update: the consent ledger refuses updates through its
        # own manager, and moving its rows to the same human changes no entry.
        rows.update(**{relation.field.name: keep})


def _fill_blanks(keep, other):
    for name in ("first_name", "last_name"):
        if not getattr(keep, name):
            setattr(keep, name, getattr(other, name))
    for name in ("phone", "email"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
            setattr(keep, f"{name}_verified_at", getattr(other, f"{name}_verified_at"))
        elif (getattr(keep, name) and person_holds(person=other, **{name: getattr(keep, name)})
              and getattr(keep, f"{name}_verified_at") is None):
            setattr(keep, f"{name}_verified_at", getattr(other, f"{name}_verified_at"))


def person_same_name(person: Person, first_name: str, last_name: str) -> bool:
    """Whether the person bears this name (accents and case aside), or has no name yet."""
    if not person.first_name and not person.last_name:
        return True
    return (_plain(person.first_name), _plain(person.last_name)) == (_plain(first_name),
                                                                      _plain(last_name))


def _plain(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
