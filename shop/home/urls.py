from django.urls import path
from django.views.generic import TemplateView

from . import views

urlpatterns = [
    # Before Oscar's "home", which only redirects to the catalogue.
    path("", views.HomeView.as_view(), name="home"),
    # Search engines may read every public page, not the staff pages.
    path("robots.txt", TemplateView.as_view(template_name="home/robots.txt",
                                            content_type="text/plain"), name="robots-txt"),
]
