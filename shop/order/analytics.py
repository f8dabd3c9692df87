"""Oscar's purchase figures (``ProductRecord.num_purchases``, ``UserRecord``), written
after the order commits in one statement each.

Oscar's own ``order_placed`` receiver (``oscar.apps.analytics.receivers``) reads
the lines again and updates, or creates, one row per product and the buyer's
row inside the order's transaction: up to nine queries, and row locks held
until the order commits. This one is connected in its place
(``OrderConfig.ready``): it takes the figures from the lines as placed and adds
them once the order has committed, each table in one ``INSERT … ON CONFLICT DO
UPDATE`` (PostgreSQL and SQLite alike), rows in the order of their keys so two
orders never wait on each other crosswise. A rolled-back order counts nothing.
"""

import logging
from collections import Counter
from decimal import Decimal

from django.db import connection, transaction
from oscar.core.loading import get_model

from .utils import placed_lines

logger = logging.getLogger(__name__)


def purchases_on_order_placed(sender, order, user=None, **kwargs):
    if kwargs.get("raw", False):
        return
    lines = placed_lines(order)
    if lines is None:
        lines = list(order.lines.only("product_id", "quantity"))
    quantities = Counter()
    for line in lines:
        if line.product_id is not None:
            quantities[line.product_id] += line.quantity
    buyer = None
    if user is not None and getattr(user, "is_authenticated", False):
        buyer = {"user_id": user.pk, "lines": len(lines),
                 "items": sum(line.quantity for line in lines),
                 "spent": order.total_incl_tax, "placed": order.date_placed}
    transaction.on_commit(lambda: purchases_record(quantities=quantities, buyer=buyer),
                          robust=True)


def purchases_record(*, quantities, buyer=None):
    """Add ``quantities`` ({product id: items}) to the products' purchases, and one order
    of ``buyer`` (user_id, lines, items, spent, placed) to the buyer's figures."""
    if quantities:
        _products_upsert(quantities)
    if buyer is not None:
        _buyer_upsert(**buyer)


def _products_upsert(quantities):
    record = get_model("analytics", "ProductRecord")
    table, q = record._meta.db_table, connection.ops.quote_name
    rows = sorted(quantities.items())
    values = ", ".join(["(%s, 0, 0, %s, 0)"] * len(rows))
    sql = (f"INSERT INTO {q(table)} (product_id, num_views, num_basket_additions, num_purchases, "
           f"score) VALUES {values} ON CONFLICT (product_id) DO UPDATE SET num_purchases = "
           f"{q(table)}.num_purchases + excluded.num_purchases")
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _buyer_upsert(*, user_id, lines, items, spent, placed):
    record = get_model("analytics", "UserRecord")
    table, q, ops = record._meta.db_table, connection.ops.quote_name, connection.ops
    sql = (f"INSERT INTO {q(table)} (user_id, num_product_views, num_basket_additions, "
           "num_orders, num_order_lines, num_order_items, total_spent, date_last_order) "
           "VALUES (%s, 0, 0, 1, %s, %s, %s, %s) ON CONFLICT (user_id) DO UPDATE SET "
           f"num_orders = {q(table)}.num_orders + 1, "
           f"num_order_lines = {q(table)}.num_order_lines + excluded.num_order_lines, "
           f"num_order_items = {q(table)}.num_order_items + excluded.num_order_items, "
           f"total_spent = {q(table)}.total_spent + excluded.total_spent, "
           "date_last_order = excluded.date_last_order")
    spent = ops.adapt_decimalfield_value(Decimal(spent or 0), 12, 2)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, lines, items, spent, ops.adapt_datetimefield_value(placed)])


def connect():
    """Put this receiver in the place of Oscar's (imported first, so it is there to remove)."""
    from django.apps import apps

    if not apps.is_installed("oscar.apps.analytics"):
        return
    from oscar.apps.analytics import receivers as oscar_receivers
    from oscar.apps.order.signals import order_placed

    order_placed.disconnect(oscar_receivers.receive_order_placed)
    order_placed.connect(purchases_on_order_placed, dispatch_uid="order-analytics-purchases")
