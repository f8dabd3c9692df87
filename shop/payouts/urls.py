from django.apps import apps
from django.urls import path

from . import views

app_name = "payouts"
urlpatterns = [
    path("comptabilite/virements/", views.TransferListView.as_view(), name="transfers"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("payouts").post_process_urls(urlpatterns)
