from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class BalanceConfig(StaffPagesConfig):
    """A person's prepaid balance: cash or cheque received as credit, spent by
    orders paid from it through the pipeline.

    Staff pages live under ``/soldes/``: for whoever serves clients at the
    phone desk or in meal delivery, each person among those they may see;
    refunding a balance-paid order is for whoever may act on its payments.
    """

    name = "shop.balance"
    label = "balance"
    verbose_name = _("Prepaid balance")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        "people": access.may_manage_balances,
        "person": access.may_manage_balances,
        "credit": access.may_manage_balances,
        "order-refund": access.may_act_on_payments,
    }

    def ready(self):
        from . import receivers

        receivers.connect()
