"""Payout actions: checking a seller's Stripe account, transferring each seller's
share of a paid order, reversing it in proportion after a refund.

Each action writes what it will ask Stripe (a ``Transfer`` or ``TransferReversal``
row with its amount and idempotency key) in a transaction with the order
locked, calls Stripe outside any transaction, then records the answer and the
ledger rows in a second one. A Stripe error leaves the row failed; the sweep
(``payouts_retry``) asks again with the same amount and key, so Stripe never
moves the money twice; a request older than Stripe keeps its keys (a day) is
not asked again but left, failed, on the transfers page for a coordinator.

In the seller ledger a payout is a pair of ``PAYOUT`` rows adding up to zero:
minus the amount for the seller (what the cooperative owes it goes down) and
plus the amount for the cooperative (the counterpart: money of the seller's
share that has left the cooperative's Stripe balance). So a seller's rows for
an order add up to what is still owed to it (zero once paid out), and an
order's rows still add up to what the client paid, less refunds. A reversal
writes the opposite pair.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from oscar.core.loading import get_model

from integrations.stripe import client as stripe_client
from integrations.stripe.exceptions import StripeError
from shop import clock
from shop.ledger.models import EntryKind, LedgerEntry
from shop.payments.services import amount_outstanding, order_locked, to_cents

from . import selectors
from .models import SellerStripeAccount, Transfer, TransferReversal

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
ZERO = Decimal("0.00")
PENDING = (Transfer.Status.REQUESTED, Transfer.Status.FAILED)


def connect_enabled() -> bool:
    """Stripe Connect acts only when card payments are on and ``STRIPE_CONNECT_ENABLED`` too."""
    return bool(settings.STRIPE_CONNECT_ENABLED) and stripe_client.is_enabled()


# --- Sellers' accounts ------------------------------------------------------------------


def seller_account_check(*, account: SellerStripeAccount) -> SellerStripeAccount:
    """Ask Stripe whether the seller's account takes charges and payouts; record it.

    Raises ``StripeError`` (nothing is changed then).
    """
    answer = stripe_client.gateway().account_retrieve(account.account_id)
    account.payouts_enabled = answer.payouts_enabled
    account.charges_enabled = answer.charges_enabled
    account.checked_at = clock.now()
    account.save(update_fields=["payouts_enabled", "charges_enabled", "checked_at"])
    return account


# --- Transfers ----------------------------------------------------------------------------


def order_transfers_make(*, order_id: int) -> list[Transfer]:
    """Transfer each seller with an account its share of a paid order, once.

    Transfers already asked for and not answered are asked again; then any
    refund since is reversed (``order_reversals_make``). Returns the order's
    transfers.
    """
    if not connect_enabled():
        return []
    for transfer in _transfers_request(order_id=order_id):
        _transfer_send(transfer)
    order_reversals_make(order_id=order_id)
    return list(Transfer._default_manager.filter(order_id=order_id).order_by("pk"))


def _transfers_request(*, order_id: int) -> list[Transfer]:
    """Write the transfers to make (amount and key fixed now); returns those not yet sent."""
    with transaction.atomic():
        order = order_locked(Order._default_manager.get(pk=order_id))
        if amount_outstanding(order) <= 0 and selectors.is_paid_through_stripe(order):
            for account in selectors.accounts_for_order(order):
                _transfer_row(order=order, account=account)
        return list(Transfer._default_manager.filter(selectors.still_askable(), order=order,
                                                     status__in=PENDING)
                    .select_related("order", "partner"))


def _transfer_row(*, order, account) -> Transfer | None:
    if Transfer._default_manager.filter(order=order, partner=account.partner).exists():
        return None
    owed = selectors.seller_owed_for_order(order=order, seller_id=account.partner_id)
    amount = selectors.stripe_part(order=order, owed=owed)
    if amount <= 0:
        return None
    return Transfer._default_manager.create(
        order=order, partner=account.partner, destination=account.account_id, amount=amount,
        currency=order.currency,
        idempotency_key=f"transfer-{order.number}-{account.partner_id}",
    )


def _transfer_send(transfer: Transfer) -> None:
    order = transfer.order
    try:
        answer = stripe_client.gateway().transfer_create(
            amount=to_cents(transfer.amount), currency=transfer.currency.lower(),
            destination=transfer.destination, idempotency_key=transfer.idempotency_key,
            transfer_group=f"order-{order.number}", source_transaction=_charge_of(order),
            metadata={"order_number": order.number, "seller": str(transfer.partner_id)},
        )
    except StripeError as error:
        _mark_failed(Transfer, transfer, error)
        return
    with transaction.atomic():
        transfer = Transfer._default_manager.select_for_update().get(pk=transfer.pk)
        if transfer.status != Transfer.Status.SUCCEEDED:
            transfer.status, transfer.stripe_transfer_id = Transfer.Status.SUCCEEDED, answer.id
            transfer.attempts, transfer.error = transfer.attempts + 1, ""
            transfer.updated_at = clock.now()
            transfer.save()
        _ledger_pair(order=order, seller_id=transfer.partner_id, amount=-transfer.amount,
                     key=f"payout:{order.number}:{transfer.partner_id}", reference=answer.id)


def _charge_of(order) -> str | None:
    """The charge that paid the order, to tie the transfer to its funds (``source_transaction``)."""
    charge = selectors.stripe_charge_of(order)
    if charge:
        return charge
    source = order.sources.filter(reference__startswith="pi_").order_by("pk").first()
    if source is None:
        return None
    try:
        return stripe_client.gateway().payment_intent_retrieve(source.reference).latest_charge
    except StripeError:
        return None


def _mark_failed(model, row, error) -> None:
    """The row stays to be asked again (unless another run has had it answered meanwhile)."""
    logger.warning("Stripe refused or missed %s: %s", row.idempotency_key, error)
    model._default_manager.filter(pk=row.pk, status__in=PENDING).update(
        status=Transfer.Status.FAILED, attempts=F("attempts") + 1, error=str(error)[:255],
        updated_at=clock.now())


# --- Reversals -------------------------------------------------------------------------------


def order_reversals_make(*, order_id: int, reference: str = "") -> list[TransferReversal]:
    """Take back from each seller what a refund took from its share of the order.

    For each transfer sent, the seller should keep what the ledger now says it
    is owed for the order (its Stripe part, never below zero); what it holds
    beyond that is reversed. ``reference`` is the refund, for the record.
    """
    if not connect_enabled():
        return []
    for reversal in _reversals_request(order_id=order_id, reference=reference):
        _reversal_send(reversal)
    return list(TransferReversal._default_manager.filter(transfer__order_id=order_id))


def _reversals_request(*, order_id: int, reference: str) -> list[TransferReversal]:
    with transaction.atomic():
        order = order_locked(Order._default_manager.get(pk=order_id))
        sent = Transfer._default_manager.filter(order=order, status=Transfer.Status.SUCCEEDED)
        for transfer in sent.select_for_update():
            _reversal_row(order=order, transfer=transfer, reference=reference)
        return list(TransferReversal._default_manager.filter(
            selectors.still_askable(), transfer__order=order, status__in=PENDING,
        ).select_related("transfer__order"))


def _reversal_row(*, order, transfer: Transfer, reference: str) -> TransferReversal | None:
    owed = selectors.seller_owed_for_order(order=order, seller_id=transfer.partner_id)
    target = max(ZERO, selectors.stripe_part(order=order, owed=owed))
    asked = transfer.reversals.aggregate(total=Sum("amount"))["total"] or ZERO
    amount = transfer.amount - asked - target
    if amount <= 0:
        return None
    number = transfer.reversals.count() + 1
    return TransferReversal._default_manager.create(
        transfer=transfer, amount=amount, reference=reference[:128],
        idempotency_key=f"transfer-reversal-{order.number}-{transfer.partner_id}-{number}",
    )


def _reversal_send(reversal: TransferReversal) -> None:
    transfer, order = reversal.transfer, reversal.transfer.order
    try:
        answer = stripe_client.gateway().transfer_reversal_create(
            transfer_id=transfer.stripe_transfer_id, amount=to_cents(reversal.amount),
            idempotency_key=reversal.idempotency_key,
            metadata={"order_number": order.number, "seller": str(transfer.partner_id),
                      "refund": reversal.reference},
        )
    except StripeError as error:
        _mark_failed(TransferReversal, reversal, error)
        return
    with transaction.atomic():
        reversal = TransferReversal._default_manager.select_for_update().get(pk=reversal.pk)
        if reversal.status != TransferReversal.Status.SUCCEEDED:
            reversal.status, reversal.stripe_reversal_id = Transfer.Status.SUCCEEDED, answer.id
            reversal.attempts, reversal.error = reversal.attempts + 1, ""
            reversal.updated_at = clock.now()
            reversal.save()
            Transfer._default_manager.filter(pk=transfer.pk).update(
                amount_reversed=F("amount_reversed") + reversal.amount, updated_at=clock.now())
        _ledger_pair(order=order, seller_id=transfer.partner_id, amount=reversal.amount,
                     key=f"payout-reversal:{order.number}:{transfer.partner_id}:{reversal.pk}",
                     reference=answer.id)


# --- The ledger ------------------------------------------------------------------------------


def _ledger_pair(*, order, seller_id, amount: Decimal, key: str, reference: str) -> bool:
    """The seller's ``amount`` and the cooperative's opposite, once per ``key``."""
    if LedgerEntry.objects.filter(key=key).exists():
        return False
    now = clock.now()
    LedgerEntry.objects.bulk_create([
        LedgerEntry(kind=EntryKind.PAYOUT, seller_id=seller_id, order=order, amount=amount,
                    reference=reference[:128], key=key, created_at=now),
        LedgerEntry(kind=EntryKind.PAYOUT, seller=None, order=order, amount=-amount,
                    reference=reference[:128], key=f"{key}:coop", created_at=now),
    ])
    return True


# --- The sweep ---------------------------------------------------------------------------------


def payouts_retry() -> int:
    """Ask again what Stripe refused or never answered, and catch up transfers never asked.

    Returns the number of orders looked at.
    """
    if not connect_enabled():
        return 0
    orders = selectors.orders_with_payouts_due()
    for order_id in orders:
        order_transfers_make(order_id=order_id)
    return len(orders)
