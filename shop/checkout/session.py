from oscar.apps.checkout.session import *  # noqa: F401,F403
from oscar.apps.checkout.session import CheckoutSessionMixin as CoreCheckoutSessionMixin

from shop.taxes import apply_taxes


class CheckoutSessionMixin(CoreCheckoutSessionMixin):
    def build_submission(self, **kwargs):
        """Add Québec taxes to the basket and delivery charge, then the total.

        The pipeline computes them again when it places the order; here they
        make the preview show what the client will pay.
        """
        submission = super().build_submission(**kwargs)
        basket, charge = submission["basket"], submission["shipping_charge"]
        if charge is not None:
            apply_taxes(basket, charge)
            submission["order_total"] = self.get_order_totals(
                basket, shipping_charge=charge, surcharges=submission["surcharges"]
            )
        return submission
