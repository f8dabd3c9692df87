"""Inventory pages: stock levels, one stock record's history, low-stock alerts, CSV, import.

Like the desk, each page is limited to the sellers the user manages; a stock
record of another seller answers 404.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from shop import clock
from shop.csv_export import csv_response, csv_writer
from shop.partner.models import SellerKind
from shop.rentals import selectors
from shop.rentals.forms import BookImportForm, StockAdjustmentForm, ThresholdForm
from shop.rentals.services.book_import import books_import
from shop.rentals.services.inventory import stock_adjust, stock_threshold_set
from shop.rentals.views import DeskMixin


def default_threshold():
    return getattr(settings, "RENTALS_LOW_STOCK_DEFAULT", 0)


class InventoryMixin(DeskMixin):
    def levels(self):
        return selectors.stock_levels(sellers=self.sellers,
                                      default_threshold=default_threshold())


class StockLevelListView(InventoryMixin, TemplateView):
    template_name = "rentals/inventory/stock_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        levels = self.levels()
        query = self.request.GET.get("q", "").strip()
        if query:
            levels = levels.filter(Q(product__title__icontains=query)
                                   | Q(partner_sku__icontains=query))
        context.update(records=levels[:500], query=query)
        return context


class LowStockListView(InventoryMixin, TemplateView):
    template_name = "rentals/inventory/low_stock.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = selectors.low_stock(sellers=self.sellers,
                                                 default_threshold=default_threshold())
        return context


class StockRecordView(InventoryMixin, TemplateView):
    """One product's stock: adjust it with a reason, set its threshold, see its history."""

    template_name = "rentals/inventory/stock_detail.html"

    def get_record(self):
        return get_object_or_404(self.levels(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_record()
        context.update(
            record=record,
            adjustments=record.adjustments.select_related("created_by")[:100],
            adjust_form=kwargs.get("adjust_form") or StockAdjustmentForm(),
            threshold_form=kwargs.get("threshold_form") or ThresholdForm(
                initial={"low_stock_threshold": record.low_stock_threshold}),
        )
        return context

    def post(self, request, pk):
        record = self.get_record()
        if request.POST.get("action") == "threshold":
            form = ThresholdForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(threshold_form=form))
            stock_threshold_set(stockrecord=record,
                                threshold=form.cleaned_data["low_stock_threshold"])
            messages.success(request, _("Threshold saved."))
            return redirect("rentals:stock-record", pk=record.pk)
        form = StockAdjustmentForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(adjust_form=form))
        try:
            stock_adjust(stockrecord=record, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            self.error_messages(error)
        else:
            messages.success(request, _("Stock adjusted."))
        return redirect("rentals:stock-record", pk=record.pk)


class StockCsvView(InventoryMixin, View):
    """The stock levels of the user's sellers as a CSV file (UTF-8 with BOM, for Excel)."""

    HEADER = ("seller", "sku", "upc", "title", "in_stock", "allocated", "available",
              "low_stock_threshold", "low")

    def get(self, request):
        response = csv_response(f"stock-{clock.today().isoformat()}.csv")
        writer = csv_writer(response, bom=True)
        writer.writerow(self.HEADER)
        for record in self.levels().iterator(chunk_size=2000):
            writer.writerow([
                record.partner.name, record.partner_sku, record.product.upc,
                record.product.get_title(), record.num_in_stock, record.num_allocated or 0,
                record.available, record.threshold,
                "yes" if record.available <= record.threshold else "no",
            ])
        return response


class BookImportView(InventoryMixin, TemplateView):
    """Upload a bookshop's CSV; the report lists rejected rows by line number."""

    template_name = "rentals/inventory/book_import.html"

    def bookshops(self):
        return self.sellers.filter(kind=SellerKind.BOOKSHOP).order_by("name")

    def chosen_bookshop(self, chosen: str):
        """The bookshop named (one of the user's, else 404), or the user's first one."""
        if not chosen:
            return self.bookshops().first()
        if not chosen.isdigit():
            raise Http404
        return get_object_or_404(self.bookshops(), pk=chosen)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BookImportForm())
        context["bookshops"] = self.bookshops()
        return context

    def post(self, request):
        form = BookImportForm(request.POST, request.FILES)
        seller = self.chosen_bookshop(request.POST.get("seller", ""))
        if not form.is_valid() or seller is None:
            if seller is None:
                messages.error(request, _("None of your sellers is a bookshop."))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            report = books_import(seller=seller, text=text, by=request.user)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not in UTF-8: save it as “CSV UTF-8” and try "
                                      "again. Nothing was imported."))
            return self.render_to_response(self.get_context_data(form=form))
        except ValueError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(self.get_context_data(form=BookImportForm(),
                                                             report=report, seller=seller))
