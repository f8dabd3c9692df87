"""Sellers' staff in the dashboard: accounts and roles stay the administrators'.

A coordinator creates seller staff with limited dashboard access only (never
staff status), and changes an existing staff member's name only: not their
password nor their role. Nor can they link an administrator's account to a
seller, or unlink it, or change it in any way, which Oscar's pages let anyone
with ``accounts.change_user`` do. Views not redefined here are Oscar's
(``get_class`` falls back).

Each seller's public page (``seller-detail``) is written by its own staff:
they edit only the sellers they serve, coordinators every seller
(``shop.access.sellers_visible_to``).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.dashboard.partners import views as oscar_views
from oscar.apps.dashboard.partners.views import *  # noqa: F401,F403

from shop.access import sellers_visible_to
from shop.accounts.selectors import may_edit_account, may_manage_credentials, may_manage_roles

from .forms import SellerPageForm, StaffNameForm

User = get_user_model()


def editable_user_or_403(request, user_pk):
    user = get_object_or_404(User, pk=user_pk)
    if not may_edit_account(manager=request.user, account=user):
        raise PermissionDenied
    return user


class PartnerUserCreateView(oscar_views.PartnerUserCreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not may_manage_roles(self.request.user):
            form.fields["role"].choices = [
                (value, label) for value, label in form.fields["role"].choices if value == "limited"
            ]
        return form


class PartnerUserUpdateView(oscar_views.PartnerUserUpdateView):
    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if not may_edit_account(manager=self.request.user, account=user):
            raise PermissionDenied
        return user

    def get_form_class(self):
        if may_manage_credentials(manager=self.request.user, account=self.object):
            return super().get_form_class()
        return StaffNameForm


class PartnerUserLinkView(oscar_views.PartnerUserLinkView):
    def post(self, request, user_pk, partner_pk):
        editable_user_or_403(request, user_pk)
        return super().post(request, user_pk, partner_pk)


class PartnerUserUnlinkView(oscar_views.PartnerUserUnlinkView):
    def post(self, request, user_pk, partner_pk):
        editable_user_or_403(request, user_pk)
        return super().post(request, user_pk, partner_pk)


class SellerPageListView(generic.ListView):
    """The sellers whose public page the user may edit (the menu's entry: it opens to them)."""

    template_name = "oscar/dashboard/partners/seller_page_list.html"
    context_object_name = "sellers"

    def get_queryset(self):
        return sellers_visible_to(self.request.user).order_by("name")


class SellerPageUpdateView(generic.UpdateView):
    """A seller's public page: description, opening hours, how to reach it."""

    template_name = "oscar/dashboard/partners/seller_page_form.html"
    form_class = SellerPageForm
    context_object_name = "seller"

    def get_queryset(self):
        return sellers_visible_to(self.request.user)

    def form_valid(self, form):
        messages.success(self.request, _("The public page of %(name)s is saved.")
                         % {"name": self.object.name})
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("dashboard:seller-page-update", kwargs={"pk": self.object.pk})
