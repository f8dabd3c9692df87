"""``what_serves``: the meal programs, home delivery and counters for one postal code."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.nearby.selectors import what_serves
from tests.factories import SellerFactory
from tests.services.factories import SeasonFactory, program_with
from tests.shop.nearby.factories import counter_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def delivery_area(settings):
    settings.LOCAL_DELIVERY_AREA = ["H4C", "H2J"]


def names(programs):
    return [program.name for program in programs]


class TestWhatServes:
    def test_lists_the_programs_whose_area_holds_the_code_and_no_other(self):
        program_with(name="Popote Saint-Henri", postal_prefixes="H4C H3J")
        program_with(name="Popote Plateau", postal_prefixes="H2J, h2h")
        assert names(what_serves(postal_code="h4c 1s3").programs) == ["Popote Saint-Henri"]
        assert names(what_serves(postal_code="H2H1A1").programs) == ["Popote Plateau"]

    def test_a_prefix_must_match_whole_not_as_part_of_a_longer_word(self):
        """A program written "H4CX" (a typo) does not serve H4C: whole prefixes only."""
        program_with(name="Faute de frappe", postal_prefixes="H4CX")
        assert what_serves(postal_code="H4C 1S3").programs == []

    def test_leaves_out_inactive_programs(self):
        program_with(name="Popote fermée", postal_prefixes="H4C", is_active=False)
        assert what_serves(postal_code="H4C 1S3").programs == []

    def test_gives_the_delivery_days_in_week_order(self):
        program_with(weekdays=(4, 0, 2), postal_prefixes="H4C")
        program = what_serves(postal_code="H4C 1S3").programs[0]
        assert [day.weekday for day in program.days.all()] == [0, 2, 4]

    def test_knows_which_programs_take_registrations_today(self):
        today = timezone.localdate()
        taking = program_with(name="A ouverte", postal_prefixes="H4C")
        SeasonFactory(program=taking, registration_opens_on=today - timedelta(days=3),
                      registration_closes_on=today + timedelta(days=3))
        closed = program_with(name="B fermée", postal_prefixes="H4C")
        SeasonFactory(program=closed, registration_opens_on=today + timedelta(days=10),
                      registration_closes_on=today + timedelta(days=20))
        found = what_serves(postal_code="H4C 1S3", today=today).programs
        assert [bool(program.open_seasons) for program in found] == [True, False]

    def test_local_delivery_reaches_only_the_delivery_area(self):
        assert what_serves(postal_code="h4c 2k1").delivery is True
        assert what_serves(postal_code="H9A 1A1").delivery is False

    def test_every_sellers_counter_is_a_pick_up_point(self):
        counter_of(SellerFactory(name="Outilthèque"), postcode="H1W 1S1")
        counter_of(SellerFactory(name="Librairie"), postcode="H2J 2K9")
        points = what_serves(postal_code="H9A 1A1").pickup_points
        assert [point.partner.name for point in points] == ["Librairie", "Outilthèque"]

    def test_nothing_reaches_the_door_outside_every_area(self):
        program_with(postal_prefixes="H4C")
        result = what_serves(postal_code="H9A 1A1")
        assert result.reaches_the_door is False
        assert what_serves(postal_code="H2J 2K9").reaches_the_door is True  # delivery only

    @pytest.mark.parametrize("text", ["", "12345", "H4C 1S", "D4C 1S3", "<script>"])
    def test_refuses_what_is_not_a_postal_code(self, text):
        with pytest.raises(ValueError, match="Not a postal code"):
            what_serves(postal_code=text)
