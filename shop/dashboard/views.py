"""The dashboard home: seller staff's revenue figures count only their lines.

Above Oscar's statistics, the operations panel (``shop.reports.operations``):
today's and this week's orders, and what waits to be done.

Oscar already limits seller staff's order, line, product and alert counts to
their seller, but sums the whole orders' totals, other sellers' lines included.
Views not redefined here are Oscar's, which ``get_class`` falls back to.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Sum
from oscar.apps.dashboard import views as oscar_views
from oscar.apps.dashboard.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from shop import access, clock
from shop.dashboard import selectors
from shop.reports.operations import operations_panel

Basket = get_model("basket", "Basket")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockAlert = get_model("partner", "StockAlert")
User = get_user_model()


class IndexView(oscar_views.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["operations"] = operations_panel(user=self.request.user)
        return context

    def get_stats(self):
        user = self.request.user
        if user.is_staff:
            return self.get_coordinator_stats()
        stats = super().get_stats()
        if not access.is_coordinator(user):
            stats.update(self.get_seller_revenue(user))
        return stats

    def get_coordinator_stats(self):
        """Oscar's figures for staff, the all-time ones from ``selectors.all_time_figures``.

        Oscar counts every order, line and customer ever on each visit: after
        ten years, a million orders read on every page load.
        """
        since = clock.now() - timedelta(hours=24)
        orders = Order._default_manager.all()
        last_day = orders.filter(date_placed__gt=since)
        day = last_day.aggregate(orders=Count("pk"), average=Avg("total_incl_tax"),
                                 revenue=Sum("total_incl_tax"))
        alerts = StockAlert._default_manager.values("status").annotate(n=Count("pk"))
        alerts = {row["status"]: row["n"] for row in alerts.order_by()}
        baskets = Basket._default_manager.filter(status=Basket.OPEN)
        return {
            **selectors.all_time_figures(),
            "total_orders_last_day": day["orders"],
            "total_lines_last_day": Line._default_manager.filter(
                order__date_placed__gt=since).count(),
            "average_order_costs": day["average"] or Decimal("0.00"),
            "total_revenue_last_day": day["revenue"] or Decimal("0.00"),
            "hourly_report_dict": self.get_hourly_report(orders),
            "total_customers_last_day": User._default_manager.filter(
                orders__isnull=False, date_joined__gt=since).distinct().count(),
            "total_open_baskets_last_day": baskets.filter(date_created__gt=since).count(),
            "total_products": Product._default_manager.count(),
            "total_open_stock_alerts": alerts.get(StockAlert.OPEN, 0),
            "total_closed_stock_alerts": alerts.get(StockAlert.CLOSED, 0),
            "total_open_baskets": baskets.count(),
            "offer_maps": (ConditionalOffer._default_manager.filter(end_datetime__gt=clock.now())
                           .values("offer_type").annotate(count=Count("id"))
                           .order_by("offer_type")),
            "total_vouchers": self.get_active_vouchers().count(),
        }

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
