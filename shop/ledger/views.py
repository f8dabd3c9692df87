"""The accounting export page and its two CSV files (who may open them: ``LedgerConfig``).

Each view reads the same form from the query string: the period (this month
when none is given) and a seller among those the user may see; a seller
the user may not see is a 404. The figures are ``accounting``'s own.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from shop import access
from shop.csv_export import csv_response, csv_writer

from . import accounting
from .forms import AccountingExportForm


class AccountingExportMixin:
    @cached_property
    def form(self):
        data = self.request.GET.copy()
        for name, value in AccountingExportForm.this_month().items():
            data.setdefault(name, value)
        form = AccountingExportForm(data, sellers=access.sellers_visible_to(self.request.user))
        if "seller" in form.errors:
            raise Http404
        return form

    def figures(self) -> dict:
        """The arguments of ``accounting``'s reads, from the valid form."""
        data = self.form.cleaned_data
        return {"user": self.request.user, "sellers": self.form.sellers(),
                "start": data["start"], "end": data["end"]}

    def query(self) -> str:
        data = self.form.cleaned_data
        seller = data["seller"].pk if data["seller"] else ""
        return urlencode({"start": data["start"].isoformat(), "end": data["end"].isoformat(),
                          "seller": seller})

    def csv_file(self, prefix, header, rows):
        data = self.form.cleaned_data
        name = "{}-{}-{}.csv".format(prefix, data["start"].isoformat(), data["end"].isoformat())
        response = csv_response(name)
        writer = csv_writer(response, bom=True)
        writer.writerow(header)
        writer.writerows(rows)
        return response


class AccountingExportView(AccountingExportMixin, TemplateView):
    """The period's GST/QST figures per seller, the journal's size, the two downloads."""

    http_method_names = ["get"]
    template_name = "ledger/accounting_export.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        if self.form.is_valid():
            entries = accounting.journal_entries(**self.figures())
            ctx.update(returns=accounting.tax_returns(**self.figures()), query=self.query(),
                       entry_count=len(entries),
                       debits=sum((entry.debits for entry in entries), accounting.ZERO),
                       credits=sum((entry.credits for entry in entries), accounting.ZERO),
                       accounts=accounting.ACCOUNTS, journal_header=accounting.JOURNAL_HEADER)
        return ctx


class JournalCsvView(AccountingExportMixin, View):
    """The general journal, one CSV row per debit or credit (``accounting.JOURNAL_HEADER``)."""

    http_method_names = ["get"]

    def get(self, request):
        if not self.form.is_valid():
            return HttpResponseBadRequest(_("Choose a valid period."), content_type="text/plain")
        entries = accounting.journal_entries(**self.figures())
        return self.csv_file("journal", accounting.JOURNAL_HEADER,
                             accounting.journal_csv_rows(entries))


class TaxReturnCsvView(AccountingExportMixin, View):
    """The GST/QST return figures, one CSV row per seller (``accounting.TAX_HEADER``)."""

    http_method_names = ["get"]

    def get(self, request):
        if not self.form.is_valid():
            return HttpResponseBadRequest(_("Choose a valid period."), content_type="text/plain")
        returns = accounting.tax_returns(**self.figures())
        return self.csv_file("tps-tvq", accounting.TAX_HEADER, accounting.tax_csv_rows(returns))
