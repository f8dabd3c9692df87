"""The staff desk: lend a unit by its tag, take it back, settle the deposit, maintenance."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shop import clock
from shop.rentals.models import (
    ChargeKind,
    DepositStatus,
    MaintenancePeriod,
    RentalCharge,
    Reservation,
    ReservationStatus,
    Unit,
    UnitStatus,
)

from .billing import charge_bill
from .waitlist import waitlist_notify_next


def unit_by_tag(*, asset_tag: str, sellers) -> Unit:
    """The unit of one of ``sellers`` whose tag is ``asset_tag`` (typed or scanned)."""
    tag = (asset_tag or "").strip()
    unit = (
        Unit._default_manager.select_related("product", "seller")
        .filter(asset_tag__iexact=tag, seller__in=sellers).first()
    )
    if unit is None:
        raise ValidationError(_("No unit has the tag %(tag)s.") % {"tag": tag}, code="no_unit")
    return unit


def loan_check_out(*, unit: Unit, by, today: date | None = None) -> Reservation:
    """Hand ``unit`` to the member whose confirmed booking starts today or earlier."""
    today = today or clock.today()
    with transaction.atomic():
        reservation = (
            unit.reservations.select_for_update()
            .filter(status=ReservationStatus.CONFIRMED, start_date__lte=today,
                    end_date__gte=today)
            .order_by("start_date").first()
        )
        if reservation is None:
            raise ValidationError(
                _("Unit %(tag)s has no confirmed booking to pick up today.")
                % {"tag": unit.asset_tag}, code="nothing_to_check_out",
            )
        if unit.status != UnitStatus.AVAILABLE:
            raise ValidationError(
                _("Unit %(tag)s is %(status)s and cannot be lent.")
                % {"tag": unit.asset_tag, "status": unit.get_status_display().lower()},
                code="unit_unavailable",
            )
        reservation.status = ReservationStatus.CHECKED_OUT
        reservation.checked_out_at = clock.now()
        reservation.save(update_fields=["status", "checked_out_at"])
    return reservation


def loan_check_in(
    *,
    unit: Unit,
    by,
    condition: str = "",
    notes: str = "",
    needs_maintenance: bool = False,
    returned_on: date | None = None,
) -> Reservation:
    """Take ``unit`` back: record its condition, flag it for maintenance, charge lateness.

    A loan back after its last day gets a late-fee charge of one day's fee per
    day late, billed through the order pipeline.
    """
    returned_on = returned_on or clock.today()
    with transaction.atomic():
        reservation = (
            unit.reservations.select_for_update()
            .filter(status=ReservationStatus.CHECKED_OUT).order_by("start_date").first()
        )
        if reservation is None:
            raise ValidationError(
                _("Unit %(tag)s is not out on loan.") % {"tag": unit.asset_tag},
                code="not_checked_out",
            )
        reservation.status = ReservationStatus.RETURNED
        reservation.returned_on = returned_on
        reservation.returned_at = clock.now()
        reservation.return_condition = condition or unit.condition
        reservation.return_notes = notes
        reservation.save(update_fields=["status", "returned_on", "returned_at",
                                        "return_condition", "return_notes"])
        _record_condition(unit, condition=condition, notes=notes,
                          needs_maintenance=needs_maintenance, on=returned_on, by=by)
        late_fee_charge(reservation=reservation, by=by)
        if not needs_maintenance:
            waitlist_notify_next(product=unit.product)
    return reservation


def late_fee_charge(*, reservation: Reservation, by) -> RentalCharge | None:
    """The late fee of a returned loan: days late × the item's late fee per day, billed."""
    days = reservation.days_late(reservation.returned_on)
    fee = reservation.unit.product.rental_terms.late_fee_per_day
    if days == 0 or not fee:
        return None
    charge = RentalCharge._default_manager.create(
        reservation=reservation, kind=ChargeKind.LATE_FEE, days=days, amount=fee * days,
        created_by=by,
        note=_("%(days)d days late") % {"days": days},
    )
    return charge_bill(charge=charge, unit_price=fee, quantity=days, placed_by=by)


def deposit_settle(*, reservation: Reservation, keep: bool, reason: str = "", by) -> Reservation:
    """Give the deposit back, or keep it with a reason (recorded as a charge)."""
    with transaction.atomic():
        reservation = Reservation._default_manager.select_for_update().get(pk=reservation.pk)
        if reservation.deposit_status != DepositStatus.HELD:
            raise ValidationError(_("There is no deposit to settle on this loan."),
                                  code="no_deposit")
        if keep and not reason.strip():
            raise ValidationError(_("Say why the deposit is kept."), code="reason_needed")
        reservation.deposit_status = DepositStatus.KEPT if keep else DepositStatus.RETURNED
        reservation.deposit_reason = reason.strip() if keep else ""
        reservation.deposit_settled_at = clock.now()
        reservation.save(update_fields=["deposit_status", "deposit_reason", "deposit_settled_at"])
        if keep:
            RentalCharge._default_manager.create(
                reservation=reservation, kind=ChargeKind.DEPOSIT_KEPT,
                amount=reservation.deposit_amount, note=reason.strip(), created_by=by,
            )
    return reservation


def unit_maintenance_start(*, unit: Unit, reason: str = "", by, on: date | None = None):
    """Take ``unit`` out of service from ``on`` (today) until ``unit_maintenance_end``."""
    with transaction.atomic():
        unit = Unit._default_manager.select_for_update().get(pk=unit.pk)
        unit.status = UnitStatus.MAINTENANCE
        unit.save(update_fields=["status"])
        return MaintenancePeriod._default_manager.create(
            unit=unit, start_date=on or clock.today(), reason=reason, created_by=by
        )


def unit_maintenance_end(*, unit: Unit, by, on: date | None = None) -> Unit:
    """``unit`` is back in service: close its open maintenance periods, tell the waitlist."""
    on = on or clock.today()
    with transaction.atomic():
        unit = Unit._default_manager.select_for_update().get(pk=unit.pk)
        for period in unit.maintenance_periods.filter(end_date__isnull=True):
            period.end_date = max(on, period.start_date)
            period.save(update_fields=["end_date"])
        unit.status = UnitStatus.AVAILABLE
        unit.save(update_fields=["status"])
        waitlist_notify_next(product=unit.product)
    return unit


def maintenance_plan(*, unit: Unit, start: date, end: date, reason: str = "", by):
    """Block ``unit`` for maintenance ``start``–``end`` (days with no booking)."""
    if end < start:
        raise ValidationError(_("The last day comes before the first day."), code="dates")
    with transaction.atomic():
        unit = Unit._default_manager.select_for_update().get(pk=unit.pk)
        if unit.reservations.filter(status__in=(ReservationStatus.HELD,
                                                ReservationStatus.CONFIRMED,
                                                ReservationStatus.CHECKED_OUT),
                                    start_date__lte=end, end_date__gte=start).exists():
            raise ValidationError(_("This unit is booked during some of these days."),
                                  code="overlap")
        return MaintenancePeriod._default_manager.create(
            unit=unit, start_date=start, end_date=end, reason=reason, created_by=by
        )


def _record_condition(unit, *, condition, notes, needs_maintenance, on, by):
    unit = Unit._default_manager.select_for_update().get(pk=unit.pk)
    if condition:
        unit.condition = condition
    if notes:
        unit.notes = (f"{unit.notes}\n{on.isoformat()}: {notes}").strip()
    unit.save(update_fields=["condition", "notes"])
    if needs_maintenance:
        unit_maintenance_start(unit=unit, reason=notes, by=by, on=on)
