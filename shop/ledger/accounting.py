"""The accounting export: a seller's ledger as a general journal, and its GST/QST figures.

Written as the seller's bookkeeper keeps the seller's books, not the
cooperative's: the cooperative holds the seller's money in a clearing account
("Encaisse / compte de compensation") until it pays it out.

- a sale: debit the clearing account, credit "Ventes", "TPS à payer" and
  "TVQ à payer";
- a refund: the reverse;
- the cooperative's fee: debit "Frais de la coopérative", credit the clearing
  account (the reverse when a refund lowers the fee);
- a payout: debit "Banque", credit the clearing account (the reverse when a
  payout is taken back);
- an adjustment: between the clearing account and "Ajustements de la coopérative".

Each ledger row moves money between the clearing account and the account of
its kind (a positive row is owed to the seller: clearing debited), so every
journal entry balances by construction. One entry per order, seller and
movement (a payment, a refund, a fee, a payout…) per day; its number is the
order's number, the seller's id and the movement's letter with its rank among
the order's movements of that letter, the same whatever the period exported.

Days are the shop's calendar days (America/Toronto, Montréal's time) of the
moment the money moved (``LedgerEntry.created_at``). The cooperative's own
rows (no seller) are not any seller's books and are left out.

Account names, descriptions and the CSV header are in French and do not
follow the interface's language: accounting software maps them once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum

from shop import clock

from .models import EntryKind, LedgerEntry
from .selectors import entries_visible_to

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# --- The seller's chart of accounts (names as written in the CSV) ----------------------------

CLEARING = "Encaisse / compte de compensation"
SALES = "Ventes"
GST_PAYABLE = "TPS à payer"
QST_PAYABLE = "TVQ à payer"
FEES = "Frais de la coopérative"
BANK = "Banque"
ADJUSTMENTS = "Ajustements de la coopérative"

ACCOUNT_OF = {
    EntryKind.SALE_NET: SALES, EntryKind.REFUND_NET: SALES,
    EntryKind.SALE_GST: GST_PAYABLE, EntryKind.REFUND_GST: GST_PAYABLE,
    EntryKind.SALE_QST: QST_PAYABLE, EntryKind.REFUND_QST: QST_PAYABLE,
    EntryKind.FEE: FEES, EntryKind.PAYOUT: BANK, EntryKind.ADJUSTMENT: ADJUSTMENTS,
}
ACCOUNTS = (CLEARING, SALES, GST_PAYABLE, QST_PAYABLE, FEES, BANK, ADJUSTMENTS)

#: kind -> (letter of the entry number, description of the movement)
MOVEMENT_OF = {
    **dict.fromkeys(EntryKind.sales(), ("V", "Vente")),
    **dict.fromkeys(EntryKind.refunds(), ("R", "Remboursement")),
    EntryKind.FEE: ("F", "Frais de la coopérative"),
    EntryKind.PAYOUT: ("P", "Versement au vendeur"),
    EntryKind.ADJUSTMENT: ("A", "Ajustement"),
}

JOURNAL_HEADER = ["Date", "No de pièce", "Compte", "Description", "Débit", "Crédit",
                  "Vendeur", "Référence"]
TAX_HEADER = ["Vendeur", "No TPS", "No TVQ", "Du", "Au",
              "Ventes avant taxes", "Remboursements avant taxes",
              "Ligne 101 - Ventes nettes avant taxes",
              "TPS perçue", "TPS remboursée", "Ligne 105 - TPS nette perçue",
              "TVQ perçue", "TVQ remboursée", "Ligne 205 - TVQ nette perçue"]


def period_bounds(*, start: date, end: date) -> tuple[datetime, datetime]:
    """[start, end] as moments: the shop's midnight starting ``start`` to the one after ``end``."""
    zone = clock.shop_zone()
    return (datetime.combine(start, time.min, tzinfo=zone),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))


def movements_of(*, user, sellers, start: date, end: date):
    """The ledger rows of ``sellers`` (among those ``user`` may see) moved in [start, end]."""
    since, until = period_bounds(start=start, end=end)
    return entries_visible_to(user=user).filter(
        seller__in=sellers, created_at__gte=since, created_at__lt=until)


# --- The journal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalLine:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


