"""SMS campaigns: to the people whose consent ledger holds news by SMS today, in a seller's name.

Each message names the seller and the cooperative and says how to stop
(Canada's anti-spam law), in the person's language; an implied consent (a
purchase) reaches them for two years only. Sending is throttled by
spreading the messages' send times, which skip the quiet hours: a campaign
that reaches 21:00 goes on at 08:00 at the same pace (``send_times``); the
outbox never sends to a number that opted out, even after the campaign was
started. Other apps add segments with ``register_segment`` (for example the
clients of a meal program): a segment is a queryset of people, and only
those of them who consent are reached.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop import clock
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.notifications.quiet_hours import quiet_hours_end
from shop.notifications.services import is_opted_out, message_queue
from shop.notifications.texts import short_language
from shop.people.models import Consent, ConsentAction, ConsentChannel, ConsentPurpose, Person
from shop.people.selectors.consents import people_consenting

from ..models import Campaign

SEGMENTS = {}


@dataclass(frozen=True)
class Segment:
    code: str
    label: str
    recipients: object  # func(campaign) -> queryset of people.Person


def register_segment(code, label, recipients):
    SEGMENTS[code] = Segment(code, label, recipients)


def consenting_people(people=None, *, now=None):
    """People whose ledger holds news and campaigns by SMS today, with a phone number."""
    return people_consenting(purpose=ConsentPurpose.NEWS, channel=ConsentChannel.SMS, now=now,
                             people=people).filter(phone__isnull=False).exclude(phone="")


def _seller_customers(campaign):
    return Person._default_manager.filter(user__orders__lines__partner=campaign.seller).distinct()


def _everyone(campaign):
    return Person._default_manager.all()


register_segment("seller_customers", gettext_lazy("The seller's customers who agreed to SMS"),
                 _seller_customers)
register_segment("all_consenting", gettext_lazy("Every client who agreed to SMS"), _everyone)


def campaign_recipients(campaign, *, now=None) -> list[tuple[str, Person]]:
    """(phone, person) of the segment's people who consent today, one per number, by person."""
    people = consenting_people(SEGMENTS[campaign.segment].recipients(campaign), now=now)
    recipients = {}
    for person in people.select_related("user").order_by("pk"):
        phone = str(person.phone)
        if phone not in recipients and not is_opted_out(phone, MessageKind.CAMPAIGN):
            recipients[phone] = person
    return list(recipients.items())


def campaign_text(campaign, language) -> str:
    """The campaign's words, with who sends them and how to stop, in ``language``."""
    shop_name = settings.OSCAR_SHOP_NAME
    seller = campaign.seller.name if campaign.seller else ""
    with translation.override(short_language(language)):
        sender = (_("%(seller)s (%(cooperative)s)") % {"seller": seller, "cooperative": shop_name}
                  if seller and seller != shop_name else shop_name)
        return _("%(sender)s: %(body)s %(how_to_stop)s") % {
            "sender": sender, "body": campaign.body.strip(),
            "how_to_stop": _("Reply STOP to unsubscribe.")}


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
    """Write one message per consenting person, spread at ``per_minute`` (``send_times``)."""
    campaign = Campaign._default_manager.select_for_update().get(pk=campaign.pk)
    if campaign.started_at:
        return 0
    now = now or clock.now()
    campaign.started_at = now
    campaign.save(update_fields=["started_at"])
    recipients = campaign_recipients(campaign, now=now)
    times = send_times(start=now, count=len(recipients), per_minute=campaign.per_minute)
    for (phone, person), send_after in zip(recipients, times, strict=True):
        message_queue(to=phone, body=campaign_text(campaign, person.language),
                      kind=MessageKind.CAMPAIGN, user=person.user,
                      key=campaign.key_prefix + phone, send_after=send_after)
    return len(recipients)


def campaign_report(campaign: Campaign) -> dict:
    """Messages written, sent, delivered, failed, not sent; numbers that opted out since."""
    messages = OutboundMessage._default_manager.filter(key__startswith=campaign.key_prefix)
    counts = {row["status"]: row["n"] for row in messages.values("status").annotate(n=Count("pk"))}
    opted_out = 0
    if campaign.started_at:
        numbers = messages.values("to")
        opted_out = Consent._default_manager.filter(
            action=ConsentAction.WITHDRAWN, purpose=ConsentPurpose.NEWS,
            channel=ConsentChannel.SMS, created_at__gte=campaign.started_at).filter(
            Q(person__phone__in=numbers) | Q(person__sms_contacts__phone__in=numbers)
            | Q(person__user__phone__in=numbers)).values("person").distinct().count()
    return {
        "total": sum(counts.values()),
        "queued": counts.get(MessageStatus.QUEUED, 0),
        "sent": counts.get(MessageStatus.SENT, 0) + counts.get(MessageStatus.DELIVERED, 0),
        "delivered": counts.get(MessageStatus.DELIVERED, 0),
        "failed": counts.get(MessageStatus.FAILED, 0),
        "not_sent": counts.get(MessageStatus.SKIPPED, 0),
        "opted_out": opted_out,
    }
