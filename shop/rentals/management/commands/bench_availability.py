"""``manage.py bench_availability``: availability of one product, 500 units, 5,000 vs 50,000 bookings.

For ``make bench``. Writes a scratch seller, product, units and reservations in
one transaction, times ``product_availability`` over 60 days and counts its
queries, then rolls everything back: the database is left as it was. The
bookings of each unit are spread over two years around today, so about a
twelfth of them meet the 60-day window.
"""

import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop import clock
from shop.rentals.models import RentableItem, Reservation, ReservationStatus, Unit
from shop.rentals.selectors import product_availability

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
User = get_model("accounts", "User")


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the 60-day availability of a 500-unit product over 5,000 and 50,000 bookings."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=500)
        parser.add_argument("--counts", default="5000,50000")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, units=500, counts="5000,50000", repeat=5, **options):
        self.stdout.write(f"availability of one product over 60 days, {units} units "
                          f"({connection.vendor})")
        try:
            with transaction.atomic():
                product, unit_ids, member = self._scratch(units)
                for count in [int(c) for c in counts.split(",")]:
                    self._book(unit_ids, member, count)
                    queries, timings = self._measure(product, repeat)
                    self.stdout.write(
                        f"  {count:>6} reservations: {queries} queries, "
                        f"median {statistics.median(timings) * 1000:.1f} ms "
                        f"(best {min(timings) * 1000:.1f} ms of {repeat})"
                    )
                raise _Rollback
        except _Rollback:
            pass

    def _scratch(self, units):
        seller = Partner._default_manager.create(name="Bench tool library", code="bench-rentals")
        product_class, _created = ProductClass._default_manager.get_or_create(
            name="Bench rentals", defaults={"track_stock": False})
        product = Product._default_manager.create(title="Bench drill", upc="BENCH-RENT-1",
                                                  product_class=product_class)
        RentableItem._default_manager.create(product=product, price_per_day=Decimal("8.00"),
                                             buffer_days=1)
        Unit._default_manager.bulk_create(
            Unit(product=product, seller=seller, asset_tag=f"BENCH-{n}") for n in range(units))
        unit_ids = list(Unit._default_manager.filter(product=product).values_list("pk", flat=True))
        member = User._default_manager.create_user("bench-rentals@example.org")
        return product, unit_ids, member

    def _book(self, unit_ids, member, count):
        """``count`` non-overlapping bookings, the same number per unit, over two years."""
        Reservation._default_manager.filter(unit_id__in=unit_ids).delete()
        today = clock.today()
        per_unit = max(1, count // len(unit_ids))
        step = max(1, 730 // per_unit)
        rows = []
        for index in range(count):
            unit_index, slot = divmod(index, per_unit)
            unit_id = unit_ids[unit_index % len(unit_ids)]
            start = today - timedelta(days=365) + timedelta(days=slot * step + unit_index % 3)
            end = start + timedelta(days=max(0, min(step - 3, 1 + index % 4)))
            rows.append(Reservation(
                unit_id=unit_id, member=member, start_date=start, end_date=end, buffer_days=1,
                blocked_until=Reservation.blocked_until_for(end, 1),
                status=ReservationStatus.CONFIRMED))
        Reservation._default_manager.bulk_create(rows, batch_size=5000)

    def _measure(self, product, repeat):
        timings = []
        queries = None
        for _run in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                product_availability(product=product)
                timings.append(time.perf_counter() - started)
            queries = len(captured)
        return queries, timings
