"""``manage.py import_books catalogue.csv [--seller CODE]``: a bookshop's CSV into the catalogue."""

import sys

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

from shop.partner.models import SellerKind
from shop.rentals.services.book_import import books_import

Partner = get_model("partner", "Partner")
BAR_WIDTH = 40


class Command(BaseCommand):
    help = (
        "Import a bookshop's CSV (ISBN, title, author, publisher, price, quantity). "
        "Existing books are updated, bad rows are reported by line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--seller", help="Partner code of the bookshop (default: the only "
                                             "bookshop).")
        parser.add_argument("--encoding", default="utf-8-sig")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, csv_path, seller=None, encoding="utf-8-sig", no_progress=False,
               **options):
        bookshop = self._seller(seller)
        try:
            with open(csv_path, encoding=encoding, newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        progress = None if no_progress else self._progress
        try:
            report = books_import(seller=bookshop, text=text, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if progress is not None:
            self.stderr.write("")
        self._print(report)

    def _seller(self, code):
        sellers = Partner._default_manager.all()
        if code:
            found = sellers.filter(code=code).first()
            if found is None:
                raise CommandError(f"No seller has the code {code!r}.")
            return found
        bookshops = list(sellers.filter(kind=SellerKind.BOOKSHOP)[:2])
        if len(bookshops) != 1:
            raise CommandError("Name the bookshop with --seller CODE.")
        return bookshops[0]

    def _progress(self, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} rows", ending="")
        sys.stderr.flush()

    def _print(self, report):
        self.stdout.write(
            f"Imported {report.imported} rows: {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged; "
            f"{len(report.rejected)} rejected."
        )
        for line, reason in report.rejected:
            self.stdout.write(f"  line {line}: {reason}")