@dataclass
class JournalEntry:
    """One balanced entry: one movement of one order for one seller on one day."""

    day: date
    number: str
    seller: object
    description: str
    reference: str
    lines: list = field(default_factory=list)

    @property
    def debits(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credits(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)


def _movement_key(row) -> tuple:
    """What makes rows one movement, the day aside: seller, order, letter, origin, reference."""
    letter = MOVEMENT_OF[row.kind][0]
    return (row.seller_id, row.order_id, letter, row.key.split(":", 1)[0], row.reference)


def journal_entries(*, user, sellers, start: date, end: date) -> list[JournalEntry]:
    """The period's journal for ``sellers``: by day, then seller, then as the money moved."""
    rows = list(movements_of(user=user, sellers=sellers, start=start, end=end)
                .select_related("seller", "order").order_by("created_at", "pk"))
    groups = defaultdict(list)
    for row in rows:
        groups[(clock.today(row.created_at), _movement_key(row))].append(row)
    ranks = _movement_ranks(rows)
    entries = [_entry(day, key, group, ranks[(day, key)]) for (day, key), group in groups.items()]
    entries = [entry for entry in entries if entry.lines]
    return sorted(entries, key=lambda entry: (entry.day, entry.seller.name))  # stable


def _movement_ranks(rows) -> dict:
    """``{(day, movement key): rank}``: the movement's rank among its order's of its letter.

    Counted over the whole ledger of the orders concerned, so a refund is
    numbered R2 whichever period is exported.
    """
    orders = {row.order_id for row in rows if row.order_id}
    sellers = {row.seller_id for row in rows}
    history = (LedgerEntry.objects.filter(seller_id__in=sellers, order_id__in=orders)
               | LedgerEntry.objects.filter(seller_id__in=sellers, order__isnull=True))
    seen, counts, ranks = set(), defaultdict(int), {}
    for row in history.order_by("created_at", "pk"):
        movement = (clock.today(row.created_at), _movement_key(row))
        if movement in seen:
            continue
        seen.add(movement)
        seller, order, letter = movement[1][:3]
        counts[(seller, order, letter)] += 1
        ranks[movement] = counts[(seller, order, letter)]
    return ranks


def _entry(day, key, rows, rank) -> JournalEntry:
    seller_id, _order_id, letter, _origin, reference = key
    first = rows[0]
    order_number = first.order.number if first.order_id else None
    description = MOVEMENT_OF[first.kind][1]
    if order_number:
        description = f"{description}, commande {order_number}"
    number = "-".join(filter(None, [order_number, str(seller_id), f"{letter}{rank}"]))
    return JournalEntry(day=day, number=number, seller=first.seller, description=description,
                        reference=reference, lines=_lines(rows))


def _lines(rows) -> list[JournalLine]:
    """The rows as debits and credits: the clearing account first, then the others in order."""
    moved = defaultdict(lambda: ZERO)
    for row in rows:
        amount = row.amount.quantize(CENT)
        moved[CLEARING] += amount  # owed to the seller: the clearing account is debited
        moved[ACCOUNT_OF[row.kind]] -= amount
    return [JournalLine(account, debit=max(amount, ZERO), credit=max(-amount, ZERO))
            for account in ACCOUNTS if (amount := moved.get(account, ZERO))]


def journal_csv_rows(entries):
    """The journal's CSV rows under ``JOURNAL_HEADER``: one per line of each entry."""
    for entry in entries:
        for line in entry.lines:
            yield [entry.day.isoformat(), entry.number, line.account, entry.description,
                   _cell(line.debit), _cell(line.credit), entry.seller.name, entry.reference]


def _cell(amount: Decimal):
    """An amount with a dot and two places; empty when zero."""
    return amount.quantize(CENT) if amount else ""


# --- The GST/QST return ----------------------------------------------------------------------


@dataclass
class TaxReturn:
    """A seller's figures for its GST/HST return (lines 101, 105) and QST return (line 205)."""

    seller: object
    start: date
    end: date
    sales: Decimal = ZERO
    sales_refunded: Decimal = ZERO
    gst_collected: Decimal = ZERO
    gst_refunded: Decimal = ZERO
    qst_collected: Decimal = ZERO
    qst_refunded: Decimal = ZERO

    @property
    def line_101(self) -> Decimal:
        """Sales before taxes, less those refunded."""
        return self.sales - self.sales_refunded

    @property
    def line_105(self) -> Decimal:
        """GST collected less GST refunded."""
        return self.gst_collected - self.gst_refunded

    @property
    def line_205(self) -> Decimal:
        """QST collected less QST refunded."""
        return self.qst_collected - self.qst_refunded


#: kind -> (TaxReturn field, sign: refunds are written negative in the ledger)
TAX_FIELD_OF = {
    EntryKind.SALE_NET: ("sales", 1), EntryKind.REFUND_NET: ("sales_refunded", -1),
    EntryKind.SALE_GST: ("gst_collected", 1), EntryKind.REFUND_GST: ("gst_refunded", -1),
    EntryKind.SALE_QST: ("qst_collected", 1), EntryKind.REFUND_QST: ("qst_refunded", -1),
}


def tax_returns(*, user, sellers, start: date, end: date) -> list[TaxReturn]:
    """Each of ``sellers``' figures for the period, by name; a seller with nothing has zeros."""
    returns = {seller.pk: TaxReturn(seller=seller, start=start, end=end)
               for seller in sellers.order_by("name")}
    totals = (movements_of(user=user, sellers=sellers, start=start, end=end)
              .filter(kind__in=list(TAX_FIELD_OF)).values("seller_id", "kind")
              .annotate(total=Sum("amount")))
    for row in totals:
        name, sign = TAX_FIELD_OF[row["kind"]]
        figures = returns[row["seller_id"]]
        setattr(figures, name, getattr(figures, name) + sign * row["total"].quantize(CENT))
    return list(returns.values())


def tax_csv_rows(returns):
    """The tax-return CSV rows under ``TAX_HEADER``: one per seller."""
    for figures in returns:
        yield [figures.seller.name, figures.seller.gst_number, figures.seller.qst_number,
               figures.start.isoformat(), figures.end.isoformat(),
               figures.sales, figures.sales_refunded, figures.line_101,
               figures.gst_collected, figures.gst_refunded, figures.line_105,
               figures.qst_collected, figures.qst_refunded, figures.line_205]
