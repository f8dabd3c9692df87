from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class PaymentsConfig(StaffPagesConfig):
    """Card payments, payment links, pay-later methods, Stripe webhooks, settlements.

    The dashboard pages are for coordinators and seller staff (each order's
    payment for whoever may act on the whole order); Stripe's webhook checks
    Stripe's signature and the client's payment page the order's hash.
    """

    name = "shop.payments"
    label = "payments"
    verbose_name = _("Payments")

    permissions_map = {
        "stripe-webhook": access.PUBLIC,
        "order-pay": access.PUBLIC,
        "dashboard-payment-record": access.may_act_on_payments,
        "dashboard-refund-create": access.may_act_on_payments,
        "dashboard-payment-link-send": access.may_act_on_payments,
        "dashboard-settlement": access.may_act_on_payments,
    }
