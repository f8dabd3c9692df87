"""Issuing invoices and credit notes: numbers taken in the order's or refund's transaction.

``invoices_issue`` writes one invoice per seller of an order (and one of the
cooperative's for the delivery charge and lines of no seller), its amounts
those the seller ledger gives that seller (``shop.ledger.services.order_parts``),
so documents and ledger agree to the cent. ``credit_notes_issue`` writes one
credit note per seller for a refund, its amounts read from the ledger rows of
that refund. Both lock the sequences in one order (their keys), so two orders
of the same sellers never wait on each other crosswise.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, IntegerField, Min, Sum, Value, When
from django.utils.text import slugify

from shop import clock
from shop.ledger.models import EntryKind, LedgerEntry
from shop.ledger.services import order_parts

from .models import COOPERATIVE_KEY, Invoice, InvoiceKind, InvoiceSequence

ZERO = Decimal("0.00")
COOPERATIVE_PREFIX = "COOP"


# --- Numbering ---------------------------------------------------------------------------


def sequence_key(seller_id) -> str:
    return COOPERATIVE_KEY if seller_id is None else f"seller-{seller_id}"


def sequence_locked(*, seller_id) -> InvoiceSequence:
    """The seller's sequence (made on its first document), locked until the transaction ends."""
    key = sequence_key(seller_id)
    locked = InvoiceSequence.objects.select_for_update().filter(key=key).first()
    if locked is None:
        InvoiceSequence.objects.bulk_create(
            [InvoiceSequence(key=key, seller_id=seller_id, prefix=_prefix_for(seller_id))],
            ignore_conflicts=True,  # another transaction made it first: use theirs
        )
        locked = InvoiceSequence.objects.select_for_update().get(key=key)
    return locked


def _prefix_for(seller_id) -> str:
    """Three letters of the seller's name ("LIB"), its id added if another seller has them."""
    from oscar.core.loading import get_model

    if seller_id is None:
        return COOPERATIVE_PREFIX
    name = get_model("partner", "Partner")._default_manager.get(pk=seller_id).name
    letters = "".join(c for c in slugify(name) if c.isalnum()).upper()[:3] or "S"
    if InvoiceSequence.objects.filter(prefix=letters).exists() or letters == COOPERATIVE_PREFIX:
        return f"{letters}{seller_id}"
    return letters


def _document_write(*, sequence: InvoiceSequence, **fields) -> Invoice:
    number = sequence.last_number + 1
    InvoiceSequence.objects.filter(pk=sequence.pk).update(last_number=number)
    sequence.last_number = number
    return Invoice.objects.create(sequence=sequence, seller_id=sequence.seller_id, number=number,
                                  display_number=f"{sequence.prefix}-{number:06d}", **fields)


# --- Invoices ------------------------------------------------------------------------------


def invoices_issue(*, order, issued_at=None) -> list[Invoice]:
    """Issue each seller's invoice of ``order`` not issued yet; returns those issued.

    Call inside the order's transaction (the ``order_placed`` receiver does):
    a rolled-back order takes its numbers back with it. Whatever the number of
    sellers: their sequences locked in one query, the invoices already issued
    read in one, the numbers taken in one update and the invoices written in
    one insert.
    """
    parts = {seller: amounts for seller, amounts in order_parts(order).items()
             if sum(amounts.values(), ZERO)}
    if not parts:
        return []
    issued_at = issued_at or clock.now()
    with transaction.atomic(savepoint=False):
        sequences = sequences_locked(seller_ids=parts)
        done = set(Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE,
                                          sequence__in=list(sequences.values()))
                   .values_list("sequence_id", flat=True))
        documents = []
        for seller_id in sorted(parts, key=sequence_key):
            sequence = sequences[seller_id]
            if sequence.pk in done:
                continue
            net, gst, qst = (parts[seller_id].get(kind, ZERO) for kind in EntryKind.sales())
            documents.append(_document(
                sequence=sequence, order=order, kind=InvoiceKind.INVOICE, issued_at=issued_at,
                net=net, gst=gst, qst=qst, total=net + gst + qst))
        return _documents_write(documents)


