"""A throttled campaign that runs into the quiet hours goes on at 08:00 at the same pace.

Started at 20:59 at 2 messages a minute, it sends 20:59:00 and 20:59:30, nothing
in the night, then 08:00:00, 08:00:30, 08:01:00…: the night does not pile the
rest up to go all at once at 08:00.
"""

from datetime import timedelta

import pytest

from phone_orders.models import Campaign
from phone_orders.services.campaigns import campaign_start, send_times
from shop.notifications.models import MessageStatus
from shop.notifications.tasks import outbox_sweep
from tests.clock import at, day
from tests.phone_orders.test_campaigns import campaign_messages, customer_of

pytestmark = pytest.mark.django_db

EVENING, NEXT_DAY = day(1), day(2)


@pytest.fixture
def campaign(sellers):
    for _n in range(6):
        customer_of(sellers["bookshop"])
    return Campaign.objects.create(seller=sellers["bookshop"], name="Rentrée", per_minute=2,
                                   segment="seller_customers", body="Nouveaux livres.")


def sent():
    return campaign_messages().filter(status=MessageStatus.SENT).count()


def sweep_at(clock, moment):
    clock.move_to(moment)
    outbox_sweep()
    return sent()


class TestACampaignStartedJustBeforeTheQuietHours:
    def test_is_spread_on_each_side_of_the_night_at_its_pace(self, clock, campaign):
        clock.move_to(at(EVENING, 20, 59))

        campaign_start(campaign=campaign)

        assert [m.next_attempt_at for m in campaign_messages()] == [
            at(EVENING, 20, 59), at(EVENING, 20, 59) + timedelta(seconds=30),
            at(NEXT_DAY, 8), at(NEXT_DAY, 8) + timedelta(seconds=30),
            at(NEXT_DAY, 8, 1), at(NEXT_DAY, 8, 1) + timedelta(seconds=30)]

    def test_is_sent_by_the_sweep_at_its_pace_from_eight(self, clock, campaign, fake_twilio):
        clock.move_to(at(EVENING, 20, 59))
        campaign_start(campaign=campaign)

        assert sweep_at(clock, at(EVENING, 20, 59) + timedelta(seconds=45)) == 2
        for moment in (at(EVENING, 21, 0) + timedelta(seconds=10), at(EVENING, 23),
                       at(NEXT_DAY, 3), at(NEXT_DAY, 7, 59)):
            assert sweep_at(clock, moment) == 2  # nothing in the night
        assert sweep_at(clock, at(NEXT_DAY, 8)) == 3  # the first of the morning, alone
        assert sweep_at(clock, at(NEXT_DAY, 8) + timedelta(seconds=45)) == 4
        assert sweep_at(clock, at(NEXT_DAY, 8, 1) + timedelta(seconds=45)) == 6
        assert len([m for m in fake_twilio.messages if "Nouveaux livres" in m["body"]]) == 6


class TestTheSendTimes:
    def test_of_a_campaign_started_in_the_night_begin_at_eight(self):
        times = send_times(start=at(EVENING, 23, 30), count=3, per_minute=60)

        assert times == [at(NEXT_DAY, 8), at(NEXT_DAY, 8) + timedelta(seconds=1),
                         at(NEXT_DAY, 8) + timedelta(seconds=2)]

    def test_of_a_campaign_in_the_day_are_its_pace(self):
        times = send_times(start=at(EVENING, 12), count=3, per_minute=30)

        assert times == [at(EVENING, 12), at(EVENING, 12) + timedelta(seconds=2),
                         at(EVENING, 12) + timedelta(seconds=4)]

    def test_of_a_campaign_longer_than_a_day_skip_each_night(self):
        times = send_times(start=at(EVENING, 20, 59), count=3, per_minute=1)

        assert times == [at(EVENING, 20, 59), at(NEXT_DAY, 8), at(NEXT_DAY, 8, 1)]
