"""Registrations: one entry point for every channel, the waiting list, the coordinator's queue.

Places are counted in meals per weekday of a season. Every function that takes
or frees places first locks the program's delivery-day rows (``ProgramDay``,
``select_for_update``, always in weekday order, so two transactions never wait
on each other in a cycle), then counts the places held. On PostgreSQL the count
runs after the lock is granted and so sees every registration committed before:
concurrent registrations can never overfill a day. Rows locked after the days:
registrations and offers, then the program's waiting-list counter.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from services import hooks
from services.models import (
    ConsentKind,
    OfferStatus,
    Program,
    ProgramDay,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    WaitlistOffer,
)
from services.weekdays import Weekday, weekdays_to_mask
from shop import clock

from .clients import consent_record
from .common import event_record, local_now

Status = RegistrationStatus


def registration_create(
    *,
    client,
    program: Program,
    season,
    weekdays: list[int],
    meal_option,
    requested_start: date,
    channel: str,
    meals_per_delivery: int = 1,
    entered_by=None,
    consent_statement: str = "",
    consent_given_by: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register ``client``: pending when every weekday asked for has room, else waitlisted.

    The one function behind the online form, the staff phone entry, SMS and
    walk-ins. Raises ``ValidationError`` (with the program's phone number when
    the client lives outside the service area).
    """
    now = now or clock.now()
    weekdays = sorted({int(day) for day in weekdays})
    _check_request(client=client, program=program, season=season, weekdays=weekdays,
                   meal_option=meal_option, requested_start=requested_start, channel=channel,
                   meals_per_delivery=meals_per_delivery, now=now)
    with transaction.atomic():
        capacity = _lock_days(program, weekdays)
        taken = places_taken(program=program, season=season, weekdays=weekdays)
        fits = _fits(weekdays, meals_per_delivery, capacity, taken)
        registration = Registration._default_manager.create(
            client=client, program=program, season=season, weekdays=weekdays_to_mask(weekdays),
            meals_per_delivery=meals_per_delivery, meal_option=meal_option,
            requested_start=requested_start, channel=channel, entered_by=_user(entered_by),
            status=Status.PENDING if fits else Status.WAITLISTED,
            waitlist_number=None if fits else _next_waitlist_number(program),
        )
        event_record(registration=registration, action="created", by=entered_by, now=now,
                     note=registration.get_status_display())
        if consent_statement:
            consent_record(client=client, registration=registration, kind=ConsentKind.SERVICE,
                           statement=consent_statement, channel=channel,
                           given_by=consent_given_by or client.full_name,
                           recorded_by=_user(entered_by), now=now)
        hooks.registration_status_notify(registration=registration, action="created")
    return registration


def registration_approve(*, registration: Registration, by, now=None) -> Registration:
    """Approve a pending registration, or a waitlisted one when its weekdays have room."""
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(registration)
        if registration.status == Status.WAITLISTED:
            _check_room_for(registration)
        elif registration.status == Status.OFFERED:
            _close_open_offers(registration, OfferStatus.ACCEPTED, now)
        elif registration.status != Status.PENDING:
            raise _cannot(registration)
        registration.status = Status.APPROVED
        registration.approved_by, registration.approved_at = _user(by), now
        registration.status_reason = ""
        registration.save(update_fields=["status", "approved_by", "approved_at", "status_reason",
                                         "updated"])
        event_record(registration=registration, action="approved", by=by, now=now)
        hooks.registration_status_notify(registration=registration, action="approved")
    return registration


def registration_waitlist(*, registration: Registration, by, note: str = "", now=None):
    """Put a pending registration on the waiting list (at its end); its place goes to the next."""
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(registration)
        if registration.status != Status.PENDING:
            raise _cannot(registration)
        registration.status = Status.WAITLISTED
        registration.status_reason = note
        registration.waitlist_number = _next_waitlist_number(registration.program)
        registration.save(update_fields=["status", "status_reason", "waitlist_number", "updated"])
        event_record(registration=registration, action="waitlisted", by=by, now=now, note=note)
        hooks.registration_status_notify(registration=registration, action="waitlisted")
        _offer_freed_places(program=registration.program, season=registration.season, now=now,
                            exclude=[registration.pk])
    return registration


