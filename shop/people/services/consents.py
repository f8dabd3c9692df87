"""The consent ledger (CASL): every consent given, implied or withdrawn is a new row.

The latest row of a (person, purpose, channel) decides; an implied consent
(from a purchase) lapses at its ``expires_at``.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from shop import clock
from shop.people.models import (
    IMPLIED_CONSENT_LASTS,
    Consent,
    ConsentAction,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
)
from shop.people.selectors.consents import consents_latest

#: What a text message may be about: STOP withdraws them all, START gives back the first two.
SMS_PURPOSES = (ConsentPurpose.SERVICE, ConsentPurpose.REMINDERS, ConsentPurpose.NEWS)
RESUMED_BY_START = (ConsentPurpose.SERVICE, ConsentPurpose.REMINDERS)
IMPLIED_BY_PURCHASE = (ConsentChannel.EMAIL, ConsentChannel.SMS)
#: A purchase renews an implied consent recorded at least this long before it.
IMPLIED_RENEWED_AFTER = timedelta(days=1)
PURCHASE_WORDING = _("A purchase from the cooperative: news and campaigns may be sent for two "
                     "years, until the person says stop.")


def consent_record(*, person, purpose, channel, action, method, wording, given_by="",
                   recorded_by=None, source="", now=None) -> Consent:
    """Append one entry to ``person``'s consent ledger."""
    now = now or clock.now()
    expires_at = now + IMPLIED_CONSENT_LASTS if action == ConsentAction.IMPLIED else None
    return Consent._default_manager.create(
        person=person, purpose=purpose, channel=channel, action=action, method=method,
        wording=wording, given_by=given_by,
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,
        source=source, created_at=now, expires_at=expires_at,
    )


@transaction.atomic
def consents_record(*, person, purposes, channel, action, method, wording, given_by="",
                    recorded_by=None, source="", now=None) -> list[Consent]:
    """One entry per purpose, all with the same words and moment (a STOP, a form ticked)."""
    now = now or clock.now()
    return [consent_record(person=person, purpose=purpose, channel=channel, action=action,
                           method=method, wording=wording, given_by=given_by,
                           recorded_by=recorded_by, source=source, now=now)
            for purpose in purposes]


def consent_imply_from_purchase(*, person, source, now=None) -> list[Consent]:
    """An order placed implies consent to news by email and SMS, for two years.

    Never over an express consent (it would make it lapse) nor over a
    withdrawal (a purchase does not undo a STOP); a later purchase renews an
    implied one, once it is a day old (``IMPLIED_RENEWED_AFTER``): a client's
    orders of one day leave the ledger as the first one left it, and the
    consent lapses two years after that first one, never later. One read and at
    most one insert.
    """
    now = now or clock.now()
    latest = consents_latest(person=person, purpose=ConsentPurpose.NEWS,
                             channels=IMPLIED_BY_PURCHASE)
    expires_at = now + IMPLIED_CONSENT_LASTS
    entries = [
        Consent(person=person, purpose=ConsentPurpose.NEWS, channel=channel,
                action=ConsentAction.IMPLIED, method=ConsentMethod.PURCHASE,
                wording=str(PURCHASE_WORDING), source=source, created_at=now,
                expires_at=expires_at)
        for channel in IMPLIED_BY_PURCHASE if _purchase_changes(latest.get(channel), now)
    ]
    return Consent._default_manager.bulk_create(entries) if entries else []


def _purchase_changes(latest, now) -> bool:
    """Whether a purchase at ``now`` adds to the ledger whose deciding entry is ``latest``."""
    if latest is None:
        return True
    return (latest.action == ConsentAction.IMPLIED
            and now - latest.created_at >= IMPLIED_RENEWED_AFTER)
