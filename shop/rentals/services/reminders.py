"""Due-tomorrow and overdue reminders: at most one per loan per day, however often run."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from shop import clock
from shop.rentals.models import LoanReminder, ReminderKind, Reservation, ReservationStatus


def loan_reminders_send(*, today: date | None = None) -> int:
    """Remind every member whose loan is due tomorrow or overdue; returns how many were sent.

    The reminder row (unique per loan and day) is written in the same
    transaction as the hook's message, so a second run the same day, or a
    concurrent one, sends nothing more.
    """
    from shop.rentals.notify import loan_reminder_deliver

    today = today or clock.today()
    sent = 0
    for reservation, kind in _loans_to_remind(today):
        try:
            with transaction.atomic():
                LoanReminder._default_manager.create(reservation=reservation, kind=kind,
                                                     sent_on=today)
                loan_reminder_deliver(reservation=reservation, kind=kind)
        except IntegrityError:
            continue  # already reminded today
        sent += 1
    return sent


def _loans_to_remind(today):
    out = (
        Reservation._default_manager.filter(status=ReservationStatus.CHECKED_OUT,
                                            end_date__lte=today + timedelta(days=1))
        .exclude(reminders__sent_on=today)
        .select_related("unit__product", "unit__seller", "member")
        .order_by("end_date", "pk")
    )
    for reservation in out.iterator(chunk_size=500):
        if reservation.end_date == today + timedelta(days=1):
            yield reservation, ReminderKind.DUE_TOMORROW
        elif reservation.end_date < today:
            yield reservation, ReminderKind.OVERDUE
