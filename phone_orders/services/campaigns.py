"""SMS campaigns: to clients who gave their express consent, in a seller's name.

Each message names the seller and says how to stop (Canada's anti-spam law);
sending is throttled by spreading the messages' send times, which skip the
quiet hours: a campaign that reaches 21:00 goes on at 08:00 at the same pace
(``send_times``); the outbox never sends to a number that opted out, even
after the campaign was started. Other apps add segments with
``register_segment`` (for example the clients of a meal program).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop import clock
from shop.notifications.models import (
    ConsentAction,
    ConsentRecord,
    MessageKind,
    MessageStatus,
    OutboundMessage,
    SmsContact,
)
from shop.notifications.quiet_hours import quiet_hours_end
from shop.notifications.services import message_queue
from shop.notifications.texts import short_language

from ..models import Campaign

User = get_model("accounts", "User")
SEGMENTS = {}
FOOTER = {"fr": "ARRET pour ne plus recevoir de SMS.", "en": "STOP to receive no more texts."}


@dataclass(frozen=True)
class Segment:
    code: str
    label: str
    recipients: object  # func(campaign) -> iterable of SmsContact


def register_segment(code, label, recipients):
    SEGMENTS[code] = Segment(code, label, recipients)


def consenting_contacts():
    """Numbers with express consent that have not opted out since."""
    return SmsContact._default_manager.filter(consented_at__isnull=False, opted_out_at__isnull=True)


def _seller_customers(campaign):
    buyers = User._default_manager.filter(orders__lines__partner=campaign.seller)
    return consenting_contacts().filter(user__in=buyers).distinct()


def _all_consenting(campaign):
    return consenting_contacts()


register_segment("seller_customers", _("The seller's customers who agreed to SMS"), _seller_customers)
register_segment("all_consenting", _("Every client who agreed to SMS"), _all_consenting)


def campaign_text(campaign, language) -> str:
    language = short_language(language)
    sender = campaign.seller.name if campaign.seller else "Comptoir"
    return f"{sender} : {campaign.body.strip()} {FOOTER[language]}"


def send_times(*, start, count: int, per_minute: int):
    """When each of ``count`` messages goes: ``per_minute`` a minute from ``start``,
    outside the quiet hours.

    A message whose turn falls in the quiet hours waits for their end, and the
    ones after it keep their spacing from there: started at 20:59 at 2 a
    minute, 20:59:00, 20:59:30, then 08:00:00, 08:00:30, 08:01:00…
    """
    gap = timedelta(seconds=60.0 / max(per_minute, 1))
    times, at = [], start
    for _index in range(count):
        at = quiet_hours_end(at) or at
        times.append(at)
        at += gap
    return times


@transaction.atomic
def campaign_start(*, campaign: Campaign, now=None) -> int:
    """Write one message per consenting recipient, spread at ``per_minute`` (``send_times``)."""
    campaign = Campaign._default_manager.select_for_update().get(pk=campaign.pk)
    if campaign.started_at:
        return 0
    now = now or clock.now()
    campaign.started_at = now
    campaign.save(update_fields=["started_at"])
    contacts = list(SEGMENTS[campaign.segment].recipients(campaign).order_by("pk"))
    times = send_times(start=now, count=len(contacts), per_minute=campaign.per_minute)
    for contact, send_after in zip(contacts, times, strict=True):
        message_queue(to=contact.phone, body=campaign_text(campaign, contact.language),
                      kind=MessageKind.CAMPAIGN, user=contact.user,
                      key=campaign.key_prefix + contact.phone, send_after=send_after)
    return len(contacts)


def campaign_report(campaign: Campaign) -> dict:
    """Messages written, sent, delivered, failed, not sent; numbers that opted out since."""
    messages = OutboundMessage._default_manager.filter(key__startswith=campaign.key_prefix)
    counts = {row["status"]: row["n"] for row in messages.values("status").annotate(n=Count("pk"))}
    opted_out = 0
    if campaign.started_at:
        opted_out = ConsentRecord._default_manager.filter(
            action=ConsentAction.OPT_OUT, created_at__gte=campaign.started_at,
            phone__in=messages.values("to")).values("phone").distinct().count()
    return {
        "total": sum(counts.values()),
        "queued": counts.get(MessageStatus.QUEUED, 0),
        "sent": counts.get(MessageStatus.SENT, 0) + counts.get(MessageStatus.DELIVERED, 0),
        "delivered": counts.get(MessageStatus.DELIVERED, 0),
        "failed": counts.get(MessageStatus.FAILED, 0),
        "not_sent": counts.get(MessageStatus.SKIPPED, 0),
        "opted_out": opted_out,
    }
