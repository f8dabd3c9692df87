"""Reads: who may see what, the coordinator's queue, kitchen counts and route sheets.

Clients' addresses, health and diet data are seen only by coordinators and by
the staff of the meal service that runs the program: every staff page starts
from the programs the access policy lets the user see
(``shop.access.programs_visible_to``) and what it does not list is a 404.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, Sum

from shop import access, clock

from .models import (
    Client,
    Delivery,
    DeliveryStatus,
    FollowUp,
    FollowUpStatus,
    Registration,
    RegistrationStatus,
    Route,
    Season,
)

QUEUE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.OFFERED,
                  RegistrationStatus.WAITLISTED)


# --- Access -------------------------------------------------------------------


def clients_for(user):
    """Clients ``user`` may see: registered with one of their programs."""
    if access.is_coordinator(user):
        return Client._default_manager.all()
    registered = Registration._default_manager.filter(program__in=access.programs_visible_to(user))
    return Client._default_manager.filter(pk__in=registered.values("client_id"))


def registrations_for(user):
    return Registration._default_manager.filter(program__in=access.programs_visible_to(user))


def routes_for(user):
    return Route._default_manager.filter(program__in=access.programs_visible_to(user))


def deliveries_for(user):
    return Delivery._default_manager.filter(program__in=access.programs_visible_to(user))


def follow_ups_for(user):
    return FollowUp._default_manager.filter(program__in=access.programs_visible_to(user))


# --- People known by their phone number ---------------------------------------


def clients_for_contact(*, user=None, phone=None) -> list[Client]:
    """Every client record a message from ``user`` or ``phone`` may come from.

    A number that belongs to an account speaks for that account's person only:
    the records of that person (the account's own). A record someone else
    typed with the number is not theirs until its owner confirms the link
    (shop.people.services.linking), so a text from the number never acts on it.
    A number no account holds speaks for each record holding it, once each.
    More than one means the number is shared (a couple, a relative): the
    channel must then act for nobody and ask the person to call.
    """
    User = get_user_model()
    if not getattr(user, "pk", None) and phone:
        user = User._default_manager.filter(phone=str(phone)).first()
    if getattr(user, "pk", None):
        person = getattr(user, "person", None)
        mine = Q(user=user) | Q(person=person) if person is not None else Q(user=user)
        return list(Client._default_manager.filter(mine).order_by("pk"))
    if phone:
        return list(Client._default_manager.filter(phone=str(phone)).order_by("pk"))
    return []


# --- Registrations ------------------------------------------------------------


def registration_queue(*, programs):
    """What a coordinator acts on: pending first, then offered, then the waiting list."""
    order = {status: index for index, status in enumerate(QUEUE_STATUSES)}
    rows = (Registration._default_manager.filter(program__in=programs, status__in=QUEUE_STATUSES)
            .select_related("client", "program", "season", "meal_option", "entered_by"))
    return sorted(rows, key=lambda r: (order[r.status], r.waitlist_number or 0, r.created, r.pk))


def waitlist_position(registration) -> int | None:
    """1 for the first person waiting in the registration's program and season."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return Registration._default_manager.filter(
        program_id=registration.program_id, season_id=registration.season_id,
        status=RegistrationStatus.WAITLISTED, waitlist_number__lte=registration.waitlist_number,
    ).count()


def season_open_for_registration(*, program, today: date | None = None):
    today = today or clock.today()
    return (Season._default_manager.filter(program=program, registration_opens_on__lte=today,
                                           registration_closes_on__gte=today)
            .order_by("starts_on").first())


def first_possible_delivery(*, program, season, now: datetime | None = None) -> date | None:
    """The first day a registration made at ``now`` can get meals; None if the season is over.

    The first of the program's delivery days (closures aside) on or after both
    the season's first day and the earliest day the cut-off still lets a change
    reach (``earliest_change_date``: tomorrow before the cut-off, else the day after).
    """
    from .services.common import earliest_change_date

    start = max(earliest_change_date(program=program, now=now), season.starts_on)
    return next(delivery_days(program=program, start=start, end=season.ends_on), None)


def first_delivery_from(*, program, season, weekdays, start: date) -> date | None:
    """The first delivery of a registration for ``weekdays`` asked to start on ``start``."""
    wanted = {int(day) for day in weekdays}
    days = delivery_days(program=program, start=max(start, season.starts_on), end=season.ends_on)
    return next((day for day in days if day.weekday() in wanted), None)


def delivery_days(*, program, start: date, end: date):
    """The program's delivery days from ``start`` to ``end``, closures left out (a generator)."""
    weekdays = set(program.days.values_list("weekday", flat=True))
    closed = set(program.closures.filter(date__range=(start, end)).values_list("date", flat=True))
    day = start
    while weekdays and day <= end:
        if day.weekday() in weekdays and day not in closed:
            yield day
        day += timedelta(days=1)


def open_follow_ups(*, programs):
    return (FollowUp._default_manager.filter(program__in=programs, status=FollowUpStatus.OPEN)
            .select_related("client", "delivery"))


# --- Kitchen ------------------------------------------------------------------


@dataclass
class ProductionCounts:
    date: date
    per_option: list = field(default_factory=list)  # dicts: name, kind, meals, deliveries
    to_watch: list = field(default_factory=list)  # deliveries of clients with allergies or diets
    allergens: list = field(default_factory=list)  # (allergy, number of clients), most first

    @property
    def total_meals(self):
        return sum(row["meals"] for row in self.per_option)

    @property
    def total_deliveries(self):
        return sum(row["deliveries"] for row in self.per_option)


def production_counts(*, program, date: date) -> ProductionCounts:
    """Meals to cook on ``date`` per meal option, and the allergies and diets to watch.

    Two queries, whatever the number of clients.
    """
    deliveries = Delivery._default_manager.filter(program=program, date=date,
                                                  status__in=DeliveryStatus.to_cook())
    per_option = list(
        deliveries.values("meal_option__name", "meal_option__kind", "meal_option__position")
        .annotate(meals=Sum("meals"), deliveries=Count("pk"))
        .order_by("meal_option__position", "meal_option__name")
    )
    to_watch = list(
        deliveries.exclude(Q(client__allergies="") & Q(client__diet_restrictions=""))
        .select_related("client", "meal_option", "route")
        .order_by("client__last_name", "client__first_name", "pk")
    )
    return ProductionCounts(date=date, per_option=per_option, to_watch=to_watch,
                            allergens=_allergens(to_watch))


def _allergens(deliveries):
    counts = Counter()
    for delivery in deliveries:
        for allergy in _split(delivery.client.allergies):
            counts[allergy] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _split(text):
    parts = (part.strip().lower() for part in text.replace(";", ",").split(","))
    return {part for part in parts if part}


# --- Routes -------------------------------------------------------------------


def route_sheets(*, program, date: date, routes=None) -> list[Route]:
    """The day's routes with their stops in order (clients and meals loaded): 2 queries."""
    stops = (Delivery._default_manager.filter(status__in=DeliveryStatus.to_cook())
             .select_related("client", "meal_option").order_by("stop_order", "pk"))
    rows = routes if routes is not None else Route._default_manager.filter(program=program,
                                                                            date=date)
    return list(rows.select_related("driver").prefetch_related(
        Prefetch("stops", queryset=stops, to_attr="sheet_stops")).order_by("name"))


def unrouted_deliveries(*, program, date: date):
    return (Delivery._default_manager.filter(program=program, date=date, route__isnull=True,
                                             status=DeliveryStatus.SCHEDULED)
            .select_related("client", "meal_option"))


def client_history(client):
    return client.changes.select_related("changed_by")
