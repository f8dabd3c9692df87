"""Dashboard user views for clients known only by a phone number.

The search also finds a user by phone number, and asking to email a password
reset to a user with no email says so instead of failing. Staff accounts are
managed by administrators only (``shop.accounts.selectors``): anyone else can
neither send a staff member a password reset nor change their status. Views not
redefined here are Oscar's, which ``get_class`` falls back to.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.users import views as oscar_views
from oscar.apps.dashboard.users.views import *  # noqa: F401,F403

from shop.accounts.selectors import may_manage_credentials

NO_EMAIL_FOR_RESET = _("This customer has no email address: no password reset email can be sent.")
STAFF_RESET_FOR_ADMINISTRATORS = _(
    "Only an administrator can send a password reset email to a staff member.")
STAFF_STATUS_FOR_ADMINISTRATORS = _(
    "Only an administrator can change the status of a staff member's account: "
    "those accounts were left as they were.")


class IndexView(oscar_views.IndexView):
    def apply_search_filters(self, queryset, data):
        queryset = super().apply_search_filters(queryset, data)
        if data["phone"]:
            queryset = queryset.filter(phone=data["phone"])
            self.desc_ctx["name_filter"] += _(" with phone number %s") % data["phone"]
        return queryset

    def _change_users_active_status(self, users, value):
        allowed = [user for user in users
                   if may_manage_credentials(manager=self.request.user, account=user)]
        if len(allowed) < len(users):
            messages.warning(self.request, STAFF_STATUS_FOR_ADMINISTRATORS)
        return super()._change_users_active_status(allowed, value)


class UserDetailView(oscar_views.UserDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_reset_password"] = may_manage_credentials(
            manager=self.request.user, account=self.object)
        return context


class PasswordResetView(oscar_views.PasswordResetView):
    def post(self, request, *args, **kwargs):
        user = self.get_object()
        if not may_manage_credentials(manager=request.user, account=user):
            messages.error(request, STAFF_RESET_FOR_ADMINISTRATORS)
            return redirect("dashboard:user-detail", pk=user.pk)
        if not user.email:
            messages.error(request, NO_EMAIL_FOR_RESET)
            return redirect("dashboard:user-detail", pk=user.pk)
        return super().post(request, *args, **kwargs)
