from oscar.apps.checkout.mixins import *  # noqa: F401,F403
from oscar.apps.checkout.mixins import OrderPlacementMixin as CoreOrderPlacementMixin

from shop import pipeline
from shop.order.models import Channel, PaymentMethod


class OrderPlacementMixin(CoreOrderPlacementMixin):
    #: How a web client pays until card payment is switched on.
    payment_method = PaymentMethod.ON_DELIVERY

    def handle_order_placement(self, order_number, user, basket, shipping_address,
                               shipping_method, shipping_charge, billing_address,
                               order_total, surcharges=None, **kwargs):
        """Place the web order through the one order pipeline."""
        order = pipeline.place_order(
            customer=user,
            channel=Channel.WEB,
            fulfilment=shipping_method.code,
            payment_method=self.get_payment_method(),
            basket=basket,
            shipping_address=self.create_shipping_address(user, shipping_address),
            billing_address=billing_address,
            guest_email=kwargs.get("guest_email", ""),
            order_number=order_number,
            request=self.request,
            payment_sources=self._payment_sources or (),
            payment_events=self._payment_events or (),
        )
        return self.handle_successful_order(order)

    def get_payment_method(self):
        """The payment method of this checkout; meant to be overridden."""
        return self.payment_method

    def send_order_placed_email(self, order):
        """The pipeline queues the confirmation once the order is committed."""
