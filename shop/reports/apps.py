from django.utils.translation import gettext_lazy as _

from shop import access
from shop.staff_pages import StaffPagesConfig


class ReportsConfig(StaffPagesConfig):
    """Live figures: the operations panel of the dashboard home and the impact report.

    Coordinators see the whole cooperative, seller staff their own sellers.
    """

    name = "shop.reports"
    label = "reports"
    verbose_name = _("Reports")

    default_access_fn = staticmethod(access.may_see_reports)
