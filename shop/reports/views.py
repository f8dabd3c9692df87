"""The impact report page and its CSV files; the figures are ``selectors``' own."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from shop import access, clock

from . import charts, formats, impact
from .forms import ReportForm, preset_periods
from .selectors import Period


class ReportMixin:
    """A seller the user may not see is a 404 (who may open the pages: ``ReportsConfig``).

    Seller staff always see one of their sellers (the first by name unless
    they chose another); only coordinators see the whole cooperative.
    """

    @cached_property
    def allowed_sellers(self):
        return access.sellers_visible_to(self.request.user).order_by("name")

    @cached_property
    def form(self):
        coordinator = access.is_coordinator(self.request.user)
        data = self.request.GET.copy()
        chosen = data.get("seller", "")
        if chosen and not (chosen.isdigit() and self.allowed_sellers.filter(pk=chosen).exists()):
            raise Http404
        if not chosen and not coordinator:
            data["seller"] = str(self.allowed_sellers.first().pk)
        this_month = Period.this_month(clock.today())
        data.setdefault("date_from", this_month.first_day.isoformat())
        data.setdefault("date_to", this_month.last_day.isoformat())
        return ReportForm(data, sellers=self.allowed_sellers, whole_cooperative=coordinator)

    def period(self) -> Period:
        return Period(self.form.cleaned_data["date_from"], self.form.cleaned_data["date_to"])

    def scope(self):
        """``None`` for the whole cooperative, else the chosen seller (as a queryset)."""
        chosen = self.form.cleaned_data["seller"]
        return self.allowed_sellers.filter(pk=chosen) if chosen else None


class ImpactReportView(ReportMixin, TemplateView):
    template_name = "reports/impact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, presets=preset_periods(clock.today()))
        if self.form.is_valid():
            sellers = self.scope()
            tables = impact.impact_tables(sellers=sellers, period=self.period(),
                                          now=clock.now())
            context.update(
                period=self.period(), seller=sellers.first() if sellers is not None else None,
                tables=[{"table": table, "chart": charts.bar_chart(table)} for table in tables],
                query=self.form_query(),
            )
        return context

    def form_query(self) -> str:
        data = self.form.cleaned_data
        return urlencode({"date_from": data["date_from"].isoformat(),
                          "date_to": data["date_to"].isoformat(), "seller": data["seller"]})


class ImpactCsvView(ReportMixin, View):
    """One table of the report as a CSV file (``formats.table_csv``)."""

    def get(self, request, table):
        if not self.form.is_valid():
            raise Http404
        sellers = self.scope()
        builder = impact.TABLE_BUILDERS.get(table)
        if builder is None or (sellers is not None and table in impact.COOPERATIVE_ONLY):
            raise Http404
        built = builder(sellers=sellers, period=self.period(), now=clock.now())
        period = self.period()
        name = f"{table}-{period.first_day:%Y-%m-%d}-{period.last_day:%Y-%m-%d}.csv"
        response = HttpResponse(formats.table_csv(built), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
