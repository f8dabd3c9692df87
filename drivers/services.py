"""What coordinators and drivers do: assign a route, send and revoke its link, record stops.

Every SMS goes through the outbox (``shop.notifications``), keyed on the event
so that one event sends one message at most. Outcomes from the phone are keyed
on the id the phone made: a queue sent twice is stored once.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from services.models import Delivery, DeliveryStatus, Route
from services.services.routes import delivery_record_outcome, route_set_driver
from shop import clock
from shop.notifications.models import MessageKind
from shop.notifications.services import message_queue
from shop.people.models import ConsentChannel, ConsentPurpose
from shop.people.selectors.consents import consent_holds

from .models import Outcome, RouteLink, StopOutcome, Volunteer
from .selectors import route_link_current
from .tokens import token_for

logger = logging.getLogger(__name__)


# --- Volunteers and routes -------------------------------------------------------------

def volunteer_add(*, person, program, weekdays: list[int]) -> Volunteer:
    from services.weekdays import weekdays_to_mask

    volunteer, _created = Volunteer._default_manager.update_or_create(
        person=person, program=program,
        defaults={"weekdays": weekdays_to_mask(weekdays), "is_active": True})
    return volunteer


def link_expiry(route: Route):
    """The end of the route's day, on the shop's clock."""
    next_day = route.date + timedelta(days=1)
    return datetime.combine(next_day, time(0, 0), tzinfo=clock.shop_zone())


def route_assign(*, route: Route, volunteer: Volunteer, now=None) -> RouteLink:
    """``volunteer`` drives ``route``: a new link (earlier ones revoked), their name on the sheet."""
    if volunteer.program_id != route.program_id or not volunteer.is_active:
        raise ValidationError(_("This volunteer does not drive for this program."),
                              code="program")
    now = now or clock.now()
    person = volunteer.person
    with transaction.atomic():
        Route._default_manager.select_for_update().filter(pk=route.pk).first()
        RouteLink._default_manager.filter(route=route, revoked_at__isnull=True).update(
            revoked_at=now)
        link = RouteLink._default_manager.create(route=route, volunteer=volunteer,
                                                 created_at=now, expires_at=link_expiry(route))
        route_set_driver(route=route, driver_name=person.full_name,
                         driver_phone=str(person.phone or ""), driver=person.user)
    return link


def link_revoke(*, link: RouteLink, by=None, now=None) -> RouteLink:
    """The link opens no more (a phone lost, a driver replaced)."""
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = now or clock.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def link_url(link: RouteLink) -> str:
    path = reverse("drivers:route-page", kwargs={"token": token_for(link)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def link_send(*, link: RouteLink, now=None) -> bool:
    """Text the driver their link, once per link; False when they did not agree to texts."""
    person = link.volunteer.person
    if not person.phone or not consent_holds(person=person, purpose=ConsentPurpose.SERVICE,
                                             channel=ConsentChannel.SMS, now=now):
        return False
    route = link.route
    with translation.override(_language(person.language)):
        body = _("Meal delivery: your route %(route)s for %(day)s, %(stops)s stops: %(url)s") % {
            "route": route.name, "day": formats.date_format(route.date, "l j F"),
            "stops": route.stops.exclude(status=DeliveryStatus.SKIPPED).count(),
            "url": link_url(link)}
    with transaction.atomic():
        message_queue(to=str(person.phone), body=body, kind=MessageKind.OTHER,
                      key=f"driver-link:{link.pk}", user=person.user)
        RouteLink._default_manager.filter(pk=link.pk, sent_at__isnull=True).update(
            sent_at=now or clock.now())
    return True


def links_send_for_day(*, date, now=None) -> int:
    """The evening before: text every assigned driver of ``date`` whose link is not sent yet."""
    sent = 0
    for route in Route._default_manager.filter(date=date):
        link = route_link_current(route)
        if link is not None and link.sent_at is None and link_send(link=link, now=now):
            sent += 1
    return sent


# --- Outcomes from the phone -------------------------------------------------------------

@dataclass(frozen=True)
class OutcomeResult:
    id: str
    status: str  # stored, duplicate, refused
    message: str = ""


def outcomes_record(*, link: RouteLink, items: list, now=None) -> list[OutcomeResult]:
    """Store each outcome the phone sends, once per phone-made id, and apply it to its stop."""
    now = now or clock.now()
    return [_outcome_record(link, item, now) for item in items if isinstance(item, dict)]


def _outcome_record(link, item, now) -> OutcomeResult:
    raw_id = str(item.get("id", ""))
    try:
        client_id = uuid.UUID(raw_id)
    except ValueError:
        return OutcomeResult(raw_id, "refused", _("Unknown outcome."))
    if StopOutcome._default_manager.filter(client_id=client_id).exists():
        return OutcomeResult(raw_id, "duplicate")
    delivery = Delivery._default_manager.filter(route=link.route_id,
                                                pk=_int(item.get("delivery"))).first()
    outcome = item.get("outcome")
    if delivery is None or outcome not in Outcome.values:
        return OutcomeResult(raw_id, "refused", _("Unknown outcome."))
    try:
        with transaction.atomic():
            StopOutcome._default_manager.create(
                delivery=delivery, link=link, outcome=outcome, client_id=client_id,
                note=str(item.get("note") or "")[:1000], received_at=now,
                recorded_at=_moment(item.get("recorded_at")))
            delivery_record_outcome(delivery=delivery, outcome=outcome, now=now,
                                    note=str(item.get("note") or "")[:1000])
    except IntegrityError:  # the same id arriving at the same moment
        return OutcomeResult(raw_id, "duplicate")
    except ValidationError as error:
        return OutcomeResult(raw_id, "refused", " ".join(error.messages))
    return OutcomeResult(raw_id, "stored")


def _language(code) -> str:
    """The catalogue a message is written in: English, else Québec French."""
    return "en" if code == "en" else "fr-ca"


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _moment(value):
    try:
        return parse_datetime(str(value)) if value else None
    except ValueError:
        return None


# --- The welfare alert ---------------------------------------------------------------------

def welfare_alert(*, delivery: Delivery) -> list:
    """Nobody answered the door: text the on-call coordinator and the emergency contact, once."""
    client, route = delivery.client, delivery.route
    sent = []
    on_call = getattr(settings, "MEALS_ON_CALL_PHONE", "")
    if on_call:
        with translation.override(_language("fr")):
            body = _("Welfare check: nobody home for %(client)s, %(address)s (route %(route)s). "
                     "Client's phone: %(phone)s.") % {
                "client": client.full_name, "address": client.address,
                "route": route.name if route else "-",
                "phone": client.phone.as_national if client.phone else "-"}
        sent.append(message_queue(to=str(on_call), body=body, kind=MessageKind.OTHER,
                                  key=f"welfare:{delivery.pk}:on-call"))
    if client.emergency_contact_phone:
        with translation.override(_language(client.language)):
            body = _("Meal delivery: %(client)s did not answer the door today. We are trying "
                     "to reach them. Questions: %(phone)s") % {
                "client": client.full_name,
                "phone": delivery.program.contact_phone_display or "-"}
        sent.append(message_queue(to=str(client.emergency_contact_phone), body=body,
                                  kind=MessageKind.OTHER,
                                  key=f"welfare:{delivery.pk}:emergency-contact"))
    return sent


def volunteer_register(*, program, first_name: str, last_name: str, phone, weekdays: list[int],
                       sms_consent: bool, by=None, now=None) -> Volunteer:
    """A volunteer typed at the desk: the person of that number, else a new person."""
    from shop.people.models import ConsentAction, ConsentMethod, Person
    from shop.people.selectors.consents import person_of_number
    from shop.people.services.consents import consent_record

    with transaction.atomic():
        person = person_of_number(str(phone)) or Person._default_manager.create(
            first_name=first_name, last_name=last_name, phone=phone)
        if sms_consent:
            consent_record(person=person, purpose=ConsentPurpose.SERVICE,
                           channel=ConsentChannel.SMS, action=ConsentAction.GIVEN,
                           method=ConsentMethod.DESK, recorded_by=by, now=now,
                           given_by=person.full_name, source="drivers",
                           wording=str(_("I agree to receive my meal delivery routes by SMS.")))
        return volunteer_add(person=person, program=program, weekdays=weekdays)
