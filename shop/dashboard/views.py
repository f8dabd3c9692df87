"""The dashboard home: seller staff's revenue figures count only their lines.

Above Oscar's statistics, the operations panel (``shop.reports.operations``):
today's and this week's orders, and what waits to be done.

Oscar already limits seller staff's order, line, product and alert counts to
their seller, but sums the whole orders' totals, other sellers' lines included.
Views not redefined here are Oscar's, which ``get_class`` falls back to.
"""

from datetime import timedelta

from oscar.apps.dashboard import views as oscar_views
from oscar.apps.dashboard.views import *  # noqa: F401,F403

from shop import access, clock
from shop.dashboard import selectors
from shop.reports.operations import operations_panel


class IndexView(oscar_views.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["operations"] = operations_panel(user=self.request.user)
        return context

    def get_stats(self):
        stats = super().get_stats()
        user = self.request.user
        if not access.is_coordinator(user):
            stats.update(self.get_seller_revenue(user))
        return stats

    def get_seller_revenue(self, user):
        last_day = selectors.seller_revenue_since(user, clock.now() - timedelta(hours=24))
        return {
            "total_revenue": selectors.seller_revenue(user)["total_revenue"],
            "total_revenue_last_day": last_day["revenue"],
            "average_order_costs": last_day["average_per_order"],
        }

    def get_hourly_report(self, orders, hours=24, segments=10):
        if not access.is_coordinator(self.request.user):
            orders = selectors.revenue_rows_for_seller(self.request.user)
        return super().get_hourly_report(orders, hours=hours, segments=segments)
