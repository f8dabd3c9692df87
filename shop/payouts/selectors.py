"""Reads for payouts: what a seller is owed for an order, what came through
Stripe, which orders still have payouts to make, and who sees which transfers."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from oscar.core.loading import get_model

from shop import access, clock
from shop.ledger.models import EntryKind, LedgerEntry
from shop.payments.services import STRIPE_METHODS, amount_paid

from .models import SellerStripeAccount, Transfer, TransferReversal

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
#: The ledger kinds that make up what a seller is owed for an order (not payouts).
OWED_KINDS = (*EntryKind.sales(), *EntryKind.refunds(), EntryKind.FEE)
#: A transfer or reversal asked for this long ago and still unanswered is asked again.
STALE_AFTER = timedelta(minutes=10)
#: A transfer or reversal refused this many times waits for a coordinator.
MAX_ATTEMPTS = 10
#: Orders paid this recently whose transfers were never asked for are caught up.
CATCH_UP_WINDOW = timedelta(days=7)
#: Stripe keeps an idempotency key 24 hours: past that, asking again could move the
#: money twice, so an older request left unanswered waits for a coordinator.
KEY_LIFETIME = timedelta(hours=23)


def _sum(queryset, field="amount") -> Decimal:
    """The total to the cent (SQLite sums decimals as floats)."""
    return (queryset.aggregate(total=Sum(field))["total"] or ZERO).quantize(CENT)


def seller_owed_for_order(*, order, seller_id) -> Decimal:
    """What the ledger says ``order`` brought the seller: its sales, less refunds and fee."""
    return _sum(LedgerEntry.objects.filter(order=order, seller_id=seller_id, kind__in=OWED_KINDS))


def paid_through_stripe(order) -> Decimal:
    """What came in by card or payment link for ``order``, less what was refunded of it."""
    sources = order.sources.filter(source_type__code__in=STRIPE_METHODS)
    return _sum(sources, "amount_debited") - _sum(sources, "amount_refunded")


def is_paid_through_stripe(order) -> bool:
    return order.sources.filter(source_type__code__in=STRIPE_METHODS,
                                amount_debited__gt=0).exists()


def stripe_part(*, order, owed: Decimal) -> Decimal:
    """The part of ``owed`` that came through Stripe; cash at the counter is the seller's own.

    All of it for an order paid by card only; else in proportion of what came
    through Stripe to all that was paid, rounded half up.
    """
    stripe, paid = paid_through_stripe(order), amount_paid(order)
    if stripe >= paid:
        return owed
    return (owed * stripe / paid).quantize(CENT, rounding=ROUND_HALF_UP)


def stripe_charge_of(order) -> str | None:
    """The one Stripe charge that paid ``order`` (``ch_…``), when there is exactly one."""
    charges = list(Transaction._default_manager.filter(
        source__order=order, source__source_type__code__in=STRIPE_METHODS,
        txn_type=Transaction.DEBIT, reference__startswith="ch_",
    ).values_list("reference", flat=True)[:2])
    return charges[0] if len(charges) == 1 else None


def accounts_for_order(order):
    """The connected accounts of the sellers with lines in ``order``."""
    return SellerStripeAccount._default_manager.filter(
        partner__in=order.lines.values("partner_id")).select_related("partner")


# --- Work left to do ---------------------------------------------------------------------


def still_askable() -> Q:
    """Requests made recently enough for Stripe to still know their idempotency key."""
    return Q(created_at__gte=clock.now() - KEY_LIFETIME)


def _retry_due() -> Q:
    stale = clock.now() - STALE_AFTER
    return still_askable() & (
        Q(status=Transfer.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        | Q(status=Transfer.Status.REQUESTED, updated_at__lt=stale))


def orders_with_payouts_due() -> list[int]:
    """Ids of orders with a transfer or reversal to ask again, or transfers never asked for."""
    transfers = Transfer._default_manager.filter(_retry_due()).values_list("order_id", flat=True)
    reversals = TransferReversal._default_manager.filter(_retry_due()).values_list(
        "transfer__order_id", flat=True)
    never_asked = (
        LedgerEntry.objects.filter(
            kind__in=EntryKind.sales(), created_at__gte=clock.now() - CATCH_UP_WINDOW,
            seller__stripe_account__isnull=False, order__isnull=False,
            order__sources__source_type__code__in=STRIPE_METHODS,
        ).exclude(order__transfers__isnull=False).values_list("order_id", flat=True)
    )
    return sorted({*transfers, *reversals, *never_asked})


# --- The staff page ------------------------------------------------------------------------


def transfers_visible_to(*, user):
    """Transfers to the sellers ``user`` may see: all of them for coordinators."""
    return (Transfer._default_manager.filter(partner__in=access.sellers_visible_to(user))
            .select_related("order", "partner").prefetch_related("reversals"))
