"""The public's privacy pages: what the cooperative keeps and why, and a person's own copy.

``PrivacyPageView`` is open to all (the footer of every page links to it);
``PersonExportView`` gives the signed-in person the archive of everything the
cooperative holds about them (``services.export``).
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views.generic import TemplateView, View

from shop.notifications.phones import national
from shop.people.services.export import person_export_archive
from shop.people.services.persons import person_of


def zip_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class PrivacyPageView(TemplateView):
    template_name = "people/privacy/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            officer_title=settings.PRIVACY_OFFICER_TITLE, officer_name=settings.PRIVACY_OFFICER_NAME,
            officer_email=settings.PRIVACY_OFFICER_EMAIL,
            officer_phone=settings.PRIVACY_OFFICER_PHONE,
            officer_phone_display=national(settings.PRIVACY_OFFICER_PHONE),
            health_notes_days=settings.HEALTH_NOTES_RETENTION_DAYS, **kwargs)


class PersonExportView(LoginRequiredMixin, View):
    """The signed-in person's data: a zip of JSON and CSV files."""

    def get(self, request):
        person = person_of(request.user)
        return zip_response(person_export_archive(person=person), "mes-donnees.zip")
