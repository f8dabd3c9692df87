"""What a dashboard user may see: coordinators see everything, seller staff
see only their own seller's order lines and what follows from them.

Who is a coordinator and which sellers a user serves is the access policy's
(``shop.access``). A user in several sellers' staff sees the lines of all of them.
"""

from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from shop import access

Line = get_model("order", "Line")
Order = get_model("order", "Order")

#: How long the all-time figures of the dashboard home are kept (a change to an
#: order or a line drops them at once).
ALL_TIME_SECONDS = 600
ALL_TIME_KEY = "dashboard:all-time-figures"


def lines_for_user(user, *, order=None):
    """The order lines ``user`` may see, optionally of one order."""
    lines = Line._default_manager.all() if order is None else order.lines.all()
    if access.is_coordinator(user):
        return lines
    return lines.filter(partner__in=access.sellers_served_by(user))


def can_act_on_order(user, order) -> bool:
    """Order-level actions (status, notes, address, order payment events).

    A coordinator always may; seller staff only on an order whose lines are all
    their own seller's: on an order shared with another seller, changing the
    status or the address would act on the other seller's lines too.
    """
    if access.is_coordinator(user):
        return True
    served = access.sellers_served_by(user)
    return served.exists() and not order.lines.exclude(partner__in=served).exists()


def with_seller_figures(orders, user):
    """Annotate each order with the total and item count of ``user``'s lines.

    ``seller_total_incl_tax``, ``seller_total_excl_tax`` and ``seller_num_items``
    are what seller staff see instead of the order's totals, which include the
    other sellers' lines.
    """
    own = lines_for_user(user).filter(order=OuterRef("pk")).order_by().values("order")

    def own_sum(field, output_field):
        total = own.annotate(total=Sum(field)).values("total")[:1]
        return Subquery(total, output_field=output_field)

    return orders.annotate(
        seller_total_incl_tax=own_sum("line_price_incl_tax", money()),
        seller_total_excl_tax=own_sum("line_price_excl_tax", money()),
        seller_num_items=own_sum("quantity", IntegerField()),
    )


def money():
    return DecimalField(max_digits=12, decimal_places=2)


def seller_totals(user, order) -> dict:
    """Totals of ``user``'s lines on ``order``, taxes on separate lines."""
    return lines_for_user(user, order=order).aggregate(
        excl_tax=Sum("line_price_excl_tax"),
        incl_tax=Sum("line_price_incl_tax"),
        gst=Sum("gst"),
        qst=Sum("qst"),
        num_items=Coalesce(Sum("quantity"), 0),
    )


def revenue_rows_for_seller(user):
    """``user``'s lines shaped like orders for Oscar's revenue reports.

    Oscar's dashboard sums ``total_incl_tax`` of orders filtered on
    ``date_placed``; these rows carry the same two names, taken from the line
    and its order, so a seller's revenue counts only its own lines.
    """
    return lines_for_user(user).annotate(
        date_placed=F("order__date_placed"),
        total_incl_tax=F("line_price_incl_tax"),
    )


def events_with_visible_lines(events, lines, *, whole_order: bool):
    """Shipping or payment events as a user seeing only ``lines`` may see them.

    Each event gets ``visible_line_quantities``, the quantities of ``lines``
    only. Unless the user sees the whole order, events naming none of
    ``lines`` (order-wide ones included) are left out.
    """
    quantities = events.model._meta.get_field("line_quantities").related_model
    visible = Prefetch(
        "line_quantities",
        queryset=quantities._default_manager.filter(line__in=lines).select_related("line"),
        to_attr="visible_line_quantities",
    )
    if not whole_order:
        events = events.filter(lines__in=lines).distinct()
    return events.select_related("event_type").prefetch_related(visible)


def order_filter_for_own_lines(user, **line_filters) -> Q:
    """A filter on orders having one of ``user``'s lines matching ``line_filters``."""
    return Q(lines__in=lines_for_user(user).filter(**line_filters))


def seller_revenue(user, orders=None) -> dict:
    """Line count and revenue of ``user``'s lines (on ``orders`` if given)."""
    lines = lines_for_user(user)
    if orders is not None:
        lines = lines.filter(order__in=orders)
    return lines.aggregate(
        total_lines=Count("id"),
        total_revenue=Coalesce(Sum("line_price_incl_tax"), Decimal("0.00")),
    )


def seller_revenue_since(user, since) -> dict:
    """Revenue of ``user``'s lines on orders placed after ``since``, and per order."""
    rows = revenue_rows_for_seller(user).filter(date_placed__gt=since)
    totals = rows.aggregate(
        revenue=Coalesce(Sum("total_incl_tax"), Decimal("0.00")),
        orders=Count("order", distinct=True),
    )
    average = totals["revenue"] / totals["orders"] if totals["orders"] else Decimal("0.00")
    return {"revenue": totals["revenue"], "average_per_order": average}


def all_time_figures() -> dict:
    """Every order ever placed, as the coordinators' dashboard home counts it.

    ``total_orders``, ``total_revenue`` (their totals incl. tax), ``total_lines``,
    ``total_customers`` (accounts having ordered) and ``order_status_breakdown``
    (rows ``{"status", "freq"}``). After years of orders each one reads whole
    tables (a million orders take a second or more), so they are kept in the
    cache for ``ALL_TIME_SECONDS`` and forgotten as soon as an order or a line
    is saved or deleted (``forget_all_time_figures``).
    """
    figures = cache.get(ALL_TIME_KEY)
    if figures is not None:
        return figures
    orders = Order._default_manager.order_by()
    by_status = list(orders.values("status").annotate(freq=Count("pk"),
                                                      revenue=Sum("total_incl_tax"))
                     .order_by("status"))
    figures = {
        "total_orders": sum(row["freq"] for row in by_status),
        "total_revenue": sum((row["revenue"] or Decimal("0.00") for row in by_status),
                             Decimal("0.00")),
        "order_status_breakdown": [{"status": row["status"], "freq": row["freq"]}
                                   for row in by_status],
        "total_lines": Line._default_manager.count(),
        "total_customers": orders.filter(user__isnull=False).aggregate(
            n=Count("user", distinct=True))["n"],
    }
    cache.set(ALL_TIME_KEY, figures, ALL_TIME_SECONDS)
    return figures


def forget_all_time_figures(**kwargs):
    """Receiver: an order or a line changed, ``all_time_figures`` are counted afresh."""
    cache.delete(ALL_TIME_KEY)
