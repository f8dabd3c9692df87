"""Generating a week of deliveries and planning a day's routes run the same
number of queries for 4 registrations as for 40, and make the same deliveries
the day-by-day rule (``delivers_on``) gives.
"""

from datetime import timedelta

import pytest

from services.models import Client, Delivery, DeliveryStatus, Registration, RegistrationStatus
from services.services import deliveries_generate, routes_plan
from services.services.deliveries import delivers_on
from tests.services.factories import SEASON_END, SEASON_START, SeasonFactory, program_with

pytestmark = pytest.mark.django_db

MON = SEASON_START
AREAS = ("H4C 1S3", "H3J 2K8", "H4E 1A1")
# A week of deliveries: programs, days, closures, one INSERT … SELECT.
GENERATE_QUERIES = 4
# A savepoint and its release, the stops, the routes, the routes made and read
# again, their last stops, one UPDATE of every stop.
PLAN_QUERIES = 8
PLAN_QUERIES_ROUTES_KNOWN = 6


def program_of(size):
    program = program_with(weekdays=(0, 1, 2, 3, 4))
    season = SeasonFactory(program=program)
    option = program.meal_options.get()
    clients = Client.objects.bulk_create(
        Client(first_name="Client", last_name=str(n), phone=f"+1438555{n:04d}",
               address_line1=f"{n}, rue du Test", postal_code=AREAS[n % len(AREAS)])
        for n in range(size))
    Registration.objects.bulk_create(
        Registration(client=client, program=program, season=season, weekdays=0b10101,
                     meal_option=option, requested_start=MON, channel="phone",
                     status=RegistrationStatus.APPROVED)
        for client in clients)
    return program


@pytest.mark.parametrize("size", [4, 40])
def test_a_week_of_deliveries_runs_the_same_queries_at_any_size(size, django_assert_num_queries):
    program = program_of(size)
    with django_assert_num_queries(GENERATE_QUERIES):
        created = deliveries_generate(start=MON, days=7, programs=[program])
    assert created == size * 3  # Monday, Wednesday, Friday
    assert Delivery.objects.filter(program=program, date=MON).count() == size


@pytest.mark.parametrize("size", [4, 40])
def test_planning_a_days_routes_runs_the_same_queries_at_any_size(size,
                                                                  django_assert_num_queries):
    program = program_of(size)
    deliveries_generate(start=MON, days=1, programs=[program])
    with django_assert_num_queries(PLAN_QUERIES):
        routes = routes_plan(program=program, date=MON)
    assert [route.name for route in routes] == ["H3J", "H4C", "H4E"]
    for route in routes:
        stops = list(route.stops.order_by("stop_order").select_related("client"))
        assert [stop.stop_order for stop in stops] == list(range(1, len(stops) + 1))
        assert {stop.client.postal_code[:3] for stop in stops} == {route.name}
        keys = [(s.client.postal_code, s.client.address_line1, s.pk) for s in stops]
        assert keys == sorted(keys)


@pytest.mark.parametrize("size", [4, 40])
def test_stops_added_later_go_at_the_end_of_their_route(size, django_assert_num_queries):
    program = program_of(size)
    deliveries_generate(start=MON, days=1, programs=[program])
    routes_plan(program=program, date=MON)
    late = Client.objects.create(first_name="Client", last_name="tard", phone="+14385559999",
                                 address_line1="1, rue du Test", postal_code="H4C 1A1")
    Registration.objects.create(
        client=late, program=program, season=program.seasons.get(), weekdays=0b1,
        meal_option=program.meal_options.get(), requested_start=MON, channel="phone",
        status=RegistrationStatus.APPROVED)
    deliveries_generate(start=MON, days=1, programs=[program])
    with django_assert_num_queries(PLAN_QUERIES_ROUTES_KNOWN):
        routes_plan(program=program, date=MON)
    stop = Delivery.objects.get(client=late)
    assert stop.route.name == "H4C"
    assert stop.stop_order == stop.route.stops.count()


def test_the_deliveries_made_are_those_the_day_by_day_rule_gives():
    program = program_of(0)
    season = program.seasons.get()
    option = program.meal_options.get()
    week = [MON + timedelta(days=n) for n in range(7)]
    wed, fri, next_mon = MON + timedelta(days=2), MON + timedelta(days=4), MON + timedelta(7)
    Status = RegistrationStatus
    shapes = [
        {"status": Status.APPROVED},
        {"status": Status.APPROVED, "requested_start": wed},
        {"status": Status.PAUSED, "paused_from": MON, "resume_on": wed},
        {"status": Status.PAUSED, "paused_from": wed, "resume_on": None},
        {"status": Status.PAUSED, "paused_from": MON + timedelta(days=1), "resume_on": fri},
        {"status": Status.CANCELLED, "ends_on": wed},
        {"status": Status.ENDED, "ends_on": MON - timedelta(days=1)},
        {"status": Status.CANCELLED, "ends_on": None},
        {"status": Status.PENDING},
        {"status": Status.WAITLISTED},
        {"status": Status.APPROVED, "requested_start": next_mon},
    ]
    late_season = SeasonFactory(program=program, starts_on=fri, ends_on=SEASON_END)
    registrations = []
    for n, shape in enumerate(shapes * 2):
        client = Client.objects.create(first_name="C", last_name=str(n), postal_code="H4C 1S3",
                                       phone=f"+1438555{n:04d}", address_line1=f"{n}, rue")
        fields = {"requested_start": MON, **shape}
        registrations.append(Registration.objects.create(
            client=client, program=program, season=late_season if n >= len(shapes) else season,
            weekdays=0b11111 if n % 2 else 0b10101, meal_option=option, channel="phone",
            **fields))
    deliveries_generate(start=MON, days=7, programs=[program])
    made = set(Delivery.objects.values_list("registration_id", "date"))
    closed_for_good = (Status.CANCELLED, Status.ENDED)  # with no last day: no delivery
    expected = {(r.pk, day) for r in registrations for day in week
                if day.weekday() < 5 and r.status not in (Status.PENDING, Status.WAITLISTED)
                and not (r.status in closed_for_good and r.ends_on is None)
                and delivers_on(r, day)}
    assert made == expected
    assert expected  # the rule lets some through…
    assert len(expected) < len(registrations) * 5  # …and holds some back
    assert not Delivery.objects.exclude(status=DeliveryStatus.SCHEDULED).exists()
