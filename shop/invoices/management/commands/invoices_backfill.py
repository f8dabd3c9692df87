"""Invoice orders placed before invoices existed: ``manage.py invoices_backfill``."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from shop.invoices.selectors import orders_to_backfill
from shop.invoices.services import invoices_backfill_order

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = ("Issue the invoices (and credit notes of their refunds) of orders placed before "
            "invoices existed, in the order they were placed. Safe to run again.")

    def handle(self, *args, **options):
        orders = orders_to_backfill()
        count, done, issued = orders.count(), 0, 0
        for order in orders.iterator():
            issued += invoices_backfill_order(order=order)
            done += 1
            if done % PROGRESS_EVERY == 0 or done == count:
                self.stdout.write(_("%(done)s of %(count)s orders, %(issued)s documents issued.")
                                  % {"done": done, "count": count, "issued": issued})
        if not count:
            self.stdout.write(_("Every order already has its invoices."))
