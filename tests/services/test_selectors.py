"""Kitchen counts and route sheets: right figures, and queries that do not grow with clients."""

import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Delivery, DeliveryStatus
from services.selectors import production_counts, route_sheets
from services.services import deliveries_generate, registration_approve, routes_plan
from tests.services.factories import SEASON_START, ClientFactory, register

pytestmark = pytest.mark.django_db

POSTAL_CODES = ["H4C 1S3", "H4C 2K1", "H3J 1M5", "H3J 2A8"]
ALLERGIES = ["", "", "arachides", "gluten, lactose", "Arachides; fruits de mer"]


def a_day_of(program, season, clients, *, seed):
    """``clients`` approved registrations for Monday with random meals, options, allergies."""
    rng = random.Random(seed)
    program.days.update(capacity=1000)
    options = list(program.meal_options.all())
    for _ in range(clients):
        client = ClientFactory(postal_code=rng.choice(POSTAL_CODES),
                               allergies=rng.choice(ALLERGIES),
                               diet_restrictions=rng.choice(["", "", "sans sel"]))
        registration_approve(registration=register(
            client, program, season, weekdays=[0], meals=rng.randint(1, 3),
            option=rng.choice(options)), by=None)
    deliveries_generate(start=SEASON_START, days=1)
    skipped = Delivery.objects.order_by("?").first()
    skipped.status = DeliveryStatus.SKIPPED
    skipped.save()
    routes_plan(program=program, date=SEASON_START)


def queries(function):
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


class TestProductionCounts:
    def test_match_counts_computed_from_the_deliveries(self, meal_program, meal_season):
        a_day_of(meal_program, meal_season, 25, seed=1)
        cooked = [d for d in Delivery.objects.select_related("meal_option", "client")
                  if d.status != DeliveryStatus.SKIPPED]
        expected = Counter()
        for delivery in cooked:
            expected[delivery.meal_option.name] += delivery.meals
        counts = production_counts(program=meal_program, date=SEASON_START)
        assert {row["meal_option__name"]: row["meals"] for row in counts.per_option} == expected
        assert counts.total_meals == sum(expected.values())
        watched = {d.client_id for d in cooked if d.client.allergies or d.client.diet_restrictions}
        assert {d.client_id for d in counts.to_watch} == watched
        peanuts = sum(1 for d in cooked if "arachides" in d.client.allergies.lower())
        assert dict(counts.allergens).get("arachides", 0) == peanuts

    def test_run_the_same_number_of_queries_for_5_or_40_clients(self, meal_program, meal_season,
                                                                django_assert_num_queries):
        a_day_of(meal_program, meal_season, 5, seed=2)
        small = queries(lambda: production_counts(program=meal_program, date=SEASON_START))
        a_day_of(meal_program, meal_season, 35, seed=3)
        with django_assert_num_queries(small):
            production_counts(program=meal_program, date=SEASON_START)


class TestRouteSheets:
    def test_every_cooked_delivery_is_on_one_route_in_stop_order(self, meal_program,
                                                                  meal_season):
        a_day_of(meal_program, meal_season, 20, seed=4)
        sheets = route_sheets(program=meal_program, date=SEASON_START)
        stops = [stop for route in sheets for stop in route.sheet_stops]
        expected = Delivery.objects.exclude(status=DeliveryStatus.SKIPPED)
        assert sorted(s.pk for s in stops) == sorted(expected.values_list("pk", flat=True))
        for route in sheets:
            orders = [stop.stop_order for stop in route.sheet_stops]
            assert orders == sorted(orders)
            assert {stop.client.postal_code[:3] for stop in route.sheet_stops} == {route.name}

    def test_run_the_same_number_of_queries_for_5_or_40_clients(self, meal_program, meal_season,
                                                                django_assert_num_queries):
        def render():
            for route in route_sheets(program=meal_program, date=SEASON_START):
                for stop in route.sheet_stops:
                    assert stop.client.address and stop.meal_option.name is not None

        a_day_of(meal_program, meal_season, 5, seed=5)
        small = queries(render)
        a_day_of(meal_program, meal_season, 35, seed=6)
        with django_assert_num_queries(small):
            render()

    def test_the_pages_run_the_same_number_of_queries_for_5_or_40_clients(
            self, client, meal_program, meal_season, coordinator, django_assert_num_queries):
        client.force_login(coordinator)
        day = SEASON_START.isoformat()
        urls = [f"/services/programs/{meal_program.pk}/routes/{day}/",
                f"/services/programs/{meal_program.pk}/counts/{day}/"]
        a_day_of(meal_program, meal_season, 5, seed=7)
        for url in urls:  # the first load makes the basket and caches the layout's menus
            client.get(url)
        small = [queries(lambda url=url: client.get(url)) for url in urls]
        a_day_of(meal_program, meal_season, 35, seed=8)
        for url, count in zip(urls, small, strict=True):
            with django_assert_num_queries(count):
                client.get(url)


class TestDeliveryGeneration:
    def test_runs_the_same_number_of_queries_for_5_or_20_registrations(
            self, meal_program, meal_season, django_assert_num_queries):
        """20 × 3 rows stay within one insert on SQLite too (999 parameters a query)."""
        def approved(count):
            for _ in range(count):
                registration_approve(registration=register(
                    ClientFactory(), meal_program, meal_season, weekdays=[0, 2, 4]), by=None)

        approved(5)
        small = queries(lambda: deliveries_generate(start=SEASON_START, days=7))
        Delivery.objects.all().delete()
        approved(15)
        with django_assert_num_queries(small):
            assert deliveries_generate(start=SEASON_START, days=7) == 20 * 3
