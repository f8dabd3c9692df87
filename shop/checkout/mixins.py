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
        """The method the client chose at the payment step, else pay later."""
        chosen = self.checkout_session.payment_method()
        return chosen if chosen in PaymentMethod.values else self.payment_method

    def handle_payment(self, order_number, total, **kwargs):
        """A card order opens its PaymentIntent here, before the order is placed.

        Nothing is taken now: the client pays on the next page and the signed
        webhook records it. Stripe off or unreachable: ``UnableToTakePayment``,
        and no order is placed.
        """
        if self.get_payment_method() != PaymentMethod.CARD:
            return
        from shop.payments import checkout as card_checkout

        intent, source = card_checkout.card_payment_open(order_number=order_number, total=total)
        self.card_intent_id = intent.id
        self.add_payment_source(source)

    def send_order_placed_email(self, order):
        """The pipeline queues the confirmation once the order is committed."""
