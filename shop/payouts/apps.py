from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class PayoutsConfig(StaffPagesConfig):
    """Payouts to sellers by Stripe Connect: a transfer per seller per paid order,
    reversed in proportion on refund, each written to the seller ledger.

    It listens to what payments announce (``shop.payments.signals``) and acts
    after the commit. The transfers page shows each user its sellers'
    transfers (coordinators all of them).
    """

    name = "shop.payouts"
    label = "payouts"
    verbose_name = _("Payouts to sellers")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        # Seller staff see their own sellers' transfers (selectors.transfers_visible_to).
        "transfers": access.may_act_on_payments,
    }

    def ready(self):
        from . import receivers

        receivers.connect()
