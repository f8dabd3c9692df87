from django.apps import apps
from django.urls import path

from . import views

app_name = "invoices"
urlpatterns = [
    path("compte/factures/<str:number>.pdf", views.AccountInvoicePdfView.as_view(),
         name="account-pdf"),
    path("comptabilite/factures/<str:number>.pdf", views.StaffInvoicePdfView.as_view(),
         name="staff-pdf"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("invoices").post_process_urls(urlpatterns)
