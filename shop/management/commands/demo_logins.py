"""``manage.py demo_logins``: who to log in as to try the demo, and where."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from shop.demo import people, sellers

SELLER_NAMES = {seller.code: seller.name for seller in sellers.SELLERS}


class Command(BaseCommand):
    help = "Print the demo logins (email, password, role) and the shop and dashboard URLs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the demo is served (default: %(default)s).",
        )

    def handle(self, *args, base_url, **options):
        base_url = base_url.rstrip("/")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Comptoir demo")))
        self.stdout.write(_("  Shop:      %(url)s/") % {"url": base_url})
        self.stdout.write(_("  Dashboard: %(url)s/dashboard/") % {"url": base_url})
        self.stdout.write(
            _("  Password for every login: %(password)s") % {"password": people.DEMO_PASSWORD}
        )
        self.stdout.write("")
        width = max(len(person.email) for person in people.PEOPLE if person.can_log_in)
        for person in people.PEOPLE:
            if person.can_log_in:
                self.stdout.write(
                    f"  {person.email.ljust(width)}  {people.DEMO_PASSWORD}  {self._role(person)}"
                )
        self.stdout.write("")
        for person in people.PEOPLE:
            if not person.can_log_in:
                self.stdout.write(
                    _(
                        "  %(name)s (%(phone)s): no email, no password; staff find this "
                        "client by phone number."
                    )
                    % {"name": f"{person.first_name} {person.last_name}", "phone": person.phone}
                )

    def _role(self, person):
        role = people.Role(person.role).label
        if person.seller_code:
            return f"{role} — {SELLER_NAMES[person.seller_code]}"
        return str(role)
