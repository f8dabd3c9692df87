"""Everything a person's account page shows, read in a fixed number of queries.

The same page serves the person ("Mon compte") and staff ("what the client
sees", ``viewer``). Seller staff see only what the person did with their
sellers, and no amounts; health, diet and access notes are never read here.
Each section is one query, whatever the number of orders or bookings.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from oscar.core.loading import get_model

from services.models import Client, Delivery, DeliveryStatus, Registration
from services.services import earliest_change_date
from shop import access, clock
from shop.order.models import PaymentMethod
from shop.people.models import ConsentChannel, ConsentPurpose
from shop.people.selectors.consents import consent_holds
from shop.rentals.models import Membership, Reservation
from shop.rentals.selectors import BookingState, booking_state

Order = get_model("order", "Order")

#: The purposes and channels a person sets on their page, in the order shown.
CONSENT_PURPOSES = (ConsentPurpose.SERVICE, ConsentPurpose.REMINDERS, ConsentPurpose.NEWS)
CONSENT_CHANNELS = (ConsentChannel.SMS, ConsentChannel.EMAIL)
#: How many of the next meal deliveries the page lists.
NEXT_DELIVERIES = 10


@dataclass
class ConsentRow:
    purpose: str
    channel: str
    holds: bool

    @property
    def field_name(self) -> str:
        return f"{self.purpose}_{self.channel}"


@dataclass
class Booking:
    reservation: Reservation
    state: str
    late: bool = False


@dataclass
class MealDelivery:
    delivery: Delivery
    may_skip: bool


@dataclass
class AccountPage:
    person: object
    sees_amounts: bool = True
    orders: list = field(default_factory=list)
    invoices: list = field(default_factory=list)
    loans: list = field(default_factory=list)
    upcoming_bookings: list = field(default_factory=list)
    past_bookings: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    client: Client | None = None
    registrations: list = field(default_factory=list)
    deliveries: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    addresses: list = field(default_factory=list)


def account_page(*, person, viewer=None, now=None) -> AccountPage:
    """The sections of ``person``'s page, as ``viewer`` (None: the person) may see them."""
    now = now or clock.now()
    sellers = _seller_scope(viewer)
    page = AccountPage(person=person, sees_amounts=sellers is None)
    user = person.user
    if user is not None:
        page.orders = list(_orders(user, sellers))
        page.invoices = [order for order in page.orders
                         if order.payment_method == PaymentMethod.INVOICE]
        _sort_bookings(page, _bookings(user, sellers), now)
        page.memberships = list(_memberships(user, sellers))
    page.client = Client._default_manager.filter(person=person).first()
    if page.client is not None:
        page.registrations = list(_registrations(page.client, sellers))
        page.deliveries = _next_deliveries(page.client, sellers, now)
    page.consents = consent_rows(person=person, now=now)
    page.addresses = list(person.addresses.all())
    return page


def consent_rows(*, person, now=None) -> list[ConsentRow]:
    """One row per purpose and channel the page offers, with whether consent holds today."""
    return [ConsentRow(purpose, channel, consent_holds(person=person, purpose=purpose,
                                                      channel=channel, now=now))
            for purpose in CONSENT_PURPOSES for channel in CONSENT_CHANNELS]


def person_deliveries(*, person):
    """The meal deliveries of ``person`` (to find the one they skip)."""
    return Delivery._default_manager.filter(client__person=person)


def person_registrations(*, person):
    return Registration._default_manager.filter(client__person=person)


def people_search(*, viewer, query: str, limit: int = 50):
    """People ``viewer`` may see whose name or phone number matches ``query``."""
    people = access.people_visible_to(viewer).filter(anonymised_at__isnull=True)
    digits = "".join(ch for ch in query if ch.isdigit())
    match = Q()
    for word in query.split():
        match &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    if len(digits) >= 4:
        match = match | Q(phone__contains=digits[-10:])
    return people.filter(match).select_related("user")[:limit]


# --- Sections ------------------------------------------------------------------------


def _seller_scope(viewer):
    """None when ``viewer`` sees everything of the person, else the sellers they serve."""
    if viewer is None or access.is_coordinator(viewer) or access.takes_orders_for_all_sellers(
            viewer):
        return None
    return list(access.sellers_served_by(viewer))


def _orders(user, sellers):
    orders = Order._default_manager.filter(user=user)
    if sellers is not None:
        orders = orders.filter(lines__partner__in=sellers).distinct()
    return orders.annotate(
        meal_deliveries=Count("service_deliveries", distinct=True)).order_by(
        "-date_placed", "-pk")


def _bookings(user, sellers):
    reservations = Reservation._default_manager.filter(member=user).select_related(
        "unit__product", "unit__seller")
    if sellers is not None:
        reservations = reservations.filter(unit__seller__in=sellers)
    return reservations.order_by("start_date", "pk")


def _sort_bookings(page, reservations, now):
    today = clock.local(now).date()
    for reservation in reservations:
        state = booking_state(reservation, now=now)
        booking = Booking(reservation, state)
        if state == BookingState.CHECKED_OUT:
            booking.late = reservation.end_date < today
            page.loans.append(booking)
        elif state in (BookingState.HELD, BookingState.CONFIRMED) and \
                reservation.end_date >= today:
            page.upcoming_bookings.append(booking)
        else:
            page.past_bookings.append(booking)
    page.past_bookings.reverse()  # the latest first


def _memberships(user, sellers):
    memberships = Membership._default_manager.filter(member=user).select_related("tier__seller")
    if sellers is not None:
        memberships = memberships.filter(tier__seller__in=sellers)
    return memberships.order_by("-end_date")


def _registrations(client, sellers):
    registrations = client.registrations.select_related("program", "season", "meal_option")
    if sellers is not None:
        registrations = registrations.filter(program__seller__in=sellers)
    return registrations.order_by("-created", "-pk")


def _next_deliveries(client, sellers, now) -> list[MealDelivery]:
    today = clock.local(now).date()
    deliveries = client.deliveries.filter(
        date__gte=today, status__in=(DeliveryStatus.SCHEDULED, DeliveryStatus.SKIPPED),
    ).select_related("program__seller", "meal_option").order_by("date", "pk")
    if sellers is not None:
        deliveries = deliveries.filter(program__seller__in=sellers)
    return [MealDelivery(delivery, _may_skip(delivery, now))
            for delivery in deliveries[:NEXT_DELIVERIES]]


def _may_skip(delivery, now) -> bool:
    if delivery.status != DeliveryStatus.SCHEDULED:
        return False
    return delivery.date >= earliest_change_date(program=delivery.program, now=now)
