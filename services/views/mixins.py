"""Access to the staff pages, and the language of a printable page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property

from services import selectors

LANGUAGES = {"fr": "fr-ca", "fr-ca": "fr-ca", "en": "en"}


class ServiceStaffMixin(LoginRequiredMixin):
    """Coordinators and the meal service's staff; anyone else gets a 404.

    Objects are looked up among what ``selectors`` lets the user see, so
    another seller's staff get a 404 for every client, registration and route.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_use_services(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def programs(self):
        return selectors.programs_for(self.request.user)

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
