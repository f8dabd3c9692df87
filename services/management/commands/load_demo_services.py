"""``manage.py load_demo_services``: the meal service's program, clients and deliveries."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from services.demo import services_demo_load


class Command(BaseCommand):
    help = (
        "Load the meal-delivery demo (after load_demo): a program of the Popote roulante "
        "Saint-Henri, a season, clients, registrations, two weeks of deliveries and routes. "
        "Running it again creates nothing new."
    )

    def handle(self, *args, **options):
        try:
            summary = services_demo_load()
        except LookupError as error:
            raise CommandError(str(error)) from error
        created = sum(summary.created.values()) + summary.deliveries
        if created:
            details = ", ".join(f"{name}: {count}" for name, count in summary.created.items()
                                if count)
            self.stdout.write(self.style.SUCCESS(
                _("Meal-delivery demo ready (%(details)s; deliveries: %(deliveries)d).")
                % {"details": details, "deliveries": summary.deliveries}))
        else:
            self.stdout.write(self.style.SUCCESS(
                _("Meal-delivery demo already in place: nothing changed.")))
        self.stdout.write(_("Staff pages: /services/ (popote@example.org or "
                            "coordination@example.org); online form: /services/register/%(slug)s/")
                          % {"slug": "popote-saint-henri"})
