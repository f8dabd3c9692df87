"""Due-tomorrow and overdue reminders: once per loan per day, from a beat task."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from shop.notifications.models import OutboundMessage
from shop.rentals import tasks
from shop.rentals.models import LoanReminder, ReminderKind, ReservationStatus
from shop.rentals.services.reminders import loan_reminders_send
from tests.factories import PhoneOnlyClientFactory, UserFactory

from .factories import ToolLibraryFactory, rentable_product, reservation_row

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def units():
    return list(rentable_product(ToolLibraryFactory(), title="Perceuse", units=4)
                .rental_units.all())


def loan(unit, member, end, status=ReservationStatus.CHECKED_OUT):
    return reservation_row(unit, member, end - timedelta(days=3), end, status=status)


class TestLoanReminders:
    def test_remind_loans_due_tomorrow_and_overdue_only(self, units):
        due = loan(units[0], UserFactory(email="due@example.org"), days(1))
        late = loan(units[1], UserFactory(email="late@example.org"), days(-2))
        loan(units[2], UserFactory(), days(3))                                  # not yet
        loan(units[3], UserFactory(), days(1), status=ReservationStatus.CONFIRMED)  # not out

        assert loan_reminders_send() == 2

        kinds = dict(LoanReminder.objects.values_list("reservation", "kind"))
        assert kinds == {due.pk: ReminderKind.DUE_TOMORROW, late.pk: ReminderKind.OVERDUE}

    def test_the_overdue_reminder_goes_out_once_a_day_not_more(self, units):
        late = loan(units[0], UserFactory(email="late@example.org"), days(-2))

        sent = [loan_reminders_send(), loan_reminders_send(), loan_reminders_send()]

        assert sent == [1, 0, 0]
        outbox = OutboundMessage.objects.filter(to="late@example.org", channel="email")
        assert outbox.count() == 1
        assert late.unit.product.get_title() in outbox.get().body
        assert loan_reminders_send(today=days(1)) == 1  # the next day, once again
        assert late.reminders.count() == 2

    def test_a_member_known_by_phone_only_gets_an_sms_through_the_outbox(self, units):
        member = PhoneOnlyClientFactory()
        loan(units[0], member, days(-1))

        assert loan_reminders_send() == 1
        sms = OutboundMessage.objects.get(to=str(member.phone))
        assert sms.channel == "sms" and sms.kind == "rental_due"
        assert mail.outbox == []

    def test_the_beat_task_runs_the_service(self, units):
        loan(units[0], UserFactory(), days(1))

        assert tasks.send_loan_reminders.run() == 1

    def test_beat_schedules_the_reminders_and_the_hold_release(self):
        tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

        assert {"shop.rentals.tasks.send_loan_reminders",
                "shop.rentals.tasks.release_expired_holds"} <= tasks_scheduled
