"""``manage.py load_demo``: three fictional sellers, their catalogues and demo accounts."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo: a bookshop, a tool library and a meal service with their "
        "catalogues, staff and clients. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        self.stdout.write(_("Loading the demo data…"))
        summary = demo_load(progress=self._seller_done)
        self.stdout.write(
            ngettext("  %(count)d demo account", "  %(count)d demo accounts", summary.users)
            % {"count": summary.users}
        )
        if summary.changed_anything:
            message = _("Demo data ready: %(created)d rows created, %(updated)d updated.") % {
                "created": sum(summary.created.values()),
                "updated": sum(summary.updated.values()),
            }
        else:
            message = _("Demo data already in place: nothing changed.")
        self.stdout.write(self.style.SUCCESS(message))
        self.stdout.write(_("Logins: manage.py demo_logins"))

    def _seller_done(self, seller_name, product_count):
        self.stdout.write(
            ngettext(
                "  %(seller)s: %(count)d product", "  %(seller)s: %(count)d products", product_count
            )
            % {"seller": seller_name, "count": product_count}
        )
