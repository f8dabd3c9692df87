"""Oscar's shop reports (orders, products, users, baskets, offers, vouchers), their
CSV files written by ``shop.csv_export``: a client or a product named like a
formula stays text in the spreadsheet. Every Oscar report formatter loads
``ReportCSVFormatter`` from here through ``get_class``."""

from django.conf import settings
from oscar.apps.dashboard.reports import reports as oscar_reports
from oscar.apps.dashboard.reports.reports import *  # noqa: F401,F403

from shop.csv_export import csv_writer


class ReportCSVFormatter(oscar_reports.ReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return csv_writer(file_handle, bom=getattr(settings, "OSCAR_CSV_INCLUDE_BOM", False),
                          **kwargs)
