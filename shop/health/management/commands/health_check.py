"""``manage.py health_check [--worker] [--beat]``: exit 0 when ready, 1 when not.

For container health checks. With no option: the database (reachable, migrated)
and Redis. ``--worker``: a worker of this machine has a fresh heartbeat (the
worker container's own). ``--beat``: beat sent its tick lately. One line per
check is printed.
"""

import socket

from django.core.management.base import BaseCommand

from shop.health import checks


class Command(BaseCommand):
    help = "Exit 0 when the shop is ready, 1 when it is not (container health checks)."

    def add_arguments(self, parser):
        parser.add_argument("--worker", action="store_true",
                            help="Also require a fresh heartbeat of a worker on this machine.")
        parser.add_argument("--beat", action="store_true",
                            help="Also require a recent tick of Celery beat.")

    def handle(self, *args, worker=False, beat=False, **options):
        results = checks.readiness(("database", "redis"))
        if worker:
            results.append(checks.worker(host=socket.gethostname()))
        if beat:
            results.append(checks.beat())
        for check in results:
            self.stdout.write("{} {}: {}".format("ok" if check.ok else "NOT OK", check.name,
                                                  check.detail))
        if not checks.all_ok(results):
            raise SystemExit(1)
