"""Reading the consent ledger: what a person agrees to today, and who agrees to what."""

from django.db.models import OuterRef, Q, Subquery

from shop import clock
from shop.people.models import Consent, ConsentAction, ConsentChannel, ConsentPurpose, Person

GRANTING = (ConsentAction.GIVEN, ConsentAction.IMPLIED)


def consent_latest(*, person, purpose, channel) -> Consent | None:
    """The entry that decides for this purpose and channel, or None if none was ever recorded."""
    return (Consent._default_manager.filter(person=person, purpose=purpose, channel=channel)
            .order_by("-created_at", "-pk").first())


def consents_latest(*, person, purpose, channels) -> dict:
    """``{channel: deciding entry}`` of ``purpose`` on each of ``channels`` ever recorded, in
    one query (a subquery picks each channel's latest)."""
    latest = (Consent._default_manager
              .filter(person=person, purpose=purpose, channel=OuterRef("channel"))
              .order_by("-created_at", "-pk").values("pk")[:1])
    entries = Consent._default_manager.filter(person=person, purpose=purpose,
                                              channel__in=channels, pk=Subquery(latest))
    return {entry.channel: entry for entry in entries}


def consent_holds(*, person, purpose, channel, now=None) -> bool:
    """Whether ``person`` agrees today to messages of ``purpose`` on ``channel``."""
    entry = consent_latest(person=person, purpose=purpose, channel=channel)
    if entry is None or not entry.grants:
        return False
    return entry.expires_at is None or entry.expires_at > (now or clock.now())


def consent_withdrawn(*, person, purpose, channel) -> bool:
    """Whether the entry that decides is a withdrawal (no entry at all is not one)."""
    entry = consent_latest(person=person, purpose=purpose, channel=channel)
    return entry is not None and entry.action == ConsentAction.WITHDRAWN


def with_latest_consent(people, *, purpose, channel):
    """``people`` annotated with the action and expiry of their deciding entry."""
    latest = (Consent._default_manager
              .filter(person=OuterRef("pk"), purpose=purpose, channel=channel)
              .order_by("-created_at", "-pk"))
    return people.annotate(consent_action=Subquery(latest.values("action")[:1]),
                           consent_expires_at=Subquery(latest.values("expires_at")[:1]))


def people_consenting(*, purpose, channel, now=None, people=None):
    """The people (of ``people``, else everyone) whose ledger holds ``purpose`` on ``channel`` today."""
    now = now or clock.now()
    people = Person._default_manager.all() if people is None else people
    return (with_latest_consent(people, purpose=purpose, channel=channel)
            .filter(consent_action__in=GRANTING)
            .filter(Q(consent_expires_at__isnull=True) | Q(consent_expires_at__gt=now)))


def people_of_number(phone):
    """Every person a phone number (E.164) belongs to or was given for."""
    if not phone:
        return Person._default_manager.none()
    return Person._default_manager.filter(
        Q(phone=phone) | Q(user__phone=phone) | Q(sms_contacts__phone=phone)).distinct()


def person_of_number(phone) -> Person | None:
    """The person who answers for a number: the one its SMS contact names, else its account's,
    else the one whose number it is (verified first)."""
    people = people_of_number(phone)
    for chosen in (people.filter(sms_contacts__phone=phone), people.filter(user__phone=phone),
                   people.filter(phone=phone, phone_verified_at__isnull=False), people):
        person = chosen.order_by("pk").first()
        if person is not None:
            return person
    return None


def number_withdrawn(*, phone, purpose=ConsentPurpose.SERVICE) -> bool:
    """Whether anyone of the number withdrew ``purpose`` by SMS (STOP stops the number)."""
    people = with_latest_consent(people_of_number(phone), purpose=purpose,
                                 channel=ConsentChannel.SMS)
    return people.filter(consent_action=ConsentAction.WITHDRAWN).exists()
