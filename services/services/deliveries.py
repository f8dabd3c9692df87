"""Deliveries: generated ahead from approved registrations; skip, pause, resume, cancel.

Changes to a delivery day are accepted until the program's cut-off (18:00 the
day before, local time); after it they are refused with a message to call.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from services.models import (
    Closure,
    Delivery,
    DeliveryStatus,
    OfferStatus,
    Program,
    Registration,
    RegistrationStatus,
    Season,
)
from shop import clock

from .common import check_cutoff, earliest_change_date, event_record, local_now
from .registrations import _close_open_offers, _lock_for_change, _offer_freed_places

Status = RegistrationStatus


def deliveries_generate(*, start: date, days: int, programs=None, registrations=None) -> int:
    """Create the deliveries of ``days`` days from ``start``; the number created.

    From approved registrations (and paused ones outside their pause), within
    their season, from their requested start, on the program's delivery days
    that are not closures (the rule of ``delivers_on``). Running it again
    creates nothing new: existing deliveries (skipped ones included) are left
    as they are, and a unique constraint holds if two runs overlap. One
    INSERT … SELECT makes them all: its queries do not grow with the number of
    registrations, and no row travels through Python.
    """
    end = start + timedelta(days=days - 1)
    program_rows = _programs(start, end, programs)
    slots = [(position, program.pk, day, 1 << day.weekday())
             for position, program in enumerate(program_rows)
             for day in _delivery_days(program, start, end)]
    if not slots:
        return 0
    only = None if registrations is None else [r.pk for r in registrations]
    if only == []:
        return 0
    sql, params = _insert_deliveries_sql(slots, only)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _insert_deliveries_sql(slots, only):
    """The INSERT … SELECT of ``deliveries_generate``: a registration × delivery-day join.

    ``slots`` are (program position, program id, day, weekday bit); the
    conditions are those of ``delivers_on``; existing deliveries are left alone
    by ON CONFLICT on the one-delivery-a-day constraint (PostgreSQL and SQLite).
    It opens with INSERT, not WITH, so that SQLite's driver reports the rows inserted.
    """
    day = "%s::date" if connection.vendor == "postgresql" else "%s"
    values = ", ".join(f"(%s, %s, {day}, %s)" for _slot in slots)
    params = [value for slot in slots for value in slot]
    qn = connection.ops.quote_name
    delivery, registration, season = (qn(model._meta.db_table)
                                      for model in (Delivery, Registration, Season))
    first, last = min(slot[2] for slot in slots), max(slot[2] for slot in slots)
    params += [DeliveryStatus.SCHEDULED, Status.APPROVED, Status.PAUSED, Status.CANCELLED,
               Status.ENDED, first, last, first]
    only_sql = ""
    if only is not None:
        only_sql = f"AND r.id IN ({', '.join(['%s'] * len(only))})"
        params += only
    sql = f"""
        INSERT INTO {delivery} (registration_id, program_id, client_id, date, meals,
                                meal_option_id, status, note)
        WITH slot (position, program_id, day, bit) AS (VALUES {values})
        SELECT r.id, r.program_id, r.client_id, slot.day, r.meals_per_delivery,
               r.meal_option_id, %s, ''
        FROM slot
        JOIN {registration} r ON r.program_id = slot.program_id
        JOIN {season} s ON s.id = r.season_id
        WHERE (r.weekdays & slot.bit) <> 0
          AND (r.status IN (%s, %s) OR (r.status IN (%s, %s) AND r.ends_on >= {day}))
          AND (r.ends_on IS NULL OR r.ends_on >= slot.day)
          AND r.requested_start <= slot.day AND r.requested_start <= {day}
          AND s.starts_on <= slot.day AND s.ends_on >= slot.day AND s.ends_on >= {day}
          AND NOT (r.paused_from IS NOT NULL AND r.paused_from <= slot.day
                   AND (r.resume_on IS NULL OR r.resume_on > slot.day))
          {only_sql}
        ORDER BY slot.position, slot.day, r.id
        ON CONFLICT (registration_id, date) DO NOTHING
    """
    return sql, params


def delivers_on(registration: Registration, day: date) -> bool:
    """Whether ``registration`` gets meals on ``day`` (program days and closures aside)."""
    if not registration.weekdays & (1 << day.weekday()):
        return False
    if not registration.season.covers(day) or day < registration.requested_start:
        return False
    if registration.ends_on is not None and day > registration.ends_on:
        return False
    if registration.paused_from is not None and day >= registration.paused_from:
        if registration.resume_on is None or day < registration.resume_on:
            return False
    return registration.status in (Status.APPROVED, Status.PAUSED, Status.CANCELLED, Status.ENDED)


def deliveries_generate_nightly(*, now: datetime | None = None) -> int:
    """The nightly job: bring paused registrations back, then generate the days ahead."""
    today = local_now(now).date()
    registrations_resume_due(today=today)
    return deliveries_generate(start=today, days=settings.MEAL_DELIVERY_DAYS_AHEAD)


def _programs(start, end, programs):
    rows = Program._default_manager.filter(is_active=True)
    if programs is not None:
        rows = rows.filter(pk__in=[p.pk for p in programs])
    closures = Closure._default_manager.filter(date__range=(start, end))
    return list(rows.prefetch_related("days", Prefetch("closures", queryset=closures)))


def _delivery_days(program, start, end):
    weekdays = {day.weekday for day in program.days.all()}
    closed = {closure.date for closure in program.closures.all()}
    day = start
    while day <= end:
        if day.weekday() in weekdays and day not in closed:
            yield day
        day += timedelta(days=1)


# --- Changes by the client or staff, before the cut-off ----------------------


def delivery_skip(*, delivery: Delivery, by=None, now: datetime | None = None) -> Delivery:
    """Skip one delivery (no meal cooked, none billed), before the cut-off."""
    with transaction.atomic():
        delivery = Delivery._default_manager.select_for_update().select_related(
            "program__seller").get(pk=delivery.pk)
        if delivery.status == DeliveryStatus.SKIPPED:
            return delivery
        if delivery.status != DeliveryStatus.SCHEDULED:
            raise ValidationError(_("This delivery has already been made."), code="delivered")
        check_cutoff(program=delivery.program, day=delivery.date, now=now)
        delivery.status = DeliveryStatus.SKIPPED
        delivery.save(update_fields=["status"])
        event_record(registration=delivery.registration, action="skipped", by=by, now=now,
                     note=str(delivery.date))
    return delivery


def registration_pause(*, registration, start: date | None = None, resume_on: date | None = None,
                       by=None, now: datetime | None = None):
    """Pause deliveries from ``start`` (the earliest day allowed by default) until ``resume_on``."""
    with transaction.atomic():
        registration = _lock_for_change(registration)
        if registration.status not in (Status.APPROVED, Status.PAUSED):
            raise ValidationError(_("Only an approved registration can be paused."),
                                  code="wrong_status")
        start = start or earliest_change_date(program=registration.program, now=now)
        check_cutoff(program=registration.program, day=start, now=now)
        if resume_on is not None and resume_on <= start:
            raise ValidationError(_("The pause must end after it starts."), code="resume_early")
        registration.status = Status.PAUSED
        registration.paused_from, registration.resume_on = start, resume_on
        registration.save(update_fields=["status", "paused_from", "resume_on", "updated"])
        _remove_scheduled(registration, start, resume_on)
        event_record(registration=registration, action="paused", by=by, now=now,
                     note=f"{start} → {resume_on or '…'}")
    return registration


def registration_resume(*, registration, on: date | None = None, by=None,
                        now: datetime | None = None):
    """Resume a paused registration on ``on`` (the earliest day allowed by default)."""
    with transaction.atomic():
        registration = _lock_for_change(registration)
        if registration.status != Status.PAUSED:
            raise ValidationError(_("This registration is not paused."), code="wrong_status")
        on = on or earliest_change_date(program=registration.program, now=now)
        check_cutoff(program=registration.program, day=on, now=now)
        if on <= registration.paused_from:
            registration.status, registration.paused_from, registration.resume_on = (
                Status.APPROVED, None, None)
        else:
            registration.resume_on = on
        registration.save(update_fields=["status", "paused_from", "resume_on", "updated"])
        event_record(registration=registration, action="resumed", by=by, now=now, note=str(on))
        horizon = local_now(now).date() + timedelta(days=settings.MEAL_DELIVERY_DAYS_AHEAD)
        if on < horizon:  # the days the nightly job has already generated
            deliveries_generate(start=on, days=(horizon - on).days,
                                programs=[registration.program], registrations=[registration])
    return registration


def registrations_resume_due(*, today: date) -> int:
    """Paused registrations whose resume date has come are approved again."""
    return Registration._default_manager.filter(
        status=Status.PAUSED, resume_on__lte=today
    ).update(status=Status.APPROVED, paused_from=None, resume_on=None, updated=clock.now())


def registration_cancel(*, registration, reason: str = "", effective: date | None = None,
                        by=None, now: datetime | None = None):
    """Stop a registration; deliveries stop from ``effective`` (cut-off applies).

    Its place goes at once to the next person on the waiting list.
    """
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(registration)
        held = registration.status in Status.holding_a_place()
        if not held and registration.status != Status.WAITLISTED:
            raise ValidationError(_("This registration is already closed."), code="wrong_status")
        fields = ["status", "status_reason", "updated"]
        if registration.status in (Status.APPROVED, Status.PAUSED):
            effective = effective or earliest_change_date(program=registration.program, now=now)
            check_cutoff(program=registration.program, day=effective, now=now)
            _remove_scheduled(registration, effective, None)
            registration.ends_on = effective - timedelta(days=1)
            fields.append("ends_on")
        _close_open_offers(registration, OfferStatus.DECLINED, now)
        registration.status, registration.status_reason = Status.CANCELLED, reason
        registration.save(update_fields=fields)
        event_record(registration=registration, action="cancelled", by=by, now=now, note=reason)
        if held:
            _offer_freed_places(program=registration.program, season=registration.season, now=now)
    return registration


def _remove_scheduled(registration, start, until):
    deliveries = registration.deliveries.filter(status=DeliveryStatus.SCHEDULED, date__gte=start)
    if until is not None:
        deliveries = deliveries.filter(date__lt=until)
    deliveries.delete()
