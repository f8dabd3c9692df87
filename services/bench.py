"""Benchmark of the meal-delivery reads and the nightly job, at two sizes.

``manage.py bench_services`` builds a program with N approved registrations
over five weekdays (inside a transaction rolled back at the end), then times
generating a week of deliveries, planning a day's routes, a day's production
counts and all route sheets of a day, and counts their queries. The query
counts must not grow with N.

With ``history`` it first loads years of the past into the same program: one
person and one client for every 25 past deliveries (20,000 for 500,000), an
ended registration each, and the past deliveries themselves, written by one
INSERT … SELECT. Each step runs ``runs`` times, each time in a savepoint rolled
back, and keeps the median; on PostgreSQL it runs again with the foreign keys
checked at once (the commit's cost, which a rolled-back run never pays), and
its queries are replayed under EXPLAIN (ANALYZE, BUFFERS) for the query plans.
"""

import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from . import selectors, services
from .models import (
    Client,
    Delivery,
    DeliveryStatus,
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
DELIVERIES_A_PERSON = 25
HISTORY_DAYS = 3650
WRITES = ("generate a week of deliveries", "plan the routes of a day")


@dataclass
class Measure:
    name: str
    registrations: int
    seconds: float
    queries: int
    history: int = 0
    samples: list = field(default_factory=list)
    explain: str = ""
    with_checks: float | None = None  # seconds, foreign keys checked as at commit


class _Rollback(Exception):
    pass


def bench(sizes=(200, 2000), *, seed=1, history=0, runs=1, explain=False,
          log=None) -> list[Measure]:
    measures = []
    for size in sizes:
        try:
            with transaction.atomic():
                measures.extend(_bench_one(size, seed, history, runs, explain, log))
                raise _Rollback
        except _Rollback:
            pass
    return measures


def _bench_one(size, seed, history, runs, explain, log):
    rng = random.Random(seed)
    program, _season = _data_set(size, rng)
    if history:
        started = time.perf_counter()
        history_load(program=program, deliveries=history, rng=rng, log=log)
        if log:
            log(f"{size} registrations: {history:,} past deliveries loaded in "
                f"{time.perf_counter() - started:.1f} s")
    _set_constraints("IMMEDIATE")  # the loaded rows' foreign keys are checked here, once
    _set_constraints("DEFERRED")
    steps = [
        ("generate a week of deliveries",
         lambda: services.deliveries_generate(start=MONDAY, days=7, programs=[program])),
        ("plan the routes of a day", lambda: services.routes_plan(program=program, date=MONDAY)),
        ("production counts of a day",
         lambda: selectors.production_counts(program=program, date=MONDAY)),
        ("all route sheets of a day", lambda: _read_sheets(program)),
    ]
    measures = []
    for name, step in steps:
        measure = _measure(name, size, step, runs)
        measure.history = history
        if connection.vendor == "postgresql" and name in WRITES:
            _set_constraints("IMMEDIATE")
            measure.with_checks = _measure(name, size, step, runs).seconds
            _set_constraints("DEFERRED")
        if explain:
            measure.explain = _explain(step)
        step()  # kept: the next steps work on its result
        measures.append(measure)
    return measures


def _measure(name, size, step, runs):
    samples, queries = [], None
    for _run in range(max(runs, 1)):
        with _rolled_back():
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                step()
                samples.append(time.perf_counter() - started)
        queries = len(context.captured_queries) if queries is None else queries
    return Measure(name, size, statistics.median(samples), queries, samples=samples)


class _rolled_back:
    """A savepoint always rolled back: each run starts from the same rows."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        self.atomic.__exit__(*exc)
        return False


def _set_constraints(mode):
    """IMMEDIATE: foreign keys checked at each statement, as the commit the runs never
    reach would check them (the runs are rolled back); DEFERRED: Django's default."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def _explain(step) -> str:
    """The step's statements, replayed in order under EXPLAIN ANALYZE, then rolled back."""
    if connection.vendor != "postgresql":
        return "(query plans are read on PostgreSQL only)"
    with _rolled_back():
        with CaptureQueriesContext(connection) as context:
            step()
        statements = [q["sql"] for q in context.captured_queries]
        transaction.set_rollback(True)
    plans = []
    with _rolled_back(), connection.cursor() as cursor:
        # Rows the replay refers to may be gone with the first run's savepoint.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for sql in statements:
            verb = sql.lstrip().split(None, 1)[0].upper()
            if verb not in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(f"-- {' '.join(sql.split())[:300]}\n{plan}")
    return "\n\n".join(plans)


def history_load(*, program, deliveries, rng, log=None) -> None:
    """Years of the past in ``program``: people, clients, ended registrations, deliveries.

    One person and client for every 25 past deliveries; each has one ended
    registration of a past season and weekly deliveries over about six months,
    the registrations spread over ten years before ``MONDAY``.
    """
    Person = get_model("people", "Person")
    started = time.perf_counter()
    count = max(deliveries // DELIVERIES_A_PERSON, 1)
    first_day = MONDAY - timedelta(days=HISTORY_DAYS)
    season = Season._default_manager.create(
        program=program, name="Les années passées", starts_on=first_day,
        ends_on=MONDAY - timedelta(days=1), registration_opens_on=first_day,
        registration_closes_on=MONDAY - timedelta(days=1))
    options = list(MealOption._default_manager.filter(program=program))
    people = Person._default_manager.bulk_create(
        [Person(first_name="Personne", last_name=f"H{n}") for n in range(count)],
        batch_size=5000)
    clients = Client._default_manager.bulk_create([
        Client(first_name="Personne", last_name=f"H{n}", phone=f"+1438{n:07d}", person=person,
               address_line1=f"{n}, rue de l'Histoire",
               postal_code=f"{rng.choice(AREAS)} 2B{n % 10}")
        for n, person in enumerate(people)], batch_size=5000)
    span = HISTORY_DAYS - 7 * (DELIVERIES_A_PERSON + 1) - 1
    starts = [first_day + timedelta(days=n * span // count) for n in range(count)]
    Registration._default_manager.bulk_create([
        Registration(client=client, program=program, season=season, weekdays=0b11111,
                     meal_option=rng.choice(options), requested_start=start,
                     ends_on=start + timedelta(days=7 * DELIVERIES_A_PERSON),
                     status=RegistrationStatus.ENDED, channel="phone")
        for client, start in zip(clients, starts, strict=True)], batch_size=5000)
    loaded = time.perf_counter()
    _insert_past_deliveries(season, deliveries)
    inserted = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if log:
        log(f"  {count:,} people, clients and registrations {loaded - started:.1f} s; "
            f"deliveries {inserted - loaded:.1f} s; ANALYZE {time.perf_counter() - inserted:.1f} s")


def _insert_past_deliveries(season, total):
    """``total`` weekly deliveries of the season's registrations: one INSERT … SELECT."""
    qn = connection.ops.quote_name
    delivery, registration = qn(Delivery._meta.db_table), qn(Registration._meta.db_table)
    if connection.vendor == "postgresql":
        day = "r.requested_start + 7 * k.n"
    else:
        day = "date(r.requested_start, '+' || (7 * k.n) || ' days')"
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO {delivery} (registration_id, program_id, client_id, date, meals,
                                    meal_option_id, status, note)
            WITH RECURSIVE k (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < %s)
            SELECT r.id, r.program_id, r.client_id, {day}, r.meals_per_delivery,
                   r.meal_option_id,
                   CASE WHEN (r.id + k.n) %% 17 = 0 THEN %s
                        WHEN (r.id + k.n) %% 29 = 0 THEN %s ELSE %s END, ''
            FROM {registration} r CROSS JOIN k
            WHERE r.season_id = %s
            ORDER BY k.n, r.id
            LIMIT %s
        """, [DELIVERIES_A_PERSON - 1, DeliveryStatus.SKIPPED, DeliveryStatus.NOBODY_HOME,
              DeliveryStatus.DELIVERED, season.pk, total])


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
