"""A bookshop's catalogue from its CSV: ISBN, title, author, publisher, price, quantity.

Each book is keyed on its ISBN-13 (an ISBN-10 is converted), which is the
product's UPC and the seller's SKU, as in the demo bookshop. A book already in
the seller's own catalogue (a product it has a stock record for) is updated,
never duplicated; a row identical to what is stored writes nothing, so
importing the same file twice changes nothing the second time. An ISBN that
is the UPC of a product outside the seller's catalogue (another seller's) is
refused on its line: UPCs are unique, and the import never changes another
seller's product. Bad rows are rejected with their line number and reason and
the others are imported. The whole file is written in one transaction with a
fixed number of queries per 1,000 rows.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from shop.rentals.models import AdjustmentReason, StockAdjustment
from shop.taxes import TaxClass

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

BOOK_CLASS = "Livre imprimé"  # the same product class as the demo bookshop's
ATTRIBUTES = (("isbn", "ISBN"), ("author", "Auteur"), ("publisher", "Éditeur"))
COLUMNS = {
    "isbn": ("isbn", "isbn13", "isbn-13", "ean"),
    "title": ("title", "titre"),
    "author": ("author", "auteur", "auteurs", "authors"),
    "publisher": ("publisher", "editeur", "éditeur", "maison d'édition"),
    "price": ("price", "prix"),
    "quantity": ("quantity", "quantité", "quantite", "qty", "stock"),
}
CHUNK = 1000
# What the catalogue can hold: StockRecord.price has 12 digits, 2 after the point,
# and num_in_stock is a 32-bit integer; a title is cut at 255 characters.
MAX_PRICE = Decimal("9999999999.99")
MAX_QUANTITY = 2_147_483_647


@dataclass(frozen=True)
class BookRow:
    line: int
    isbn: str
    title: str
    author: str
    publisher: str
    price: Decimal
    quantity: int


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # (line, reason)

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged


# --- ISBN -------------------------------------------------------------------


def isbn13(raw: str) -> str | None:
    """The ISBN-13 of an ISBN-10 or ISBN-13 (hyphens and spaces allowed), or None if invalid."""
    digits = raw.replace("-", "").replace(" ", "").upper()
    if not digits.isascii():  # "²" or "٣" pass isdigit() but are no ISBN digits
        return None
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        if _isbn10_sum(digits) % 11 != 0:
            return None
        body = "978" + digits[:9]
        return body + _isbn13_check(body)
    if len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979"):
        return digits if _isbn13_check(digits[:12]) == digits[12] else None
    return None


def _isbn10_sum(digits):
    values = [10 if c == "X" else int(c) for c in digits]
    return sum((10 - i) * v for i, v in enumerate(values))


def _isbn13_check(body12):
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body12))
    return str((10 - total % 10) % 10)


# --- Reading ----------------------------------------------------------------


def read_rows(text: str, report: ImportReport) -> list[BookRow]:
    """The valid rows of the CSV ``text``; the others go to ``report.rejected``.

    Raises ValueError, with a message for the user, when the file as a whole
    cannot be read: then nothing is imported.
    """
    if "\x00" in text:
        raise ValueError(_("This is not a CSV text file (it holds binary data, as a spreadsheet "
                           "does). Save it as CSV and try again."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    # newline="": the reader itself ends rows on \n, \r\n or a lone \r (old Mac
    # files) and keeps line breaks inside quoted cells.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _read(reader, report)
    except csv.Error as error:
        raise ValueError(_("Line %(line)d cannot be read (a cell too long or a quote not closed); "
                           "nothing was imported.") % {"line": reader.line_num}) from error


def _read(reader, report):
    header = next(reader, None)
    if header is None:
        return []
    columns = _columns(header)
    rows, seen = [], {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        book, reason = _parse(row, columns, line)
        if book is not None and book.isbn in seen:
            book, reason = None, _("ISBN %(isbn)s already on line %(line)d") % {
                "isbn": book.isbn, "line": seen[book.isbn]}
        if book is None:
            report.rejected.append((line, reason))
            continue
        seen[book.isbn] = line
        rows.append(book)
    return rows


def _columns(header):
    names = [cell.strip().lower() for cell in header]
    columns = {}
    for key, aliases in COLUMNS.items():
        found = next((i for i, name in enumerate(names) if name in aliases), None)
        if found is None:
            # Every name the column may have, French ones included ("title / titre").
            raise ValueError(_("The file has no %(column)s column.") % {"column": " / ".join(aliases)})
        columns[key] = found
    return columns


def _parse(row, columns, line):
    def cell(key):
        index = columns[key]
        return row[index].strip() if index < len(row) else ""

    isbn = isbn13(cell("isbn"))
    if isbn is None:
        return None, _("invalid ISBN “%(isbn)s”") % {"isbn": _shown(cell("isbn"))}
    title = cell("title")
    if not title:
        return None, _("no title")
    price = _price(cell("price"))
    if price is None:
        return None, _("invalid price “%(price)s”") % {"price": _shown(cell("price"))}
    try:
        quantity = int(cell("quantity")) if cell("quantity").isascii() else None
    except ValueError:
        quantity = None
    if quantity is None or quantity > MAX_QUANTITY:
        return None, _("invalid quantity “%(quantity)s”") % {"quantity": _shown(cell("quantity"))}
    if quantity < 0:
        return None, _("negative quantity")
    return BookRow(line, isbn, title[:255], cell("author")[:255], cell("publisher")[:255],
                   price.quantize(Decimal("0.01")), quantity), None


def _price(text):
    """The price written in ``text`` ("12,95", "12.95 $"), or None: not a number, below
    zero, more than two decimals or more than the catalogue holds."""
    try:
        price = Decimal(text.replace(",", ".").replace("$", "").strip())
    except InvalidOperation:
        return None
    if not text.isascii() or not price.is_finite() or not 0 <= price <= MAX_PRICE:
        return None
    return price if price.as_tuple().exponent >= -2 else None


def _shown(text, limit=40):
    """A cell quoted back to the user, cut short if long."""
    return text if len(text) <= limit else text[:limit] + "…"


# --- Writing ----------------------------------------------------------------


def books_import(
    *, seller, text: str, by=None, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Import the bookshop CSV ``text`` for ``seller``; ``progress(done, total)`` as it goes."""
    report = ImportReport()
    rows = read_rows(text, report)
    with transaction.atomic():
        product_class, attributes = _book_class()
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            _write_chunk(chunk, seller=seller, product_class=product_class,
                         attributes=attributes, by=by, report=report)
            if progress is not None:
                progress(start + len(chunk), len(rows))
    report.rejected.sort()
    return report


