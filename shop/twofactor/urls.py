from django.urls import path

from shop.ratelimit import second_factor_limited

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("code/", second_factor_limited(views.VerifyView.as_view()), name="verify"),
    path("setup/", second_factor_limited(views.SetupView.as_view()), name="setup"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery-codes"),
]
