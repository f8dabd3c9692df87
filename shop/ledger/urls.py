"""The accounting export, for staff under /comptabilite/ (who may: ``LedgerConfig``)."""

from django.apps import apps
from django.urls import path

from . import views

app_name = "ledger"
urlpatterns = [
    path("comptabilite/export/", views.AccountingExportView.as_view(), name="accounting-export"),
    path("comptabilite/export/journal.csv", views.JournalCsvView.as_view(),
         name="accounting-journal-csv"),
    path("comptabilite/export/tps-tvq.csv", views.TaxReturnCsvView.as_view(),
         name="accounting-taxes-csv"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("ledger").post_process_urls(urlpatterns)
