from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class LedgerConfig(StaffPagesConfig):
    """The seller ledger: every movement of money that concerns a seller, one row each.

    It listens to what payments announce (``shop.payments.signals``) and
    writes in the transaction of the payment or refund; the settlement report
    reads it, and so does the accounting export (``accounting``), a page for
    those who see reports or payments, each on the sellers they may see.
    """

    name = "shop.ledger"
    label = "ledger"
    verbose_name = _("Seller ledger")
    default_auto_field = "django.db.models.BigAutoField"

    permissions_map = {
        "accounting-export": access.may_export_accounting,
        "accounting-journal-csv": access.may_export_accounting,
        "accounting-taxes-csv": access.may_export_accounting,
    }

    def ready(self):
        super().ready()
        from shop.ledger import receivers

        receivers.connect()
