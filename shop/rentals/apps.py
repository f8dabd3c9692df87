from django.http import Http404
from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class RentalsConfig(StaffPagesConfig):
    """Tool-library loans: units, memberships, reservations, availability; inventory.

    The desk and inventory pages are for the staff of a seller and coordinators,
    each on their own sellers; anyone else gets 404 there. Memberships are sold
    at the desk by a tool library's staff and coordinators only. The availability feed
    and a client's bookings are the public's (they check what they show).
    """

    name = "shop.rentals"
    label = "rentals"
    verbose_name = _("Rentals and inventory")

    default_access_fn = staticmethod(access.may_use_rentals_desk)
    permissions_map = {
        "product-availability": access.PUBLIC,
        "book": access.PUBLIC,
        "booking": access.PUBLIC,
        "booking-pay": access.PUBLIC,
        "membership-plans": access.PUBLIC,
        "membership-sell": access.may_sell_memberships,
    }
    refusal = Http404

    def ready(self):
        super().ready()
        from shop.rentals import receivers

        receivers.connect()
