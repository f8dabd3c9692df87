"""Health checks for machines (load balancers, container health checks, monitoring)."""

from django.urls import path

from . import views

app_name = "health"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