def sequences_locked(*, seller_ids) -> dict:
    """``{seller_id: sequence}`` of ``seller_ids`` (made on their first document), locked in
    the order of their keys until the transaction ends: one query when all exist."""
    keys = {sequence_key(seller_id): seller_id for seller_id in seller_ids}
    locked = list(InvoiceSequence.objects.select_for_update().filter(key__in=keys).order_by("key"))
    if len(locked) < len(keys):
        for key in sorted(set(keys) - {sequence.key for sequence in locked}):
            sequence_locked(seller_id=keys[key])
        locked = list(InvoiceSequence.objects.select_for_update().filter(key__in=keys)
                      .order_by("key"))
    return {keys[sequence.key]: sequence for sequence in locked}


def _document(*, sequence: InvoiceSequence, **fields) -> Invoice:
    """The next document of ``sequence``, unsaved; the sequence moves on in memory."""
    sequence.last_number += 1
    number = sequence.last_number
    return Invoice(sequence=sequence, seller_id=sequence.seller_id, number=number,
                   display_number=f"{sequence.prefix}-{number:06d}", **fields)


def _documents_write(documents: list[Invoice]) -> list[Invoice]:
    """Save the sequences' new last numbers (one update) and ``documents`` (one insert)."""
    if not documents:
        return []
    last = {document.sequence_id: document.number for document in documents}
    InvoiceSequence.objects.filter(pk__in=last).update(last_number=Case(
        *(When(pk=pk, then=Value(number)) for pk, number in last.items()),
        output_field=IntegerField()))
    return Invoice.objects.bulk_create(documents)


# --- Credit notes --------------------------------------------------------------------------


def credit_notes_issue(*, order, reference: str, issued_at=None) -> list[Invoice]:
    """Issue each seller's credit note for the refund ``reference`` of ``order``, once.

    Amounts are the ledger's rows of that refund, so call after the ledger
    wrote them (the ``order_refunded`` receiver runs after the ledger's).
    """
    refunded = _refunded_by_seller(order=order, reference=reference)
    issued = []
    with transaction.atomic():
        for seller_id in sorted(refunded, key=sequence_key):
            sequence = sequence_locked(seller_id=seller_id)
            documents = sequence.documents.filter(order=order)
            if documents.filter(kind=InvoiceKind.CREDIT_NOTE,
                                refund_reference=reference[:128]).exists():
                continue
            net, gst, qst = (refunded[seller_id][kind] for kind in EntryKind.refunds())
            issued.append(_document_write(
                sequence=sequence, order=order, kind=InvoiceKind.CREDIT_NOTE,
                issued_at=issued_at or clock.now(),
                net=net, gst=gst, qst=qst, total=net + gst + qst,
                refund_reference=reference[:128],
                credited_invoice=documents.filter(kind=InvoiceKind.INVOICE).first(),
            ))
    return issued


def _refunded_by_seller(*, order, reference: str) -> dict:
    """``{seller_id or None: {refund kind: amount (positive)}}`` of one refund's ledger rows."""
    refunded = defaultdict(lambda: dict.fromkeys(EntryKind.refunds(), ZERO))
    rows = (LedgerEntry.objects
            .filter(order=order, reference=reference[:128], kind__in=EntryKind.refunds())
            .values("seller_id", "kind").annotate(total=Sum("amount")))
    for row in rows:
        refunded[row["seller_id"]][row["kind"]] -= row["total"]
    return {seller: kinds for seller, kinds in refunded.items() if sum(kinds.values(), ZERO)}


# --- Orders placed before invoices ---------------------------------------------------------


def refund_references_of(order) -> list[str]:
    """The references of the order's refunds the ledger holds, oldest first."""
    rows = (LedgerEntry.objects.filter(order=order, kind__in=EntryKind.refunds())
            .values("reference").annotate(first=Min("created_at")).order_by("first"))
    return [row["reference"] for row in rows]


def invoices_backfill_order(*, order) -> int:
    """Invoice an order placed before invoices existed, dated when it was placed,
    and credit its refunds the ledger holds; returns the documents issued."""
    with transaction.atomic():
        issued = invoices_issue(order=order, issued_at=order.date_placed)
        for reference in refund_references_of(order):
            issued += credit_notes_issue(order=order, reference=reference)
    return len(issued)
