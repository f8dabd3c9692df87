"""``manage.py monthly_statements``: the month's paper statements in one PDF, to print."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from shop.statements import documents, selectors


class Command(BaseCommand):
    help = ("Write the month's statements of clients who pay by monthly invoice and have no "
            "email, one per sheet, addressed for a window envelope (default: last month).")

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the previous month)")
        parser.add_argument("--output", help="the PDF to write (default: releves-YYYY-MM.pdf)")
        parser.add_argument("--all", action="store_true",
                            help="every invoice client's statement, not only the paper ones")

    def handle(self, *args, **options):
        month = self._month(options["month"])
        output = Path(options["output"] or f"releves-{month:%Y-%m}.pdf")
        data = documents.month_statements_pdf(month, not options["all"], progress=self._progress)
        output.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(
            _("Statements of %(month)s written to %(path)s.")
            % {"month": f"{month:%Y-%m}", "path": output}))

    def _progress(self, done, total):
        self.stdout.write(_("Statement %(done)d of %(total)d") % {"done": done, "total": total})

    @staticmethod
    def _month(value) -> date:
        if not value:
            return selectors.previous_month()
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError as error:
            raise CommandError(_("Enter a month as 2026-11.")) from error
