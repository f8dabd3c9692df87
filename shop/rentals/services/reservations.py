"""Booking units: create, hold, confirm, cancel; release unpaid holds.

``reservation_create`` is the one way a reservation is made. It locks the
unit rows it may book (``SELECT … FOR UPDATE``), so concurrent bookings of the
same unit run one after the other and the later ones see the earlier ones and
get the plain overlap error. On PostgreSQL the exclusion constraint is the
last guard: an insert that slips past the check anyway is turned into the same
error.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock
from shop.rentals.models import (
    BLOCKING_STATUSES,
    OVERLAP_MESSAGE,
    DepositStatus,
    MaintenancePeriod,
    RentableItem,
    Reservation,
    ReservationStatus,
    Unit,
    UnitStatus,
)

from .memberships import membership_check

DEFAULT_HOLD_MINUTES = 30


def reservation_create(
    *,
    member,
    start: date,
    end: date,
    unit: Unit | None = None,
    product=None,
    hold: bool = False,
    order=None,
    created_by=None,
    today: date | None = None,
) -> Reservation:
    """Book ``unit`` (or the first free unit of ``product``) for ``member``, ``start``–``end``.

    ``end`` is the last day of the loan. With ``hold=True`` the reservation is
    held until payment and released if unpaid after ``RENTALS_HOLD_MINUTES``.
    Raises ``ValidationError`` with a message for the member or the staff.
    """
    if (unit is None) == (product is None):
        raise TypeError("reservation_create needs a unit or a product, not both.")
    product = product if unit is None else unit.product
    terms = rentable_terms(product)
    _check_dates(terms, start=start, end=end, today=today or clock.today())
    with transaction.atomic():
        candidates = _lock_units(unit=unit, product=product)
        membership_check(member=member, seller=candidates[0].seller, start=start, end=end,
                         terms=terms)
        now = clock.now()
        for candidate in candidates:
            _release_expired_holds(candidate, now=now)
            problem = _unit_problem(candidate, terms=terms, start=start, end=end, now=now)
            if problem is None:
                return _insert(candidate, member=member, terms=terms, start=start, end=end,
                               hold=hold, order=order, created_by=created_by, now=now)
        raise ValidationError(problem if unit is not None else _no_unit_message(start, end),
                              code="overlap")


def rentable_terms(product) -> RentableItem:
    try:
        return RentableItem._default_manager.get(product=product)
    except RentableItem.DoesNotExist:
        raise ValidationError(
            _("%(product)s is not lent.") % {"product": product.get_title()},
            code="not_rentable",
        ) from None


def reservation_confirm(*, reservation: Reservation, order=None) -> Reservation:
    """A held reservation is paid: it stays booked."""
    with transaction.atomic():
        reservation = _locked(reservation)
        if reservation.status != ReservationStatus.HELD:
            raise ValidationError(_("Only a held booking can be confirmed."), code="not_held")
        reservation.status = ReservationStatus.CONFIRMED
        reservation.hold_expires_at = None
        if order is not None:
            reservation.order = order
        reservation.save(update_fields=["status", "hold_expires_at", "order"])
    return reservation


def reservation_cancel(*, reservation: Reservation) -> Reservation:
    """Cancel a booking that has not been picked up; the unit is free again."""
    from .waitlist import waitlist_notify_next

    with transaction.atomic():
        reservation = _locked(reservation)
        if reservation.status not in (ReservationStatus.HELD, ReservationStatus.CONFIRMED):
            raise ValidationError(
                _("Only a booking not yet picked up can be cancelled."), code="not_cancellable"
            )
        reservation.status = ReservationStatus.CANCELLED
        reservation.hold_expires_at = None
        reservation.save(update_fields=["status", "hold_expires_at"])
        waitlist_notify_next(product=reservation.unit.product)
    return reservation


def holds_release_expired(*, now=None) -> int:
    """Cancel every hold whose time is up; tell the waitlists. Returns how many."""
    from .waitlist import waitlist_notify_next

    now = now or clock.now()
    released = 0
    with transaction.atomic():
        expired = (
            Reservation._default_manager.select_for_update(skip_locked=True, of=("self",))
            .filter(status=ReservationStatus.HELD, hold_expires_at__lte=now)
            .select_related("unit__product", "order")
        )
        products = {}
        for reservation in expired:
            _release(reservation)
            products[reservation.unit.product_id] = reservation.unit.product
            released += 1
        for product in products.values():
            waitlist_notify_next(product=product)
    return released


def hold_minutes() -> int:
    return getattr(settings, "RENTALS_HOLD_MINUTES", DEFAULT_HOLD_MINUTES)


# --- Checks -----------------------------------------------------------------


def _check_dates(terms, *, start, end, today):
    if end < start:
        raise ValidationError(_("The last day comes before the first day."), code="dates")
    if start < today:
        raise ValidationError(_("A booking cannot start in the past."), code="dates")
    days = (end - start).days + 1
    if days > terms.max_loan_days:
        raise ValidationError(
            _("A loan of this item lasts at most %(days)d days.") % {"days": terms.max_loan_days},
            code="too_long",
        )


def _lock_units(*, unit, product):
    units = Unit._default_manager.select_for_update().select_related("seller").order_by("pk")
    if unit is not None:
        locked = list(units.filter(pk=unit.pk))
    else:
        locked = list(units.filter(product=product).exclude(status=UnitStatus.RETIRED))
    if not locked:
        raise ValidationError(_("No unit of this item can be lent."), code="no_unit")
    return locked


def _unit_problem(unit, *, terms, start, end, now):
    """Why ``unit`` cannot be booked ``start``–``end`` (with its buffer), or None."""
    if unit.status != UnitStatus.AVAILABLE:
        return _("Unit %(tag)s is not available for loan (%(status)s).") % {
            "tag": unit.asset_tag, "status": unit.get_status_display(),
        }
    blocked_until = Reservation.blocked_until_for(end, terms.buffer_days)
    clash = _clashing_reservation(unit, start=start, blocked_until=blocked_until, now=now)
    if clash is not None:
        return OVERLAP_MESSAGE
    if _maintenance_clash(unit, start=start, end=end):
        return _("Unit %(tag)s is in maintenance during these days.") % {"tag": unit.asset_tag}
    return None


def _clashing_reservation(unit, *, start, blocked_until, now):
    """A reservation of ``unit`` whose blocked days meet [start, blocked_until)."""
    today = clock.today(now)
    planned = Q(status__in=BLOCKING_STATUSES, start_date__lt=blocked_until,
                blocked_until__gt=start)
    overdue = Q(status=ReservationStatus.CHECKED_OUT, start_date__lt=blocked_until)
    after_return = Q(status=ReservationStatus.RETURNED, returned_on__lt=blocked_until,
                     returned_on__gte=start - timedelta(days=60))
    candidates = unit.reservations.filter(planned | overdue | after_return)
    for reservation in candidates:
        lower, upper = blocking_days(reservation, today=today, now=now)
        if lower is not None and lower < blocked_until and upper > start:
            return reservation
    return None


def blocking_days(reservation, *, today, now):
    """The days [lower, upper) ``reservation`` keeps its unit from others, as of ``now``.

    A booking blocks its days and its buffer; an expired hold blocks nothing (it
    is about to be released); a loan still out past its due date blocks up to
    today and the buffer after; a returned loan blocks the buffer after its return.
    """
    status = reservation.status
    buffer = timedelta(days=1 + reservation.buffer_days)
    if status == ReservationStatus.HELD and reservation.hold_expires_at \
            and reservation.hold_expires_at <= now:
        return None, None
    if status in (ReservationStatus.HELD, ReservationStatus.CONFIRMED):
        return reservation.start_date, reservation.blocked_until
    if status == ReservationStatus.CHECKED_OUT:
        return reservation.start_date, max(reservation.blocked_until, today + buffer)
    if status == ReservationStatus.RETURNED and reservation.returned_on:
        return reservation.returned_on, reservation.returned_on + buffer
    return None, None


def _maintenance_clash(unit, *, start, end):
    return MaintenancePeriod._default_manager.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start), unit=unit, start_date__lte=end
    ).exists()


def _release_expired_holds(unit, *, now):
    expired = unit.reservations.filter(status=ReservationStatus.HELD, hold_expires_at__lte=now)
    for reservation in expired.select_related("order"):
        _release(reservation)


def _release(reservation):
    """Cancel an unpaid hold, and its order if that still waits for payment."""
    from .booking import order_cancel_unpaid

    reservation.status = ReservationStatus.CANCELLED
    reservation.save(update_fields=["status"])
    order_cancel_unpaid(order=reservation.order)


def _insert(unit, *, member, terms, start, end, hold, order, created_by, now):
    reservation = Reservation(
        unit=unit,
        member=member,
        start_date=start,
        end_date=end,
        buffer_days=terms.buffer_days,
        blocked_until=Reservation.blocked_until_for(end, terms.buffer_days),
        status=ReservationStatus.HELD if hold else ReservationStatus.CONFIRMED,
        hold_expires_at=now + timedelta(minutes=hold_minutes()) if hold else None,
        order=order,
        rental_fee=terms.rental_fee((end - start).days + 1),
        deposit_amount=terms.deposit,
        deposit_status=DepositStatus.HELD if terms.deposit else DepositStatus.NONE,
        created_by=created_by,
    )
    try:
        with transaction.atomic():
            reservation.save()
    except IntegrityError as error:
        if "rentals_reservation_no_overlap" in str(error):
            raise ValidationError(OVERLAP_MESSAGE, code="overlap") from error
        raise
    return reservation


def _locked(reservation):
    return Reservation._default_manager.select_for_update().get(pk=reservation.pk)


def _no_unit_message(start, end):
    return _("No unit is free from %(start)s to %(end)s.") % {
        "start": date_format(start), "end": date_format(end),
    }
