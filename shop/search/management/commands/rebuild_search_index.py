"""``manage.py rebuild_search_index``: every product's search document and the lexicon, anew."""

import sys

from django.core.management.base import BaseCommand
from django.db import connection

from shop.search.services import rebuild_documents


class Command(BaseCommand):
    help = "Rebuild the search documents of every product, and the lexicon of near misses (PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to rebuild: on SQLite the search reads the products themselves.")
            return
        bar = self._bar if options["verbosity"] > 0 else (lambda done, total: None)
        total = rebuild_documents(progress=bar)
        if options["verbosity"] > 0:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(f"{total:,} search documents rebuilt."))

    @staticmethod
    def _bar(done, total, width=40):
        filled = width * done // total if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        sys.stderr.flush()