def _book_class():
    product_class, _created = ProductClass._default_manager.get_or_create(
        slug=slugify(BOOK_CLASS),
        defaults={"name": BOOK_CLASS, "tax_class": TaxClass.BOOKS, "track_stock": True,
                  "requires_shipping": True},
    )
    attributes = {}
    for code, name in ATTRIBUTES:
        attributes[code], _created = ProductAttribute._default_manager.get_or_create(
            product_class=product_class, code=code, defaults={"name": name, "type": "text"},
        )
    return product_class, attributes


def _write_chunk(rows, *, seller, product_class, attributes, by, report):
    products, foreign = _catalogue_products(rows, seller)
    rows = _without_foreign(rows, foreign, report)
    new = [r for r in rows if r.isbn not in products]
    created = _create_products(new, product_class)
    products.update(created)
    stock = {s.product_id: s for s in StockRecord._default_manager.filter(
        partner=seller, product__in=list(products.values()))}
    values = {(v.product_id, v.attribute_id): v for v in ProductAttributeValue._default_manager
              .filter(product__in=list(products.values()), attribute__in=attributes.values())}
    changes = _Changes()
    for row in rows:
        product = products[row.isbn]
        changed = _update_product(product, row, changes)
        changed |= _update_attributes(product, row, attributes, values, changes)
        changed |= _update_stock(product, row, seller, stock.get(product.pk), by, changes)
        if row.isbn in created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    changes.save()


