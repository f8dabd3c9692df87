"""What a person changes on their account page: name, language, channel, consents.

Their phone number and email are not changed here: they count as theirs only
once verified (the cooperative changes them on the phone, or the account's
own page confirms them).
"""

from django.db import transaction

from shop.people.models import ConsentAction, Person
from shop.people.services.consents import consent_record
from shop.people.signals import person_details_changed

CONTACT_FIELDS = ("first_name", "last_name", "language", "preferred_channel")


def person_contact_update(*, person: Person, first_name: str, last_name: str, language: str,
                          preferred_channel: str) -> Person:
    """Save the person's name, language and preferred channel; the account's name follows.

    The account keeps the same name, so that the next save of the account
    (which copies its name onto the person) does not undo the change.
    """
    with transaction.atomic():
        person = Person._default_manager.select_for_update().get(pk=person.pk)
        person.first_name, person.last_name = first_name.strip(), last_name.strip()
        person.language, person.preferred_channel = language, preferred_channel
        person.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
        user = person.user
        if user is not None and (user.first_name, user.last_name) != (
                person.first_name, person.last_name):
            user.first_name, user.last_name = person.first_name, person.last_name
            user.save(update_fields=["first_name", "last_name"])
        person_details_changed.send(sender=Person, person=person, by=user)
    return person


def person_consents_change(*, person: Person, changes, method: str, given_by: str,
                           recorded_by=None, now=None) -> list:
    """Append one ledger row per consent changed: ``changes`` holds (purpose, channel,
    given, wording) tuples, ``wording`` being the words the person saw or heard."""
    with transaction.atomic():
        return [consent_record(
            person=person, purpose=purpose, channel=channel,
            action=ConsentAction.GIVEN if given else ConsentAction.WITHDRAWN, method=method,
            wording=wording, given_by=given_by, recorded_by=recorded_by, now=now)
            for purpose, channel, given, wording in changes]
