"""Writing the seller ledger: what a payment, a refund or a backfill puts in it.

Each movement is shared out twice by largest remainder (``allocation``):
first among the order's sellers (and the cooperative, for delivery charges)
by their part of the order's total, then within each seller's part among
its amount before taxes, GST and QST. Shares are computed on the order's
running total (all payments so far, all refunds so far) and each movement
writes the difference from what the ledger already holds, so no cent drifts
however many payments or partial refunds an order has; a fully paid order
gives each seller exactly its lines, a full refund takes exactly that back.

The cooperative's fee (``SellerFee.rate``) is taken on each seller's sales
less refunds of the order, rounded half up, written as a pair of rows (the
seller's minus, the cooperative's plus).

Every row has a unique key made of the order, the movement's reference, the
seller and the kind: a webhook delivered twice writes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from oscar.core.loading import get_model

from shop import clock

from .allocation import CENT, ZERO, allocate
from .models import REFUND_OF, EntryKind, LedgerEntry

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
COOPERATIVE = None  # the seller key of the cooperative's own part


# --- What an order is made of ----------------------------------------------------------------


def order_parts(order) -> dict:
    """``{seller_id or None: {sale kind: amount}}``: the order's total, taken apart.

    A seller's part is its lines with their GST and QST; what remains of the
    order's total (delivery charges, surcharges, lines of no seller) is the
    cooperative's.
    """
    parts = defaultdict(lambda: dict.fromkeys(EntryKind.sales(), ZERO))
    for line in order.lines.filter(partner__isnull=False):
        seller = parts[line.partner_id]
        seller[EntryKind.SALE_GST] += line.gst
        seller[EntryKind.SALE_QST] += line.qst
        seller[EntryKind.SALE_NET] += line.line_price_incl_tax - line.gst - line.qst
    sellers = list(parts.values())
    gst = order.gst - sum((p[EntryKind.SALE_GST] for p in sellers), ZERO)
    qst = order.qst - sum((p[EntryKind.SALE_QST] for p in sellers), ZERO)
    total = order.total_incl_tax - sum((sum(p.values(), ZERO) for p in sellers), ZERO)
    parts[COOPERATIVE] = {EntryKind.SALE_NET: total - gst - qst, EntryKind.SALE_GST: gst,
                          EntryKind.SALE_QST: qst}
    return {seller: {kind: amount for kind, amount in kinds.items() if amount}
            for seller, kinds in parts.items() if any(kinds.values())}


def shares_of(*, order, amount: Decimal) -> dict:
    """``{(seller_id, sale kind): share}`` of ``amount``, adding up to it to the cent."""
    parts = order_parts(order)
    if not parts:
        return {}
    per_seller = allocate(amount, {seller: sum(kinds.values()) for seller, kinds in parts.items()})
    shares = {}
    for seller, kinds in parts.items():
        if sum(kinds.values()) == 0:
            continue
        for kind, share in allocate(per_seller[seller], kinds).items():
            shares[(seller, kind)] = share
    return shares


# --- Writing -------------------------------------------------------------------------------


def ledger_order_paid(*, order, amount: Decimal, reference: str) -> int:
    """Write the sellers' share of a payment of ``amount``; returns the rows written.

    Call inside the payment's transaction (the ``order_paid`` receiver does).
    """
    return _movement_record(order=order, amount=amount, reference=reference, refund=False)


def ledger_order_refunded(*, order, amount: Decimal, reference: str) -> int:
    """Write the sellers' share of a refund of ``amount``; returns the rows written."""
    return _movement_record(order=order, amount=amount, reference=reference, refund=True)


def ledger_refund_failed(*, order, amount: Decimal, reference: str) -> int:
    """Give back to the sellers a refund that Stripe failed after it succeeded.

    An order the ledger does not hold yet is left to the backfill, which reads
    the payment's totals with the refund already taken back.
    """
    if not LedgerEntry.objects.filter(order=order).exists():
        return 0
    return _movement_record(order=order, amount=-amount, reference=reference, refund=True,
                            prefix="refund-failed")


