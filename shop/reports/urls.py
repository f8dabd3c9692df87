from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("impact/", views.ImpactReportView.as_view(), name="impact"),
    path("impact/<slug:table>.csv", views.ImpactCsvView.as_view(), name="impact-csv"),
]
