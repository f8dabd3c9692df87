"""Monthly statements as PDF: one client's, and the month's for mailing.

Each statement is in its client's language (French, or English), addressed
where a #10 window envelope shows it, with the cooperative's name, address and
phone number as return address (``shop.documents.pdf``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop import clock
from shop.documents import pdf
from shop.notifications.phones import national

from . import selectors

Partner = get_model("partner", "Partner")

LANGUAGE_CODES = {"fr": "fr-ca", "en": "en"}


def long_date(day: date, language: str) -> str:
    """``1er novembre 2026``, ``30 novembre 2026``; ``November 1, 2026`` in English."""
    with translation.override(LANGUAGE_CODES.get(language, "fr-ca")):
        if language == "en":
            return date_format(day, "F j, Y")
        number = "1er" if day.day == 1 else str(day.day)
        return f"{number} {date_format(day, 'F Y')}"


def month_name(month: date, language: str) -> str:
    with translation.override(LANGUAGE_CODES.get(language, "fr-ca")):
        return date_format(month, "F Y")


def return_address() -> list[str]:
    """The cooperative's name, the meal service's address when there is one, its phone."""
    from shop.partner.models import SellerKind

    lines = [settings.OSCAR_SHOP_NAME]
    seller = (Partner._default_manager.filter(kind=SellerKind.MEAL_SERVICE)
              .prefetch_related("addresses").order_by("pk").first())
    address = next(iter(seller.addresses.all()), None) if seller else None
    if address is not None:
        lines += [address.line1, f"{address.line4} {address.state}  {address.postcode}".strip()]
    lines.append(national(settings.SHOP_PHONE_NUMBER))
    return [line for line in lines if line]


def method_label(method: str) -> str:
    return {"cash": _("Cash"), "cheque": _("Cheque"), "debit": _("Debit card"),
            "card": _("Card")}.get(method, _("Payment"))


# --- One statement -----------------------------------------------------------------------


def statement_page(statement, *, sender: list[str]) -> pdf.Page:
    """The statement as one page of a PDF, in the client's language."""
    with translation.override(LANGUAGE_CODES.get(statement.language, "fr-ca")):
        return pdf.Page(story=_story(statement), address=statement.address,
                        return_address=sender)


def _story(statement) -> list:
    language = statement.language
    first, last = statement.month, statement.last_day
    story = [
        pdf.heading(_("Statement of account — %(month)s")
                    % {"month": month_name(first, language)}),
        pdf.paragraph(_("Client: %(name)s") % {"name": statement.name}),
        pdf.paragraph(_("Statement date: %(day)s") % {"day": long_date(last, language)}),
        pdf.space(8),
        _summary(statement),
        pdf.space(12),
    ]
    story += _orders(statement) + _payments(statement) + _refunds(statement)
    story += _prepaid(statement)
    story += [pdf.space(10), pdf.paragraph(_closing_words(statement), bold=True),
              pdf.paragraph(_("Questions? Call us at %(phone)s.")
                            % {"phone": national(settings.SHOP_PHONE_NUMBER)})]
    return story


def _summary(statement):
    language, money = statement.language, _money(statement.language)
    rows = [
        [_("Balance due on %(day)s") % {"day": long_date(statement.month, language)},
         money(statement.opening_due)],
        [_("Invoices of the month"), money(statement.charges)],
        [_("Payments received"), money(-statement.received)],
        [_("Balance due on %(day)s") % {"day": long_date(statement.last_day, language)},
         money(statement.closing_due)],
    ]
    return pdf.table(rows, header=False, widths=[300, 110], money_columns=(1,), total_rows=1)


def _orders(statement) -> list:
    if not statement.orders:
        return [pdf.paragraph(_("No invoice this month.")), pdf.space(8)]
    money, language = _money(statement.language), statement.language
    rows = [[_("Date"), _("Invoice (order number)"), _("Amount")]]
    rows += [[long_date(row.placed, language), row.number, money(row.total)]
             for row in statement.orders]
    return [pdf.heading(_("Invoices of the month"), size=12),
            pdf.table(rows, widths=[150, 150, 110], money_columns=(2,)), pdf.space(10)]


