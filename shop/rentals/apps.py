from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RentalsConfig(AppConfig):
    """Tool-library loans: units, memberships, reservations, availability; inventory."""

    name = "shop.rentals"
    label = "rentals"
    verbose_name = _("Rentals and inventory")
