"""Access to the staff pages, and the language of a printable page."""

from django.utils import translation
from django.utils.functional import cached_property

from shop import access

LANGUAGES = {"fr": "fr-ca", "fr-ca": "fr-ca", "en": "en"}


class ServiceStaffMixin:
    """The programs the user works on (who may open the pages: ``ServicesConfig``).

    Objects are looked up among what ``selectors`` lets the user see, so
    another seller's staff get a 404 for every client, registration and route.
    """

    @cached_property
    def programs(self):
        return access.programs_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("programs", self.programs)
        return super().get_context_data(**kwargs)


class LanguageParamMixin:
    """``?lang=en`` or ``?lang=fr`` renders the page in that language (route sheets)."""

    def dispatch(self, request, *args, **kwargs):
        language = LANGUAGES.get(request.GET.get("lang", ""))
        if language is None:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response
