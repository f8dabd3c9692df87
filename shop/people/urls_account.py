"""The people app's account pages (included by urls.py, namespace "people")."""

from django.urls import path

from .views import account

urlpatterns = [
    # The person's own page ("Mon compte"); each view asks for a login itself.
    path("compte/", account.AccountView.as_view(), name="account"),
    path("compte/consentements/", account.AccountConsentsView.as_view(),
         name="account-consents"),
    path("compte/coordonnees/", account.AccountContactView.as_view(), name="account-contact"),
    path("compte/repas/<int:pk>/sauter/", account.AccountDeliverySkipView.as_view(),
         name="account-delivery-skip"),
    path("compte/inscriptions/<int:pk>/pause/", account.AccountRegistrationPauseView.as_view(),
         name="account-registration-pause"),
    # Staff: find a person, and see their page as they see it.
    path("personnes/", account.StaffPersonListView.as_view(), name="staff-people"),
    path("personnes/<int:pk>/", account.StaffPersonDetailView.as_view(), name="staff-person"),
    path("personnes/<int:pk>/consentements/", account.StaffPersonConsentView.as_view(),
         name="staff-person-consents"),
]
