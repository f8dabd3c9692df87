"""Reads: availability of a product day by day, a unit's calendar, the desk's lists.

Availability is computed from live rows with a fixed number of queries — the
units, the reservations that meet the window, the maintenance periods that
meet it — whatever the number of reservations: the rows are folded into one
"blocked" flag per unit and day in Python. A unit is free on a day when it is
not retired, not in maintenance (its status, or a maintenance period covering
the day) and no reservation blocks it that day (see
``services.reservations.blocking_days``: a booking's days and buffer, an
overdue loan up to today and its buffer, a returned loan's buffer after the
return; expired holds block nothing).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from shop import clock
from shop.rentals.models import (
    MaintenancePeriod,
    Reservation,
    ReservationStatus,
    Unit,
    UnitStatus,
)
from shop.rentals.services.reservations import blocking_days

StockRecord = get_model("partner", "StockRecord")

AVAILABILITY_DAYS = 60
NEXT_FREE_HORIZON_DAYS = 366
RETURN_LOOKBACK_DAYS = 60


@dataclass(frozen=True)
class DayAvailability:
    day: date
    free: int


@dataclass(frozen=True)
class ProductAvailability:
    product_id: int
    total_units: int
    days: tuple
    next_free_date: date | None

    @property
    def first_day(self):
        return self.days[0].day if self.days else None

    def as_json(self) -> dict:
        return {
            "product": self.product_id,
            "units": self.total_units,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "days": [{"date": d.day.isoformat(), "free": d.free} for d in self.days],
            "next_free_date": self.next_free_date.isoformat() if self.next_free_date else None,
        }


@dataclass(frozen=True)
class _Row:
    """The fields of a reservation that ``blocking_days`` reads."""

    unit_id: int
    status: str
    start_date: date
    blocked_until: date
    buffer_days: int
    hold_expires_at: datetime | None
    returned_on: date | None


def product_availability(
    *, product, days: int = AVAILABILITY_DAYS, first_day: date | None = None, now=None
) -> ProductAvailability:
    """How many units of ``product`` are free on each of ``days`` days, and the next free day.

    Three queries; three more only when no unit is free in the whole window
    (to look for the next free day up to a year ahead).
    """
    now = now or clock.now()
    first_day = first_day or clock.today(now)
    units = list(
        Unit._default_manager.filter(product=product).exclude(status=UnitStatus.RETIRED)
        .values_list("pk", "status")
    )
    blocked = blocked_days_by_unit(units=units, first_day=first_day, days=days, now=now)
    counts = free_counts(blocked, total=len(units), days=days)
    window = tuple(DayAvailability(first_day + timedelta(days=i), n) for i, n in enumerate(counts))
    next_free = next((d.day for d in window if d.free), None)
    if next_free is None and units:
        next_free = _next_free_after(units, first_day=first_day + timedelta(days=days),
                                     horizon=NEXT_FREE_HORIZON_DAYS - days, now=now)
    return ProductAvailability(product.pk, len(units), window, next_free)


def free_counts(blocked: dict, *, total: int, days: int) -> list:
    counts = [total] * days
    for flags in blocked.values():
        for index, flag in enumerate(flags):
            if flag:
                counts[index] -= 1
    return counts


def blocked_days_by_unit(*, units, first_day: date, days: int, now) -> dict:
    """For each (pk, status) in ``units``: a bytearray, 1 where the unit is not free that day."""
    last_day = first_day + timedelta(days=days)  # exclusive
    today = clock.today(now)
    unit_ids = [pk for pk, _status in units]
    blocked = {
        pk: bytearray([1 if status == UnitStatus.MAINTENANCE else 0]) * days
        for pk, status in units
    }
    if not unit_ids:
        return blocked

    def mark(unit_id, lower, upper):
        start = max((lower - first_day).days, 0)
        stop = min((upper - first_day).days, days)
        if start < stop:
            blocked[unit_id][start:stop] = b"\x01" * (stop - start)

    for row in _reservation_rows(unit_ids, first_day=first_day, last_day=last_day):
        lower, upper = blocking_days(row, today=today, now=now)
        if lower is not None:
            mark(row.unit_id, lower, upper)
    for unit_id, start, end in _maintenance_rows(unit_ids, first_day=first_day,
                                                 last_day=last_day):
        mark(unit_id, start, end + timedelta(days=1) if end else last_day)
    return blocked


def unit_calendar(*, unit, days: int = AVAILABILITY_DAYS, first_day: date | None = None,
                  now=None) -> list:
    """The staff calendar of ``unit``: per day, the reservation or maintenance that holds it."""
    now = now or clock.now()
    first_day = first_day or clock.today(now)
    last_day = first_day + timedelta(days=days)
    today = clock.today(now)
    reservations = list(
        unit.reservations.filter(_meets(first_day, last_day)).select_related("member")
    )
    periods = list(unit.maintenance_periods.filter(_maintenance_meets(first_day, last_day)))
    calendar = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        calendar.append(_calendar_day(unit, day, reservations, periods, today=today, now=now))
    return calendar


@dataclass(frozen=True)
class CalendarDay:
    day: date
    state: str  # "free", "booked", "buffer", "out", "maintenance", "retired"
    reservation: Reservation | None = None
    maintenance: MaintenancePeriod | None = None


def _calendar_day(unit, day, reservations, periods, *, today, now):
    if unit.status == UnitStatus.RETIRED:
        return CalendarDay(day, "retired")
    for period in periods:
        if period.start_date <= day and (period.end_date is None or day <= period.end_date):
            return CalendarDay(day, "maintenance", maintenance=period)
    if unit.status == UnitStatus.MAINTENANCE:
        return CalendarDay(day, "maintenance")
    for reservation in reservations:
        lower, upper = blocking_days(reservation, today=today, now=now)
        if lower is not None and lower <= day < upper:
            return CalendarDay(day, _state_of(reservation, day), reservation=reservation)
    return CalendarDay(day, "free")


def _state_of(reservation, day):
    if reservation.status == ReservationStatus.CHECKED_OUT and day <= max(
            reservation.end_date, clock.today()):
        return "out"
    if reservation.status == ReservationStatus.RETURNED or day > reservation.end_date:
        return "buffer"
    return "booked"


def _next_free_after(units, *, first_day, horizon, now):
    blocked = blocked_days_by_unit(units=units, first_day=first_day, days=horizon, now=now)
    counts = free_counts(blocked, total=len(units), days=horizon)
    return next((first_day + timedelta(days=i) for i, n in enumerate(counts) if n), None)


def _meets(first_day, last_day):
    """Reservations that may block a day in [first_day, last_day)."""
    planned = Q(status__in=(ReservationStatus.HELD, ReservationStatus.CONFIRMED),
                start_date__lt=last_day, blocked_until__gt=first_day)
    out = Q(status=ReservationStatus.CHECKED_OUT, start_date__lt=last_day)
    returned = Q(status=ReservationStatus.RETURNED, returned_on__lt=last_day,
                 returned_on__gte=first_day - timedelta(days=RETURN_LOOKBACK_DAYS))
    return planned | out | returned


def _maintenance_meets(first_day, last_day):
    return Q(start_date__lt=last_day) & (Q(end_date__isnull=True) | Q(end_date__gte=first_day))


def _reservation_rows(unit_ids, *, first_day, last_day):
    fields = ("unit_id", "status", "start_date", "blocked_until", "buffer_days",
              "hold_expires_at", "returned_on")
    rows = (
        Reservation._default_manager.filter(_meets(first_day, last_day), unit_id__in=unit_ids)
        .order_by().values_list(*fields)
    )
    return (_Row(*row) for row in rows.iterator(chunk_size=5000))


def _maintenance_rows(unit_ids, *, first_day, last_day):
    return MaintenancePeriod._default_manager.filter(
        _maintenance_meets(first_day, last_day), unit_id__in=unit_ids
    ).order_by().values_list("unit_id", "start_date", "end_date")


# --- The staff desk ---------------------------------------------------------


def units_for_sellers(sellers):
    return Unit._default_manager.filter(seller__in=sellers).select_related("product", "seller")


def lent_by(product, sellers) -> bool:
    """Whether one of ``sellers`` lends ``product`` (has a unit of it)."""
    return Unit._default_manager.filter(product=product, seller__in=sellers).exists()


def reservations_for_sellers(sellers):
    return Reservation._default_manager.filter(unit__seller__in=sellers).select_related(
        "unit__product", "unit__seller", "member", "order"
    )


def desk_lists(*, sellers, today: date | None = None) -> dict:
    """What the desk needs at a glance: pick-ups today, returns due, overdue, deposits."""
    today = today or clock.today()
    reservations = reservations_for_sellers(sellers)
    return {
        "pickups": reservations.filter(status=ReservationStatus.CONFIRMED,
                                       start_date__lte=today, end_date__gte=today),
        "due_today": reservations.filter(status=ReservationStatus.CHECKED_OUT, end_date=today),
        "overdue": reservations.filter(status=ReservationStatus.CHECKED_OUT,
                                       end_date__lt=today).order_by("end_date"),
        "deposits": reservations.filter(status=ReservationStatus.RETURNED,
                                        deposit_status="held").order_by("returned_on"),
    }


# --- Inventory --------------------------------------------------------------


def stock_levels(*, sellers, default_threshold: int = 0):
    """Stock records of ``sellers`` that count stock, with ``available`` and ``threshold``."""
    return (
        StockRecord._default_manager.filter(partner__in=sellers,
                                                  num_in_stock__isnull=False)
        .select_related("product", "partner")
        .annotate(
            available=F("num_in_stock") - Coalesce("num_allocated", Value(0)),
            threshold=Coalesce("low_stock_threshold", Value(default_threshold)),
        )
        .order_by("partner__name", "product__title", "pk")
    )


def low_stock(*, sellers, default_threshold: int = 0):
    """The alert list: stock records at or below their low-stock threshold."""
    return stock_levels(sellers=sellers, default_threshold=default_threshold).filter(
        available__lte=F("threshold")
    ).order_by("available", "product__title")


# --- A client's own bookings --------------------------------------------------------


class BookingState:
    """What a client's booking page says of it."""

    HELD = "held"  # waiting for payment, unit kept until the hold expires
    RELEASED = "released"  # the hold ran out unpaid
    CONFIRMED = "confirmed"
    CHECKED_OUT = "checked_out"
    RETURNED = "returned"
    CANCELLED = "cancelled"


def bookings_of(member):
    """The reservations ``member`` made, with what their booking page shows."""
    return Reservation._default_manager.filter(member=member).select_related(
        "unit__product", "unit__seller", "order")


def booking_state(reservation, *, now=None) -> str:
    """A hold past its time reads as released even before the beat task cancels it."""
    now = now or clock.now()
    status = reservation.status
    if status == ReservationStatus.HELD:
        expired = reservation.hold_expires_at is not None and reservation.hold_expires_at <= now
        return BookingState.RELEASED if expired else BookingState.HELD
    if status == ReservationStatus.CANCELLED:
        # A released hold keeps its expiry time; a booking cancelled otherwise loses it.
        released = reservation.hold_expires_at is not None
        return BookingState.RELEASED if released else BookingState.CANCELLED
    return status
