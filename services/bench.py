"""Benchmark of the meal-delivery reads and the nightly job, at two sizes.

``manage.py bench_services`` builds a program with N approved registrations
over five weekdays (inside a transaction rolled back at the end), then times
generating a week of deliveries, a day's production counts and all route sheets
of a day, and counts their queries. The query counts must not grow with N.
"""

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from . import selectors, services
from .models import (
    Client,
    MealKind,
    MealOption,
    Program,
    ProgramDay,
    Registration,
    RegistrationStatus,
    Season,
)
from .weekdays import weekdays_to_mask

Partner = get_model("partner", "Partner")
MONDAY = date(2030, 9, 2)
AREAS = ("H4C", "H3J", "H4E", "H3K")


@dataclass
class Measure:
    name: str
    registrations: int
    seconds: float
    queries: int


class _Rollback(Exception):
    pass


def bench(sizes=(200, 2000), *, seed=1) -> list[Measure]:
    measures = []
    for size in sizes:
        try:
            with transaction.atomic():
                measures.extend(_bench_one(size, seed))
                raise _Rollback
        except _Rollback:
            pass
    return measures


def _bench_one(size, seed):
    program, season = _data_set(size, random.Random(seed))
    steps = [
        ("generate a week of deliveries",
         lambda: services.deliveries_generate(start=MONDAY, days=7, programs=[program])),
        ("plan the routes of a day", lambda: services.routes_plan(program=program, date=MONDAY)),
        ("production counts of a day",
         lambda: selectors.production_counts(program=program, date=MONDAY)),
        ("all route sheets of a day", lambda: _read_sheets(program)),
    ]
    return [_measure(name, size, step) for name, step in steps]


def _measure(name, size, step):
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        step()
        seconds = time.perf_counter() - started
    return Measure(name, size, seconds, len(context.captured_queries))


def _read_sheets(program):
    for route in selectors.route_sheets(program=program, date=MONDAY):
        for stop in route.sheet_stops:
            (stop.client.address, stop.client.allergies, stop.meal_option.name)  # noqa: B018


def _data_set(size, rng):
    seller = Partner._default_manager.create(name=f"Popote banc d'essai {size}",
                                             code=f"bench-popote-{size}", kind="meal_service")
    program = Program._default_manager.create(seller=seller, name="Banc d'essai",
                                              slug=f"bench-{size}", postal_prefixes=" ".join(AREAS))
    ProgramDay._default_manager.bulk_create(
        [ProgramDay(program=program, weekday=day, capacity=size * 3) for day in range(5)])
    options = MealOption._default_manager.bulk_create(
        [MealOption(program=program, kind=kind, name=kind, position=i)
         for i, kind in enumerate(MealKind.values)])
    season = Season._default_manager.create(
        program=program, name="Banc", starts_on=MONDAY, ends_on=MONDAY + timedelta(days=90),
        registration_opens_on=MONDAY - timedelta(days=30), registration_closes_on=MONDAY)
    clients = Client._default_manager.bulk_create([
        Client(first_name="Client", last_name=str(n), phone=f"+1514{n:07d}",
               address_line1=f"{n}, rue du Banc", postal_code=f"{rng.choice(AREAS)} 1A{n % 10}",
               allergies=rng.choice(["", "", "", "arachides", "gluten"]))
        for n in range(size)])
    Registration._default_manager.bulk_create([
        Registration(client=client, program=program, season=season,
                     weekdays=weekdays_to_mask(rng.sample(range(5), 3)), meals_per_delivery=1,
                     meal_option=rng.choice(options), requested_start=MONDAY,
                     status=RegistrationStatus.APPROVED, channel="phone")
        for client in clients])
    return program, season
