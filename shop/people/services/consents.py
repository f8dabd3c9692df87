"""The consent ledger (CASL): every consent given, implied or withdrawn is a new row.

The latest row of a (person, purpose, channel) decides; an implied consent
(from a purchase) lapses at its ``expires_at``.
"""

from shop import clock
from shop.people.models import IMPLIED_CONSENT_LASTS, Consent, ConsentAction


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