def registration_refuse(*, registration: Registration, by, reason: str, now=None):
    """Refuse a registration, with the reason the client will be told."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the refusal."), code="reason_required")
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(registration)
        if registration.status not in (Status.PENDING, Status.WAITLISTED, Status.OFFERED):
            raise _cannot(registration)
        held = registration.status in Status.holding_a_place()
        _close_open_offers(registration, OfferStatus.DECLINED, now)
        registration.status, registration.status_reason = Status.REFUSED, reason.strip()
        registration.save(update_fields=["status", "status_reason", "updated"])
        event_record(registration=registration, action="refused", by=by, now=now, note=reason)
        hooks.registration_status_notify(registration=registration, action="refused")
        if held:
            _offer_freed_places(program=registration.program, season=registration.season, now=now)
    return registration


# --- Offers of freed places ---------------------------------------------------


def waitlist_offer_accept(*, offer: WaitlistOffer, by=None, now=None) -> Registration:
    """The client takes the offered place: the registration joins the coordinator's queue."""
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(offer.registration)
        offer = WaitlistOffer._default_manager.select_for_update().get(pk=offer.pk)
        if offer.status != OfferStatus.OPEN or offer.expires_at <= now:
            raise ValidationError(_("This offer is no longer open."), code="offer_closed")
        offer.status, offer.answered_at = OfferStatus.ACCEPTED, now
        offer.save(update_fields=["status", "answered_at"])
        registration.status = Status.PENDING
        registration.save(update_fields=["status", "updated"])
        event_record(registration=registration, action="offer_accepted", by=by, now=now)
    return registration


def waitlist_offer_decline(*, offer: WaitlistOffer, by=None, now=None) -> Registration:
    """The client does not want the place: the registration ends, the next person is offered it."""
    now = now or clock.now()
    with transaction.atomic():
        registration = _lock_for_change(offer.registration)
        offer = WaitlistOffer._default_manager.select_for_update().get(pk=offer.pk)
        if offer.status != OfferStatus.OPEN:
            raise ValidationError(_("This offer is no longer open."), code="offer_closed")
        offer.status, offer.answered_at = OfferStatus.DECLINED, now
        offer.save(update_fields=["status", "answered_at"])
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated"])
        event_record(registration=registration, action="offer_declined", by=by, now=now)
        _offer_freed_places(program=registration.program, season=registration.season, now=now)
    return registration


def waitlist_offers_expire(*, now: datetime | None = None) -> int:
    """Offers not answered in time: back to the end of the list; the next person is offered."""
    now = now or clock.now()
    expired = 0
    due = WaitlistOffer._default_manager.filter(status=OfferStatus.OPEN, expires_at__lte=now)
    for offer in due.select_related("registration"):
        with transaction.atomic():
            registration = _lock_for_change(offer.registration)
            if registration.status != Status.OFFERED:
                continue
            _close_open_offers(registration, OfferStatus.EXPIRED, now)
            registration.status = Status.WAITLISTED
            registration.waitlist_number = _next_waitlist_number(registration.program)
            registration.save(update_fields=["status", "waitlist_number", "updated"])
            event_record(registration=registration, action="offer_expired", now=now)
            _offer_freed_places(program=registration.program, season=registration.season,
                                now=now, exclude=[registration.pk])
            expired += 1
    return expired


def _offer_freed_places(*, program, season, now, exclude=()) -> list[WaitlistOffer]:
    """Offer room now free to waitlisted registrations, in their order of arrival.

    A registration whose weekdays do not all have room is passed over for the
    next one that fits. Called with the program's days already locked.
    """
    capacity = _lock_days(program, Weekday.values)
    taken = places_taken(program=program, season=season, weekdays=list(capacity))
    waiting = (Registration._default_manager.select_for_update()
               .filter(program=program, season=season, status=Status.WAITLISTED)
               .exclude(pk__in=exclude).order_by("waitlist_number"))
    offers = []
    for registration in waiting:
        days = registration.weekday_list
        if not _fits(days, registration.meals_per_delivery, capacity, taken):
            continue
        for day in days:
            taken[day] += registration.meals_per_delivery
        offers.append(_offer(registration, now))
    return offers


def _offer(registration, now) -> WaitlistOffer:
    registration.status = Status.OFFERED
    registration.save(update_fields=["status", "updated"])
    offer = WaitlistOffer._default_manager.create(
        registration=registration, offered_at=now,
        expires_at=now + timedelta(hours=registration.program.offer_hours),
    )
    event_record(registration=registration, action="offered", now=now)
    hooks.waitlist_offer_notify(offer=offer)
    return offer


def _close_open_offers(registration, status, now):
    registration.offers.filter(status=OfferStatus.OPEN).update(status=status, answered_at=now)


