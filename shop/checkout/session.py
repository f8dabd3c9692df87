"""The checkout's session rules: the client chooses pick-up or delivery first.

Pick-up needs no address: the address step is only for delivery, and a pick-up
order never carries one, even when an address was typed and the client then
changed their mind.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout.session import *  # noqa: F401,F403
from oscar.apps.checkout.session import CheckoutSessionMixin as CoreCheckoutSessionMixin

from shop.shipping.repository import Fulfilment, delivery_unavailable_reason
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

    def delivery_is_chosen(self, basket):
        return (basket.is_shipping_required()
                and self.checkout_session.shipping_method_code(basket) == Fulfilment.DELIVERY)

    def get_shipping_address(self, basket):
        """The address typed or chosen for delivery; none for pick-up."""
        if not self.delivery_is_chosen(basket):
            return None
        return super().get_shipping_address(basket)

    def check_shipping_data_is_captured(self, request):
        """A way to get the order first; then, for delivery only, an address it reaches."""
        basket = request.basket
        if not basket.is_shipping_required():
            return super().check_shipping_data_is_captured(request)
        if not self.checkout_session.is_shipping_method_set(basket):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:shipping-method"),
                message=_("Please choose pick-up or delivery."),
            )
        if self.delivery_is_chosen(basket):
            self.check_a_valid_shipping_address_is_captured()
            reason = delivery_unavailable_reason(self.get_shipping_address(basket))
            if reason:
                raise exceptions.FailedPreCondition(
                    url=reverse("checkout:shipping-method"), message=reason)
        self.check_a_valid_shipping_method_is_captured()

    def skip_unless_delivery_is_chosen(self, request):
        """The address step is skipped unless the client chose delivery."""
        basket = request.basket
        if not basket.is_shipping_required() or not self.checkout_session.is_shipping_method_set(
                basket):
            raise exceptions.PassedSkipCondition(url=reverse("checkout:shipping-method"))
        if not self.delivery_is_chosen(basket):
            raise exceptions.PassedSkipCondition(url=reverse("checkout:payment-method"))
