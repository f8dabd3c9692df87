from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """The seller ledger: every movement of money that concerns a seller, one row each.

    It listens to what payments announce (``shop.payments.signals``) and
    writes in the transaction of the payment or refund; the settlement report
    reads it.
    """

    name = "shop.ledger"
    label = "ledger"
    verbose_name = _("Seller ledger")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from shop.ledger import receivers

        receivers.connect()
