"""Statement pages: the staff's (under /comptabilite/) and a client's own (under /compte/)."""

from django.apps import apps
from django.urls import path, re_path

from . import views

MONTH = r"(?P<year>\d{4})-(?P<month>\d{2})"

app_name = "statements"
urlpatterns = [
    path("comptabilite/releves/", views.StaffStatementListView.as_view(), name="staff-statements"),
    re_path(rf"^comptabilite/releves/{MONTH}\.pdf$", views.StaffMonthPdfView.as_view(),
            name="staff-month-pdf"),
    re_path(rf"^comptabilite/releves/{MONTH}/(?P<pk>\d+)\.pdf$",
            views.StaffStatementPdfView.as_view(), name="staff-statement-pdf"),
    re_path(rf"^compte/releves/{MONTH}\.pdf$", views.AccountStatementPdfView.as_view(),
            name="account-statement-pdf"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("statements").post_process_urls(urlpatterns)
