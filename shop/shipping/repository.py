from django.utils.translation import gettext as _
from oscar.apps.shipping.repository import Repository as CoreRepository

from .methods import LocalDelivery, Pickup


class Fulfilment:
    DELIVERY = LocalDelivery.code
    PICKUP = Pickup.code


def delivery_refused(shipping_addr) -> bool:
    """Whether ``shipping_addr`` has a postal code local delivery does not reach."""
    postcode = getattr(shipping_addr, "postcode", "") or ""
    return bool(postcode.strip()) and not LocalDelivery.reaches(postcode)


def delivery_unavailable_reason(shipping_addr=None) -> str:
    """Why local delivery is not offered, in words for the client ("" when it is)."""
    if not LocalDelivery.area():
        return _("The cooperative does not deliver at the moment.")
    if delivery_refused(shipping_addr):
        return _("The cooperative does not deliver to %(postcode)s: its volunteers deliver "
                 "only near its sellers.") % {"postcode": shipping_addr.postcode.upper()}
    return ""


class Repository(CoreRepository):
    methods = (Pickup(), LocalDelivery())

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        """Local delivery only where it reaches (settings.LOCAL_DELIVERY_AREA)."""
        if delivery_unavailable_reason(shipping_addr):
            return [method for method in self.methods if method.code != LocalDelivery.code]
        return self.methods

    def get_method_by_code(self, basket, code, shipping_addr=None):
        """The shipping method for a fulfilment code ("pickup" or "delivery")."""
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr)
        if not basket.is_shipping_required():
            return methods[0]  # Oscar's NoShippingRequired
        for method in methods:
            if method.code == code:
                return method
        raise LookupError(code)
