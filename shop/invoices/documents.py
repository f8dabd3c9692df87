"""An order's invoices and credit notes as one PDF: a summary, then one sheet per document.

Each document shows what Revenu Québec asks for its amount
(``content.required_content``): always the seller's name, the date and the
total, and here also the seller's GST and QST numbers when it has them, the
taxes and the items; the buyer's name and the payment terms from 150 $. The
words are French unless the client's language is English.
"""

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop import clock
from shop.documents import pdf

from .content import required_content
from .selectors import buyer_name_of

ZERO = Decimal("0.00")
SUMMARY_WIDTHS = (90, 190, 70, 70, 84)  # points: the 7 in between the margins
ITEM_WIDTHS = (300, 70, 134)
TOTAL_WIDTHS = (200, 100)


def order_documents_pdf(*, order, documents, language: str) -> bytes:
    """The PDF of ``documents`` (invoices and credit notes of ``order``) in ``language``."""
    documents = list(documents)
    with translation.override(language):
        pages = [pdf.Page(story=_summary(order, documents, language))]
        pages += [pdf.Page(story=_document_story(order, document, language))
                  for document in documents]
        return pdf.render_pdf(pages, title=_("Invoices of order %(number)s")
                              % {"number": order.number})


def pdf_filename(order) -> str:
    return _("invoices-%(number)s.pdf") % {"number": order.number}


# --- The summary -------------------------------------------------------------------------


def _summary(order, documents, language):
    money = _money(language)
    story = [pdf.heading(_("Invoices of order %(number)s") % {"number": order.number}),
             pdf.paragraph(_("Order placed on %(date)s") % {"date": _date(order.date_placed)}),
             pdf.space()]
    for credit, title in ((False, _("Invoices")), (True, _("Credit notes"))):
        chosen = [d for d in documents if d.is_credit_note == credit]
        if not chosen:
            continue
        rows = [[_("Number"), _("Seller"), _("GST"), _("QST"), _("Total")]]
        rows += [[d.display_number, _seller_name(d), money(d.gst), money(d.qst), money(d.total)]
                 for d in chosen]
        rows.append(["", _total_label(order, chosen, credit=credit),
                     *(money(sum((getattr(d, f) for d in chosen), ZERO))
                       for f in ("gst", "qst", "total"))])
        story += [pdf.paragraph(title, bold=True, size=12), pdf.space(4),
                  pdf.table(rows, widths=SUMMARY_WIDTHS, money_columns=(2, 3, 4), total_rows=1),
                  pdf.space()]
    return story


def _total_label(order, chosen, *, credit: bool) -> str:
    """"Total of the order" only when every invoice of the order is shown (a seller's
    staff see their own)."""
    if credit:
        return _("Total credited")
    if len(chosen) == order.invoices.filter(kind=chosen[0].kind).count():
        return _("Total of the order")
    return _("Total")


# --- One document --------------------------------------------------------------------------


def _document_story(order, document, language):
    required = required_content(document.total)
    title = _("Credit note %(number)s") if document.is_credit_note else _("Invoice %(number)s")
    story = [pdf.heading(title % {"number": document.display_number}),
             pdf.paragraph("\n".join(_seller_lines(document)), bold=False), pdf.space(),
             pdf.paragraph("\n".join(_facts(order, document, required))), pdf.space()]
    if not document.is_credit_note:
        story += [_items_table(order, document, language), pdf.space()]
    story += [_totals_table(document, language), pdf.space()]
    if required.payment_terms and not document.is_credit_note:
        story.append(pdf.paragraph(_("Payment terms: %(terms)s") % {"terms": payment_terms(order)}))
    return story


def _facts(order, document, required) -> list[str]:
    facts = [_("Date: %(date)s") % {"date": _date(document.issued_at)},
             _("Order: %(number)s") % {"number": order.number}]
    if document.is_credit_note and document.credited_invoice_id:
        facts.append(_("Credits invoice %(number)s (refund).")
                     % {"number": document.credited_invoice.display_number})
    elif document.is_credit_note:
        facts.append(_("Refund on this order."))
    buyer = buyer_name_of(order) if required.buyer_name else ""
    if buyer:
        facts.append(_("Client: %(name)s") % {"name": buyer})
    return facts


def _seller_lines(document) -> list[str]:
    seller = document.seller
    if seller is None:
        gst = getattr(settings, "COOPERATIVE_GST_NUMBER", "")
        qst = getattr(settings, "COOPERATIVE_QST_NUMBER", "")
        lines = [settings.OSCAR_SHOP_NAME]
    else:
        gst, qst = seller.gst_number, seller.qst_number
        address = seller.primary_address
        lines = [seller.name, *([address.summary] if address is not None else [])]
    if gst:
        lines.append(_("GST number: %(number)s") % {"number": gst})
    if qst:
        lines.append(_("QST number: %(number)s") % {"number": qst})
    return lines


def _seller_name(document) -> str:
    return document.seller.name if document.seller is not None else settings.OSCAR_SHOP_NAME


def _items_table(order, document, language):
    money = _money(language)
    lines = order.lines.filter(partner_id=document.seller_id).order_by("pk")
    rows = [[_("Item"), _("Quantity"), _("Amount before taxes")]]
    items_net = ZERO
    for line in lines:
        net = line.line_price_incl_tax - line.gst - line.qst
        items_net += net
        rows.append([line.description, str(line.quantity), money(net)])
    if document.net - items_net:  # the cooperative's delivery charge and surcharges
        rows.append([_("Delivery and other charges"), "", money(document.net - items_net)])
    return pdf.table(rows, widths=ITEM_WIDTHS, money_columns=(2,))


def _totals_table(document, language):
    money = _money(language)
    rows = [[_("Amount before taxes"), money(document.net)],
            [_("GST (5 %)"), money(document.gst)],
            [_("QST (9.975 %)"), money(document.qst)],
            [_("Total credited") if document.is_credit_note else _("Total"), money(document.total)]]
    return pdf.table(rows, widths=TOTAL_WIDTHS, header=False, money_columns=(1,), total_rows=1)


def payment_terms(order) -> str:
    """How the order is paid, in words."""
    terms = {
        "card": _("paid by card online when ordering."),
        "payment_link": _("payable through the payment link sent by text message."),
        "on_delivery": _("payable on delivery or at pick-up."),
        "invoice": _("payable on receipt of the monthly statement."),
    }
    return terms.get(order.payment_method, _("payable on receipt."))


def _money(language):
    return lambda amount: pdf.money(amount, language)


def _date(moment) -> str:
    return date_format(clock.local(moment), "j F Y")
