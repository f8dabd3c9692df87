"""Staff pages of the prepaid balance, under ``/soldes/`` (namespace "balance")."""

from django.apps import apps
from django.urls import path

from . import views

app_name = "balance"
urlpatterns = [
    path("soldes/", views.BalancePeopleView.as_view(), name="people"),
    path("soldes/<int:pk>/", views.BalancePersonView.as_view(), name="person"),
    path("soldes/<int:pk>/versement/", views.BalancePersonView.as_view(), name="credit"),
    path("soldes/commandes/<str:number>/rembourser/", views.BalanceOrderRefundView.as_view(),
         name="order-refund"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("balance").post_process_urls(urlpatterns)
