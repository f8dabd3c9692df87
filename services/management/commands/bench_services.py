"""``manage.py bench_services``: times and query counts of the meal-delivery jobs at two sizes."""

from django.core.management.base import BaseCommand

from services.bench import bench


class Command(BaseCommand):
    help = ("Time generating a week of deliveries, a day's production counts and all route "
            "sheets of a day for 200 and 2,000 approved registrations (data rolled back).")

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="200,2000")

    def handle(self, *args, **options):
        sizes = [int(size) for size in options["sizes"].split(",")]
        measures = bench(sizes)
        names = list(dict.fromkeys(m.name for m in measures))
        header = f"{'':32}" + "".join(f"{size:>8} regs: time, queries" for size in sizes)
        self.stdout.write(header)
        for name in names:
            row = [m for m in measures if m.name == name]
            cells = "".join(f"{m.seconds * 1000:>14.1f} ms, {m.queries:>6}" for m in row)
            self.stdout.write(f"{name:32}{cells}")