def _payments(statement) -> list:
    if not statement.payments:
        return [pdf.paragraph(_("No payment received this month.")), pdf.space(8)]
    money, language = _money(statement.language), statement.language
    rows = [[_("Date"), _("How"), _("Amount")]]
    rows += [[long_date(row.day, language), method_label(row.method), money(row.amount)]
             for row in statement.payments]
    return [pdf.heading(_("Payments received"), size=12),
            pdf.table(rows, widths=[150, 150, 110], money_columns=(2,)), pdf.space(10)]


def _refunds(statement) -> list:
    if not statement.refunds:
        return []
    money, language = _money(statement.language), statement.language
    rows = [[_("Date"), _("How"), _("Amount")]]
    rows += [[long_date(row.day, language), method_label(row.method), money(row.amount)]
             for row in statement.refunds]
    return [pdf.heading(_("Refunds"), size=12),
            pdf.paragraph(_("Money given back to you for what was not delivered. "
                            "It does not change what you owe.")),
            pdf.table(rows, widths=[150, 150, 110], money_columns=(2,)), pdf.space(10)]


def _prepaid(statement) -> list:
    if statement.prepaid_balance is None:
        return []
    if not statement.prepaid_movements and not statement.prepaid_balance:
        return []
    money, language = _money(statement.language), statement.language
    story = [pdf.heading(_("Prepaid balance"), size=12)]
    if statement.prepaid_movements:
        rows = [[_("Date"), _("What"), _("Amount")]]
        rows += [[long_date(clock.today(row.created_at), language), str(row.label),
                  money(row.amount)] for row in statement.prepaid_movements]
        story.append(pdf.table(rows, widths=[150, 150, 110], money_columns=(2,)))
    story.append(pdf.paragraph(
        _("Prepaid balance on %(day)s: %(amount)s")
        % {"day": long_date(statement.last_day, language),
           "amount": money(statement.prepaid_balance)}, bold=True))
    return story


def _closing_words(statement) -> str:
    money = _money(statement.language)
    if statement.closing_due > 0:
        return _("Amount to pay: %(amount)s. Thank you!") % {"amount": money(statement.closing_due)}
    if statement.closing_due < 0:
        return _("You have a credit of %(amount)s.") % {"amount": money(-statement.closing_due)}
    return _("Nothing to pay. Thank you!")


def _money(language):
    return lambda amount: pdf.money(amount, language)


# --- The PDFs ------------------------------------------------------------------------------


def statement_pdf(statement) -> bytes:
    """One client's statement."""
    title = _("Statement %(month)s — %(name)s") % {
        "month": statement.month.strftime("%Y-%m"), "name": statement.name}
    return pdf.render_pdf([statement_page(statement, sender=return_address())], title=title)


def month_statements_pdf(month: date, only_paper: bool = True, *, sellers=None,
                         progress=None) -> bytes:
    """Every statement of ``month``, each on a new sheet (only clients with no email by default).

    ``progress(done, total)`` is called after each statement, if given.
    """
    rows = (selectors.paper_clients if only_paper else selectors.invoice_clients)(
        month=month, sellers=sellers)
    sender = return_address()
    pages = []
    for done, row in enumerate(rows, start=1):
        statement = selectors.statement_for(person_or_client=row.person, month=month,
                                            sellers=sellers)
        pages.append(statement_page(statement, sender=sender))
        if progress:
            progress(done, len(rows))
    if not pages:
        pages = [pdf.Page(story=[pdf.paragraph(_("No statement this month."))])]
    title = _("Statements %(month)s") % {"month": selectors.month_start(month).strftime("%Y-%m")}
    return pdf.render_pdf(pages, title=title)
