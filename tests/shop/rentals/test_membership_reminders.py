"""Two weeks before a membership lapses, the member is told once how to renew it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings

from shop.notifications.models import OutboundMessage
from shop.rentals.models import Membership
from shop.rentals.services.membership_reminders import membership_renewal_reminders_send
from shop.rentals.tasks import send_membership_renewal_reminders
from tests.clock import day
from tests.factories import PhoneOnlyClientFactory, UserFactory

from .factories import MembershipTierFactory, ToolLibraryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tier():
    return MembershipTierFactory(seller=ToolLibraryFactory(name="Outilthèque A",
                                                           contact_phone="+15145550120"))


def membership(member, tier, *, ends):
    return Membership.objects.create(member=member, tier=tier,
                                     start_date=ends - timedelta(days=364), end_date=ends,
                                     price_paid=Decimal("40.00"))


def messages_to(member):
    return list(OutboundMessage.objects.filter(user=member).values_list("to", "body"))


class TestTheRenewalReminder:
    def test_is_queued_by_sms_with_the_end_date_the_renewal_link_and_the_phone(self, tier):
        member = PhoneOnlyClientFactory(phone="+15145550111")
        membership(member, tier, ends=day(14))

        assert send_membership_renewal_reminders() == 1

        [(to, body)] = messages_to(member)
        assert to == "+15145550111"
        assert "Outilthèque A" in body and "3 septembre 2026" in body
        assert "/rentals/memberships/" in body and "(514) 555-0120" in body

    def test_goes_by_email_to_a_member_with_no_phone(self, tier):
        member = UserFactory(email="lea@example.org")
        membership(member, tier, ends=day(3))

        membership_renewal_reminders_send()

        assert [to for to, _body in messages_to(member)] == ["lea@example.org"]

    def test_is_queued_once_however_often_the_task_runs(self, tier):
        member = UserFactory()
        membership(member, tier, ends=day(10))

        sent = [membership_renewal_reminders_send(today=day(n)) for n in (0, 0, 1, 5)]

        assert sent == [1, 0, 0, 0]
        assert len(messages_to(member)) == 1

    def test_waits_until_two_weeks_before_the_end(self, tier):
        member = UserFactory()
        membership(member, tier, ends=day(15))

        assert membership_renewal_reminders_send() == 0
        assert membership_renewal_reminders_send(today=day(1)) == 1

    def test_is_not_sent_for_a_membership_already_lapsed(self, tier):
        member = UserFactory()
        membership(member, tier, ends=day(-1))

        assert membership_renewal_reminders_send() == 0
        assert messages_to(member) == []

    def test_is_not_sent_to_a_member_who_already_renewed(self, tier):
        member = UserFactory()
        current = membership(member, tier, ends=day(7))
        Membership.objects.create(member=member, tier=tier,
                                  start_date=current.end_date + timedelta(days=1),
                                  end_date=day(372), price_paid=Decimal("40.00"))

        assert membership_renewal_reminders_send() == 0
        assert messages_to(member) == []

    def test_runs_daily_from_beat(self):
        tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

        assert "shop.rentals.tasks.send_membership_renewal_reminders" in tasks
