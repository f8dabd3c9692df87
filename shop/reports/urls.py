from django.apps import apps
from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("impact/", views.ImpactReportView.as_view(), name="impact"),
    path("impact/<slug:table>.csv", views.ImpactCsvView.as_view(), name="impact-csv"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("reports").post_process_urls(urlpatterns)