# --- Counting places ----------------------------------------------------------


def places_taken(*, program, season, weekdays, exclude=None) -> dict[int, int]:
    """Meals held on each of ``weekdays`` by the season's registrations, in one query."""
    registrations = Registration._default_manager.filter(
        program=program, season=season, status__in=Status.holding_a_place()
    )
    if exclude is not None:
        registrations = registrations.exclude(pk=exclude.pk)
    sums = {}
    for day in weekdays:
        alias = f"_day_{day}"
        registrations = registrations.alias(**{alias: F("weekdays").bitand(1 << day)})
        sums[f"taken_{day}"] = Coalesce(
            Sum("meals_per_delivery", filter=Q(**{alias + "__gt": 0})), 0
        )
    if not sums:
        return {}
    totals = registrations.aggregate(**sums)
    return {day: totals[f"taken_{day}"] for day in weekdays}


def _lock_days(program, weekdays) -> dict[int, int]:
    """Lock the program's rows for ``weekdays`` in weekday order; their capacities."""
    rows = (ProgramDay._default_manager.select_for_update()
            .filter(program=program, weekday__in=list(weekdays)).order_by("weekday"))
    return {row.weekday: row.capacity for row in rows}


def _fits(weekdays, meals, capacity, taken) -> bool:
    return all(taken.get(day, 0) + meals <= capacity.get(day, 0) for day in weekdays)


def _check_room_for(registration):
    days = registration.weekday_list
    capacity = _lock_days(registration.program, days)
    taken = places_taken(program=registration.program, season=registration.season,
                         weekdays=days, exclude=registration)
    if not _fits(days, registration.meals_per_delivery, capacity, taken):
        raise ValidationError(_("There is no room left on %(days)s for this registration.")
                              % {"days": registration.get_weekdays_display()}, code="full")


def _next_waitlist_number(program) -> int:
    """The next number of the program's waiting list (locks the program row)."""
    programs = Program._default_manager.filter(pk=program.pk)
    programs.update(waitlist_counter=F("waitlist_counter") + 1)
    return programs.values_list("waitlist_counter", flat=True).get()


def _lock_for_change(registration) -> Registration:
    """Lock the program's days, then the registration; the fresh row."""
    _lock_days(registration.program, Weekday.values)
    return (Registration._default_manager.select_for_update(of=("self",))
            .select_related("program", "season", "program__seller").get(pk=registration.pk))


# --- Checks -------------------------------------------------------------------


def _check_request(*, client, program, season, weekdays, meal_option, requested_start,
                   channel, meals_per_delivery, now):
    if not program.serves(client.postal_code):
        raise ValidationError(
            _("Sorry, we do not deliver to the postal code %(code)s. Please call us at "
              "%(phone)s: we will help you find a meal service near you.")
            % {"code": client.postal_code, "phone": program.contact_phone_display},
            code="outside_service_area",
        )
    errors = []
    if not program.is_active or season.program_id != program.pk:
        errors.append(_("This program is not taking registrations."))
    if channel == RegistrationChannel.WEB and not season.is_open_for_registration(
            local_now(now).date()):
        errors.append(_("Registration for %(season)s is closed. Please call us at %(phone)s.")
                      % {"season": season.name, "phone": program.contact_phone_display})
    offered = set(program.days.values_list("weekday", flat=True))
    if not weekdays or not set(weekdays) <= offered:
        errors.append(_("Choose delivery days among those the program offers."))
    if meal_option.program_id != program.pk:
        errors.append(_("Choose one of the program's meals."))
    if meals_per_delivery < 1:
        errors.append(_("Ask for at least one meal per delivery."))
    if not season.covers(requested_start):
        errors.append(_("The first delivery must be between %(start)s and %(end)s.")
                      % {"start": season.starts_on, "end": season.ends_on})
    if _already_registered(client, program, season):
        errors.append(_("%(name)s is already registered for this season.")
                      % {"name": client.full_name})
    if errors:
        raise ValidationError(errors)


def _already_registered(client, program, season) -> bool:
    return Registration._default_manager.filter(
        client=client, program=program, season=season,
        status__in=(*Status.holding_a_place(), Status.WAITLISTED),
    ).exists()


def _cannot(registration):
    return ValidationError(
        _("A registration that is “%(status)s” cannot be changed this way.")
        % {"status": registration.get_status_display()}, code="wrong_status",
    )


def _user(user):
    return user if getattr(user, "pk", None) else None
