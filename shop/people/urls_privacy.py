"""The people app's privacy pages (included by urls.py, namespace "people")."""

from django.urls import path

from .views import privacy, staff_privacy

urlpatterns = [
    # The public's (PrivacyPageView open to all; the export asks for a login itself).
    path("confidentialite/", privacy.PrivacyPageView.as_view(), name="privacy"),
    path("compte/mes-donnees.zip", privacy.PersonExportView.as_view(), name="export"),
    # Coordinators' registers (Loi 25).
    path("personnes/<int:pk>/export.zip", staff_privacy.PersonExportStaffView.as_view(),
         name="staff-export"),
    path("vie-privee/demandes/", staff_privacy.PrivacyRequestListView.as_view(),
         name="privacy-requests"),
    path("vie-privee/demandes/nouvelle/", staff_privacy.PrivacyRequestCreateView.as_view(),
         name="privacy-request-create"),
    path("vie-privee/demandes/<int:pk>/", staff_privacy.PrivacyRequestDetailView.as_view(),
         name="privacy-request"),
    path("vie-privee/acces/", staff_privacy.AccessLogView.as_view(), name="staff-access-log"),
    path("vie-privee/incidents/", staff_privacy.IncidentListView.as_view(), name="incidents"),
    path("vie-privee/incidents/nouveau/", staff_privacy.IncidentCreateView.as_view(),
         name="incident-create"),
    path("vie-privee/incidents.csv", staff_privacy.IncidentCsvView.as_view(),
         name="incidents-csv"),
]
