from oscar.apps.shipping.repository import Repository as CoreRepository

from .methods import LocalDelivery, Pickup


class Fulfilment:
    DELIVERY = LocalDelivery.code
    PICKUP = Pickup.code


class Repository(CoreRepository):
    methods = (Pickup(), LocalDelivery())

    def get_method_by_code(self, basket, code, shipping_addr=None):
        """The shipping method for a fulfilment code ("pickup" or "delivery")."""
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr)
        if not basket.is_shipping_required():
            return methods[0]  # Oscar's NoShippingRequired
        for method in methods:
            if method.code == code:
                return method
        raise LookupError(code)
