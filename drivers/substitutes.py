"""Substitutes: an open route offered by SMS to volunteers free that day; the first OUI takes it.

The offer goes to up to ``count`` active volunteers of the program who drive on
the route's weekday and agreed to texts. Their answer comes through the SMS
channel's hook for a OUI/NON no question of its own was asked
(``phone_orders.hooks.register_unasked_answer``): the route row is locked while
the answer is read, and at most one offer per route may be "taken" (a unique
constraint), so two OUI at the same moment never give the route twice. The
others are told it is already taken.
"""

from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from services.models import Route
from shop import clock
from shop.notifications.models import MessageKind
from shop.notifications.services import message_queue
from shop.people.models import ConsentChannel, ConsentPurpose
from shop.people.selectors.consents import consent_holds

from .models import OfferStatus, RouteOffer, Volunteer
from .selectors import route_link_current, volunteers_for
from .services import _language, link_send, route_assign

OFFER_COUNT = 3


def route_offer(*, route: Route, count: int = OFFER_COUNT, now=None) -> list[RouteOffer]:
    """Text the route to up to ``count`` volunteers free that day not asked yet."""
    now = now or clock.now()
    current = route_link_current(route)
    asked = set(RouteOffer._default_manager.filter(route=route).values_list("volunteer",
                                                                           flat=True))
    candidates = [volunteer for volunteer in volunteers_for(route)
                  if volunteer.pk not in asked and (current is None or
                                                    current.volunteer_id != volunteer.pk)
                  and _may_text(volunteer, now)][:count]
    with transaction.atomic():
        return [_offer(route, volunteer, now) for volunteer in candidates]


def _may_text(volunteer, now):
    return bool(volunteer.person.phone) and consent_holds(
        person=volunteer.person, purpose=ConsentPurpose.SERVICE, channel=ConsentChannel.SMS,
        now=now)


def _offer(route, volunteer, now):
    offer = RouteOffer._default_manager.create(route=route, volunteer=volunteer, offered_at=now)
    with translation.override(_language(volunteer.person.language)):
        body = _("Meal delivery: route %(route)s on %(day)s (%(stops)s stops) needs a driver. "
                 "Reply YES to take it.") % {
            "route": route.name, "day": formats.date_format(route.date, "l j F"),
            "stops": route.stops.count()}
    message_queue(to=str(volunteer.person.phone), body=body, kind=MessageKind.OTHER,
                  key=f"route-offer:{offer.pk}", user=volunteer.person.user)
    return offer


def offer_answer(*, phone, yes: bool, now=None) -> str | None:
    """OUI/NON from a volunteer asked to drive; the reply, or None if nothing was offered."""
    now = now or clock.now()
    offer = (RouteOffer._default_manager
             .filter(volunteer__person__phone=phone, status=OfferStatus.OPEN,
                     route__date__gte=clock.today(now))
             .select_related("route", "volunteer__person").order_by("-offered_at", "-pk").first())
    if offer is None:
        return None
    with translation.override(_language(offer.volunteer.person.language)):
        if not yes:
            _close(offer, OfferStatus.DECLINED, now)
            return _("Thank you, noted. Another volunteer will be asked.")
        if _take(offer, now):
            return _("Thank you! Route %(route)s on %(day)s is yours. Your link follows by "
                     "text message.") % {"route": offer.route.name,
                                         "day": formats.date_format(offer.route.date, "l j F")}
        return _("Thank you! This route is already taken.")


def _take(offer, now) -> bool:
    try:
        with transaction.atomic():
            Route._default_manager.select_for_update().filter(pk=offer.route_id).first()
            if RouteOffer._default_manager.filter(route=offer.route_id,
                                                  status=OfferStatus.TAKEN).exists():
                _close(offer, OfferStatus.TOO_LATE, now)
                return False
            _close(offer, OfferStatus.TAKEN, now)
            link = route_assign(route=offer.route, volunteer=offer.volunteer, now=now)
            link_send(link=link, now=now)
            return True
    except IntegrityError:  # another OUI took it at the same moment
        _close(offer, OfferStatus.TOO_LATE, now)
        return False


def _close(offer, status, now):
    offer.status, offer.answered_at = status, now
    offer.save(update_fields=["status", "answered_at"])


# --- The SMS channel's hooks (registered in DriversConfig.ready) ----------------------------

def sms_offer_answer(*, user=None, phone=None, yes: bool, language="fr"):
    return offer_answer(phone=phone, yes=yes) if phone else None


def volunteer_language(*, phone):
    """The language of a volunteer known by ``phone`` alone, or None."""
    volunteer = (Volunteer._default_manager.filter(person__phone=phone, is_active=True)
                 .select_related("person").first())
    return volunteer.person.language if volunteer else None
