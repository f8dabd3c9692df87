"""The shop's one clock reads the shop's wall clock (America/Toronto), whatever it is handed."""

from datetime import UTC

from django.utils import timezone

from shop import clock as shop_clock
from tests.clock import FROZEN_NOW, at, day


def test_now_is_the_frozen_moment_of_the_suite():
    assert abs((shop_clock.now() - FROZEN_NOW).total_seconds()) < 60


def test_a_utc_time_reads_as_the_shops_local_time():
    late_evening = at(day(0), 23, 30).astimezone(UTC)  # already the next day in UTC
    assert shop_clock.local(late_evening) == at(day(0), 23, 30)
    assert shop_clock.local(late_evening).hour == 23
    assert shop_clock.today(late_evening) == day(0)


def test_today_is_the_shops_day_even_where_a_request_chose_another_zone(clock):
    clock.move_to(at(day(0), 22, 0))  # 02:00 the next day in UTC, 04:00 in Paris
    with timezone.override("Europe/Paris"):
        assert timezone.localdate() == day(1)
        assert shop_clock.today() == day(0)
        assert shop_clock.local().hour == 22
