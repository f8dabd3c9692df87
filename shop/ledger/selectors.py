"""Reads of the seller ledger: each seller's totals by kind for orders of a period."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from shop import access

from .models import LedgerEntry

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def entries_visible_to(*, user):
    """The sellers' rows ``user`` may see: all sellers' for coordinators, else its sellers'."""
    entries = LedgerEntry.objects.filter(seller__isnull=False)
    if access.is_coordinator(user):
        return entries
    return entries.filter(seller__in=access.sellers_served_by(user))


def seller_totals(*, user, start, end) -> dict:
    """``{seller_id: {"kinds": {kind: total}, "orders": set of order ids}}``.

    For orders placed in [start, end), whenever their money moved.
    """
    entries = entries_visible_to(user=user).filter(
        order__date_placed__gte=start, order__date_placed__lt=end)
    totals = defaultdict(lambda: {"kinds": defaultdict(lambda: ZERO), "orders": set()})
    by_order = entries.values("seller_id", "kind", "order_id").annotate(total=Sum("amount"))
    for row in by_order:
        seller = totals[row["seller_id"]]
        seller["kinds"][row["kind"]] += row["total"].quantize(CENT)
        seller["orders"].add(row["order_id"])
    return totals
