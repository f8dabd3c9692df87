"""A person's record: made with an account or a client record, kept in step with them."""

from django.db import transaction

from shop import clock
from shop.people.models import Person


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
