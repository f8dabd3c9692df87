from decimal import Decimal as D

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F401,F403
from oscar.apps.shipping.methods import FixedPrice, Free

from services.postal import forward_sortation_area, parse_prefixes


class Pickup(Free):
    code = "pickup"
    name = _("Pick-up at the seller's counter")
    description = _("No charge. We tell you when your order is ready.")


class LocalDelivery(FixedPrice):
    code = "delivery"
    name = _("Local delivery")
    description = _("Delivered to your door by the cooperative.")
    charge_excl_tax = D("5.00")

    @staticmethod
    def area() -> list[str]:
        """Postal code prefixes (FSA) delivered to: ``settings.LOCAL_DELIVERY_AREA``."""
        return parse_prefixes(" ".join(settings.LOCAL_DELIVERY_AREA))

    @classmethod
    def reaches(cls, postal_code: str) -> bool:
        """Whether the cooperative delivers to ``postal_code`` (any spelling)."""
        fsa = forward_sortation_area(postal_code)
        return bool(fsa) and fsa in cls.area()
