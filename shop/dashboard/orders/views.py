"""Dashboard order views, limited to what seller staff may see and do.

Oscar lets a seller's staff open any order holding one of its lines, shows
them every line and lets them change the order's status and notes (Oscar issue
2240). Here seller staff see only their own lines and the totals of those
lines; order-level actions are for coordinators, or for seller staff on an
order whose lines are all their own (``selectors.can_act_on_order``). The
orders' CSV is written by ``shop.csv_export`` (formula cells neutralised).

Views not redefined here are Oscar's, which ``get_class`` falls back to.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from shop import access
from shop.csv_export import csv_response, csv_writer
from shop.dashboard import selectors
from shop.dashboard.orders.forms import channel_choices

Transaction = get_model("payment", "Transaction")
CENT = Decimal("0.01")

ORDER_ACTION_REFUSED = _(
    "This order also holds another seller's items: only a coordinator can change it."
)
ORDER_STATUS_REFUSED = _(
    "Order %(number)s also holds another seller's items: only a coordinator can change its status."
)


def customer_contact(order) -> str:
    """How to reach the client: the email, or the phone of a phone-only client."""
    if order.guest_email or not order.user:
        return order.guest_email
    return order.user.email or str(order.user.phone or "")


class OrderListView(oscar_views.OrderListView):
    """Adds the channel and phone filters; seller staff see their own figures."""

    CSV_COLUMNS = {
        **oscar_views.OrderListView.CSV_COLUMNS,
        "customer": _("Customer email address or phone number"),
        "channel": _("Channel"),
        "placed_by": _("Placed by"),
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.form.is_valid():
            queryset = self.apply_shop_filters(queryset, self.form.cleaned_data)
        if access.is_coordinator(self.request.user):
            return queryset.select_related("placed_by")
        return selectors.with_seller_figures(queryset, self.request.user)

    def apply_shop_filters(self, queryset, data):
        if data["channel"]:
            queryset = queryset.filter(channel=data["channel"])
        if data["phone"]:
            phone = data["phone"]
            queryset = queryset.filter(
                Q(user__phone=phone) | Q(shipping_address__phone_number=phone)
            )
        return self.restrict_line_filters(queryset, data)

    def restrict_line_filters(self, queryset, data):
        """Product filters match any line in Oscar; seller staff match only theirs.

        Otherwise searching a title would tell a seller which shared orders hold
        another seller's product.
        """
        user = self.request.user
        wanted = {
            "title__istartswith": data["product_title"],
            "upc": data["upc"],
            "partner_sku": data["partner_sku"],
        }
        wanted = {lookup: value for lookup, value in wanted.items() if value}
        if access.is_coordinator(user) or not wanted:
            return queryset
        return queryset.filter(selectors.order_filter_for_own_lines(user, **wanted)).distinct()

    def get_search_filter_descriptions(self):
        descriptions = super().get_search_filter_descriptions()
        data = getattr(self.form, "cleaned_data", None) or {}
        if data.get("channel"):
            channel = dict(channel_choices())[data["channel"]]
            descriptions.append(_("Channel is {channel}").format(channel=channel))
        if data.get("phone"):
            descriptions.append(_('Customer phone number is "{phone}"').format(phone=data["phone"]))
        return descriptions

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_coordinator"] = access.is_coordinator(self.request.user)
        return ctx

    def get_row_values(self, order):
        row = super().get_row_values(order)
        row.update(
            customer=customer_contact(order),
            channel=order.get_channel_display(),
            placed_by=order.placed_by.get_full_name() if order.placed_by else "",
            status=order.status_label,
        )
        if not access.is_coordinator(self.request.user):
            # Quantized: SQLite returns a computed sum without its cents.
            value = Decimal(order.seller_total_incl_tax or 0).quantize(CENT)
            row.update(value=value, num_items=order.seller_num_items)
        return row

    def download_selected_orders(self, request, orders):
        """Oscar's CSV of the orders, written safely: a client named "=HYPERLINK(…)" stays text."""
        response = csv_response(self.get_download_filename(request))
        writer = csv_writer(response, bom=getattr(settings, "OSCAR_CSV_INCLUDE_BOM", False))
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            row_values = self.get_row_values(order)
            writer.writerow([row_values.get(column, "") for column in self.CSV_COLUMNS])
        return response

    def change_order_status(self, request, order):
        if not selectors.can_act_on_order(request.user, order):
            messages.error(request, ORDER_STATUS_REFUSED % {"number": order.number})
            return
        super().change_order_status(request, order)


class OrderStatsView(oscar_views.OrderStatsView):
    """Seller staff's line count and revenue count only their own lines."""

    def get_stats(self, filters):
        stats = super().get_stats(filters)
        user = self.request.user
        if not access.is_coordinator(user):
            orders = oscar_views.queryset_orders_for_user(user).filter(**filters)
            stats.update(selectors.seller_revenue(user, orders))
        return stats


class OrderDetailView(oscar_views.OrderDetailView):
    """Seller staff see and act on their own lines only."""

    def get(self, request, *args, **kwargs):
        if kwargs.get("note_id"):
            self.check_can_act_on_order(self.get_object())
        return super().get(request, *args, **kwargs)

    def check_can_act_on_order(self, order):
        if not selectors.can_act_on_order(self.request.user, order):
            raise PermissionDenied(ORDER_ACTION_REFUSED)

    def handle_order_action(self, request, order, action):
        self.check_can_act_on_order(order)
        return super().handle_order_action(request, order, action)

    def get_order_lines(self):
        """Line actions look lines up here too, so another seller's line is refused."""
        return selectors.lines_for_user(self.request.user, order=self.object)

    def get_payment_transactions(self):
        if not selectors.can_act_on_order(self.request.user, self.object):
            return Transaction.objects.none()
        return super().get_payment_transactions()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.get_seller_scope_context(self.request.user, self.object, ctx["lines"]))
        return ctx

    def get_seller_scope_context(self, user, order, lines):
        """Who may act on the whole order also sees all of it: payments, totals."""
        whole_order = selectors.can_act_on_order(user, order)
        return {
            "is_coordinator": access.is_coordinator(user),
            "can_act_on_order": whole_order,
            "shows_whole_order": whole_order,
            "seller_totals": None if whole_order else selectors.seller_totals(user, order),
            "shipping_events": selectors.events_with_visible_lines(
                order.shipping_events.all(), lines, whole_order=whole_order
            ),
            "payment_events": selectors.events_with_visible_lines(
                order.payment_events.all(), lines, whole_order=whole_order
            ),
        }


class LineDetailView(oscar_views.LineDetailView):
    """Another seller's line of a shared order is not found (404)."""

    def get_object(self, queryset=None):
        user = self.request.user
        order = oscar_views.get_order_for_user_or_404(user, self.kwargs["number"])
        lines = selectors.lines_for_user(user, order=order)
        return get_object_or_404(lines, pk=self.kwargs["line_id"])


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    """The delivery address serves every line: an order-level change."""

    def get_object(self, queryset=None):
        address = super().get_object(queryset)
        if not selectors.can_act_on_order(self.request.user, address.order):
            raise PermissionDenied(ORDER_ACTION_REFUSED)
        return address
