"""A reminder to renew, some days before a membership lapses: once per membership.

The message goes through the notifications outbox (SMS to a member with a
phone, else email), keyed on the membership, so a second run, or a concurrent
one, writes nothing more. A member who already renewed (a later membership of
the same tool library) or whose membership has lapsed is not reminded.
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock
from shop.notifications.models import MessageKind, OutboundMessage
from shop.notifications.services import notify_person
from shop.rentals.models import Membership

RENEWAL_NOTICE_DAYS = 14


def renewal_key(membership) -> str:
    return f"membership-renewal:{membership.pk}"


def membership_renewal_reminders_send(*, today: date | None = None) -> int:
    """Remind members whose membership ends within ``RENEWAL_NOTICE_DAYS``; returns how many."""
    today = today or clock.today()
    sent = 0
    for membership in memberships_to_remind(today=today):
        if _reminded(membership):
            continue
        if membership_renewal_remind(membership=membership) is not None:
            sent += 1
    return sent


def memberships_to_remind(*, today: date):
    """Running memberships ending within the notice, whose member has not renewed."""
    renewed = Membership._default_manager.filter(
        member=OuterRef("member"), tier__seller=OuterRef("tier__seller"),
        end_date__gt=OuterRef("end_date"))
    return (
        Membership._default_manager
        .filter(start_date__lte=today, end_date__gte=today,
                end_date__lte=today + timedelta(days=RENEWAL_NOTICE_DAYS))
        .exclude(Exists(renewed))
        .select_related("tier__seller", "member")
        .order_by("end_date", "pk")
        .iterator(chunk_size=500)
    )


def _reminded(membership) -> bool:
    return OutboundMessage._default_manager.filter(
        key__startswith=renewal_key(membership) + ":").exists()


def membership_renewal_remind(*, membership):
    """Write the renewal reminder of ``membership`` to the outbox (None: no way to reach them)."""
    from shop.payments.services import public_url

    body = _("Your membership of %(seller)s ends on %(date)s. Renew it to keep borrowing "
             "tools: %(url)s or call %(phone)s.") % {
        "seller": membership.tier.seller.name, "date": date_format(membership.end_date),
        "url": public_url(reverse("rentals:membership-plans")),
        "phone": _phone(membership.tier.seller),
    }
    return notify_person(user=membership.member, body=body, kind=MessageKind.OTHER,
                         key=renewal_key(membership))


def _phone(seller):
    return seller.contact_phone.as_national if seller.contact_phone else seller.name
