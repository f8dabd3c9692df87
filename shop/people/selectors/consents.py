"""Reading the consent ledger: what a person agrees to today."""

from shop import clock
from shop.people.models import Consent


def consent_latest(*, person, purpose, channel) -> Consent | None:
    """The entry that decides for this purpose and channel, or None if none was ever recorded."""
    return (Consent._default_manager.filter(person=person, purpose=purpose, channel=channel)
            .order_by("-created_at", "-pk").first())


def consent_holds(*, person, purpose, channel, now=None) -> bool:
    """Whether ``person`` agrees today to messages of ``purpose`` on ``channel``."""
    entry = consent_latest(person=person, purpose=purpose, channel=channel)
    if entry is None or not entry.grants:
        return False
    return entry.expires_at is None or entry.expires_at > (now or clock.now())
