"""Write the ledger of orders paid before it existed: ``manage.py ledger_backfill``."""

from django.core.management.base import BaseCommand

from shop.ledger.services import ledger_backfill_order, orders_to_backfill


class Command(BaseCommand):
    help = "Write the seller ledger of orders paid before it existed (safe to run again)."

    def handle(self, *args, **options):
        orders = rows = 0
        for order in orders_to_backfill().iterator():
            written = ledger_backfill_order(order=order)
            orders, rows = orders + bool(written), rows + written
        self.stdout.write(f"{orders} orders, {rows} ledger rows written.")
