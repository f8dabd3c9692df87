"""``manage.py bench_services``: times and query counts of the meal-delivery jobs at two sizes.

``--history 500000`` first loads ten years of past deliveries (and 20,000 people)
into the program; ``--json PATH`` writes the largest size's figures and query
plans for the bench report.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from services.bench import bench

JSON_STEPS = {"generate a week of deliveries": "week_of_deliveries",
              "plan the routes of a day": "route_planning"}


class Command(BaseCommand):
    help = ("Time generating a week of deliveries, planning a day's routes, a day's production "
            "counts and all route sheets of a day for 200 and 2,000 approved registrations "
            "(data rolled back).")

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="200,2000")
        parser.add_argument("--history", type=int, default=0,
                            help="Past deliveries to load first (one person for every 25).")
        parser.add_argument("--runs", type=int, default=5,
                            help="Runs of each step; the median is kept.")
        parser.add_argument("--json", dest="json_path", default="",
                            help="Write the largest size's figures and query plans there.")

    def handle(self, *args, **options):
        sizes = [int(size) for size in options["sizes"].split(",")]
        measures = bench(sizes, history=options["history"], runs=options["runs"],
                         explain=bool(options["json_path"]), log=self.stdout.write)
        names = list(dict.fromkeys(m.name for m in measures))
        header = f"{'':32}" + "".join(f"{size:>8} regs: time, queries" for size in sizes)
        self.stdout.write(header)
        for name in names:
            row = [m for m in measures if m.name == name]
            cells = "".join(f"{m.seconds * 1000:>14.1f} ms, {m.queries:>6}" for m in row)
            self.stdout.write(f"{name:32}{cells}")
            if all(m.with_checks is not None for m in row):
                cells = "".join(f"{m.with_checks * 1000:>14.1f} ms,       " for m in row)
                self.stdout.write(f"{'  with foreign keys checked':32}{cells}")
        if options["json_path"]:
            self._write_json(Path(options["json_path"]), measures, max(sizes),
                             options["history"])

    def _write_json(self, path, measures, size, history):
        data = {"registrations": size, "history_deliveries": history,
                "history_people": history // 25 if history else 0, "explain": {}}
        for measure in measures:
            key = JSON_STEPS.get(measure.name)
            if measure.registrations != size or key is None:
                continue
            data[f"{key}_ms"] = round(measure.seconds * 1000, 1)
            data[f"{key}_queries"] = measure.queries
            data[f"{key}_samples_ms"] = [round(s * 1000, 1) for s in measure.samples]
            if measure.with_checks is not None:
                data[f"{key}_with_commit_checks_ms"] = round(measure.with_checks * 1000, 1)
            data["explain"][key] = measure.explain
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(f"Written: {path}")