def _catalogue_products(rows, seller):
    """The seller's own products of these rows' ISBNs, by UPC; and the UPCs held by others."""
    own_stock = StockRecord._default_manager.filter(product=OuterRef("pk"), partner=seller)
    found = Product._default_manager.filter(upc__in=[r.isbn for r in rows]).annotate(
        is_own=Exists(own_stock))
    products, foreign = {}, set()
    for product in found:
        if product.is_own:
            products[product.upc] = product
        else:
            foreign.add(product.upc)
    return products, foreign


def _without_foreign(rows, foreign, report):
    """``rows`` but those whose ISBN is another seller's product, which are rejected."""
    for row in rows:
        if row.isbn in foreign:
            report.rejected.append((row.line, _("this ISBN already belongs to another seller's "
                                                "catalogue")))
    return [row for row in rows if row.isbn not in foreign]


def _create_products(rows, product_class):
    products = [
        Product(upc=r.isbn, title=r.title, slug=slugify(r.title)[:255] or r.isbn,
                product_class=product_class, structure=Product.STANDALONE, is_public=True)
        for r in rows
    ]
    Product._default_manager.bulk_create(products)
    if not all(p.pk for p in products):  # a database that returns no ids from bulk inserts
        products = list(Product._default_manager.filter(upc__in=[r.isbn for r in rows]))
    return {p.upc: p for p in products}


class _Changes:
    """Rows to write for one chunk, in a handful of bulk queries."""

    def __init__(self):
        self.products, self.values_new, self.values_changed = [], [], []
        self.stock_new, self.stock_changed, self.adjustments = [], [], []

    def save(self):
        Product._default_manager.bulk_update(self.products, ["title", "slug"])
        ProductAttributeValue._default_manager.bulk_create(self.values_new)
        ProductAttributeValue._default_manager.bulk_update(self.values_changed, ["value_text"])
        StockRecord._default_manager.bulk_create(self.stock_new)
        StockRecord._default_manager.bulk_update(self.stock_changed, ["price", "num_in_stock"])
        saved = {s.partner_sku: s for s in self.stock_new if s.pk}
        if self.stock_new and len(saved) < len(self.stock_new):
            saved = {s.partner_sku: s for s in StockRecord._default_manager.filter(
                partner=self.stock_new[0].partner,
                partner_sku__in=[s.partner_sku for s in self.stock_new])}
        for adjustment, sku in self.adjustments:
            if adjustment.stockrecord_id is None:
                adjustment.stockrecord = saved[sku]
        StockAdjustment._default_manager.bulk_create([a for a, _sku in self.adjustments])


def _update_product(product, row, changes):
    if product.title == row.title:
        return False
    product.title, product.slug = row.title, slugify(row.title)[:255] or row.isbn
    changes.products.append(product)
    return True


def _update_attributes(product, row, attributes, values, changes):
    changed = False
    for code, text in (("isbn", row.isbn), ("author", row.author), ("publisher", row.publisher)):
        attribute = attributes[code]
        value = values.get((product.pk, attribute.pk))
        if value is None:
            if text:
                changes.values_new.append(ProductAttributeValue(
                    product=product, attribute=attribute, value_text=text))
                changed = True
        elif value.value_text != text:
            value.value_text = text
            changes.values_changed.append(value)
            changed = True
    return changed


def _update_stock(product, row, seller, record, by, changes):
    if record is None:
        record = StockRecord(product=product, partner=seller, partner_sku=row.isbn,
                             price=row.price, price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                             num_in_stock=row.quantity)
        changes.stock_new.append(record)
        if row.quantity:
            changes.adjustments.append((_adjustment(None, row.quantity, row.quantity, by),
                                        row.isbn))
        return True
    if record.price == row.price and record.num_in_stock == row.quantity:
        return False
    delta = row.quantity - (record.num_in_stock or 0)
    record.price, record.num_in_stock = row.price, row.quantity
    changes.stock_changed.append(record)
    if delta:
        changes.adjustments.append((_adjustment(record, delta, row.quantity, by), row.isbn))
    return True


def _adjustment(record, delta, level, by):
    return StockAdjustment(stockrecord=record, delta=delta, level_after=level,
                           reason=AdjustmentReason.IMPORT, created_by=by)
