"""``manage.py load_demo_orders``: three weeks of demo orders from every channel."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.demo.orders import demo_orders_load


class Command(BaseCommand):
    help = (
        "Place the demo's orders (web, phone, SMS, voice) through the order pipeline, "
        "after load_demo. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        placed = demo_orders_load()
        if placed:
            self.stdout.write(self.style.SUCCESS(
                ngettext("%(count)d demo order placed.", "%(count)d demo orders placed.", placed)
                % {"count": placed}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Demo orders already in place: nothing changed.")))
