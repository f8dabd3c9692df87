"""The people app's linking pages (included by urls.py, namespace "people")."""

from django.urls import path

from .views import linking

urlpatterns = [
    # The account's owner confirms with the code (the view asks for a login itself).
    path("compte/lien/<int:pk>/", linking.LinkConfirmView.as_view(), name="link-confirm"),
    # Staff confirmed it with the owner on the phone (POST).
    path("personnes/lien/<int:pk>/confirmer/", linking.LinkStaffConfirmView.as_view(),
         name="link-staff-confirm"),
]
