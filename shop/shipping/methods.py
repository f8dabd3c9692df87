from decimal import Decimal as D

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F401,F403
from oscar.apps.shipping.methods import FixedPrice, Free


class Pickup(Free):
    code = "pickup"
    name = _("Pick-up at the seller's counter")
    description = _("No charge. We tell you when your order is ready.")


class LocalDelivery(FixedPrice):
    code = "delivery"
    name = _("Local delivery")
    description = _("Delivered to your door by the cooperative.")
    charge_excl_tax = D("5.00")
