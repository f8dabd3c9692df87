"""Dashboard user views for clients known only by a phone number.

The search also finds a user by phone number, and asking to email a password
reset to a user with no email says so instead of failing. Views not redefined
here are Oscar's, which ``get_class`` falls back to.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.users import views as oscar_views
from oscar.apps.dashboard.users.views import *  # noqa: F401,F403

NO_EMAIL_FOR_RESET = _("This customer has no email address: no password reset email can be sent.")


class IndexView(oscar_views.IndexView):
    def apply_search_filters(self, queryset, data):
        queryset = super().apply_search_filters(queryset, data)
        if data["phone"]:
            queryset = queryset.filter(phone=data["phone"])
            self.desc_ctx["name_filter"] += _(" with phone number %s") % data["phone"]
        return queryset


class PasswordResetView(oscar_views.PasswordResetView):
    def post(self, request, *args, **kwargs):
        user = self.get_object()
        if not user.email:
            messages.error(request, NO_EMAIL_FOR_RESET)
            return redirect("dashboard:user-detail", pk=user.pk)
        return super().post(request, *args, **kwargs)