def _movement_record(*, order, amount, reference, refund: bool, prefix: str = "") -> int:
    prefix = prefix or ("refund" if refund else "paid")
    if _is_recorded(order=order, prefix=prefix, reference=reference):
        return 0
    kinds = EntryKind.refunds() if refund else EntryKind.sales()
    held = _held(order=order, kinds=kinds)
    so_far = -sum(held.values(), ZERO) if refund else sum(held.values(), ZERO)
    target = shares_of(order=order, amount=so_far + amount)
    if refund:
        target = {(seller, REFUND_OF[kind]): -share for (seller, kind), share in target.items()}
    rows = [(seller, kind, share - held.get((seller, kind), ZERO))
            for (seller, kind), share in target.items()]
    rows += _fee_rows(order=order, moved=rows)
    return _rows_write(order=order, rows=rows, prefix=prefix, reference=reference)


def _is_recorded(*, order, prefix, reference) -> bool:
    return LedgerEntry.objects.filter(
        order=order, key__startswith=_key_start(order=order, prefix=prefix, reference=reference)
    ).exists()


def _held(*, order, kinds) -> dict:
    """``{(seller_id, kind): total}`` the ledger holds for ``order`` in ``kinds``."""
    totals = (LedgerEntry.objects.filter(order=order, kind__in=kinds)
              .values("seller_id", "kind").annotate(total=Sum("amount")))
    return {(row["seller_id"], row["kind"]): row["total"].quantize(CENT) for row in totals}


def _fee_rows(*, order, moved) -> list:
    """The fee's change for each seller whose part moved: pairs of opposite rows."""
    from shop.payments.models import SellerFee

    sellers = {seller for seller, _kind, _amount in moved if seller is not None}
    rates = dict(SellerFee._default_manager.filter(partner_id__in=sellers, rate__gt=0)
                 .values_list("partner_id", "rate"))
    rows = []
    for seller, rate in rates.items():
        kept = _seller_kept(order=order, seller=seller) + sum(
            (amount for s, _kind, amount in moved if s == seller), ZERO)
        fee = (kept * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        change = fee + _fee_held(order=order, seller=seller)
        if change:
            rows += [(seller, EntryKind.FEE, -change), (COOPERATIVE, EntryKind.FEE, change)]
    return rows


def _seller_kept(*, order, seller) -> Decimal:
    kinds = EntryKind.sales() + EntryKind.refunds()
    return _sum(LedgerEntry.objects.filter(order=order, seller_id=seller, kind__in=kinds))


def _fee_held(*, order, seller) -> Decimal:
    return _sum(LedgerEntry.objects.filter(order=order, seller_id=seller, kind=EntryKind.FEE))


def _sum(entries) -> Decimal:
    """The entries' total to the cent (SQLite sums decimals as floats)."""
    return (entries.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(CENT)


def _key_start(*, order, prefix, reference) -> str:
    return f"{prefix}:{order.number}:{reference[:128]}:"


def _rows_write(*, order, rows, prefix, reference) -> int:
    start, now = _key_start(order=order, prefix=prefix, reference=reference), clock.now()
    merged = defaultdict(lambda: ZERO)
    for seller, kind, amount in rows:
        merged[(seller, kind)] += amount
    entries = [
        LedgerEntry(kind=kind, seller_id=seller, order=order, amount=amount,
                    reference=reference[:128], created_at=now,
                    key=f"{start}{'coop' if seller is None else seller}:{kind}")
        for (seller, kind), amount in merged.items() if amount
    ]
    LedgerEntry.objects.bulk_create(entries)
    return len(entries)


# --- Orders paid before the ledger -----------------------------------------------------------


def ledger_backfill_order(*, order) -> int:
    """Write what an order paid (and refunded) before the ledger existed; once per order.

    Reads the order's payment sources: what was debited is one payment, what
    was refunded one refund, both under the reference "backfill".
    """
    with transaction.atomic():
        order = Order._default_manager.select_for_update().get(pk=order.pk)
        if LedgerEntry.objects.filter(order=order).exists():
            return 0
        totals = order.sources.aggregate(debited=Sum("amount_debited"),
                                         refunded=Sum("amount_refunded"))
        written = 0
        if totals["debited"]:
            written += ledger_order_paid(order=order, amount=totals["debited"],
                                         reference="backfill")
        if totals["refunded"]:
            written += ledger_order_refunded(order=order, amount=totals["refunded"],
                                             reference="backfill")
    return written


def orders_to_backfill():
    """Orders with money received and no ledger row yet."""
    return (Order._default_manager.filter(sources__amount_debited__gt=0)
            .exclude(ledger_entries__isnull=False).distinct().order_by("pk"))
