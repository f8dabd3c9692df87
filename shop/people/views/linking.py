"""Confirming a link: the account's owner types the code (or says "not me"), or staff confirm.

The owner's page (``people:link-confirm``) asks for a login itself and shows a
request only to the account it asks about (anyone else gets 404). The staff
action (``people:link-staff-confirm``) opens to whom ``PeopleConfig`` says.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from shop import access
from shop.people.models import LinkRequest, LinkStatus
from shop.people.selectors.persons import link_request_of_owner
from shop.people.services.linking import (
    MAX_ATTEMPTS,
    link_request_confirm,
    link_request_confirm_by_staff,
    link_request_refuse,
)


class LinkCodeForm(forms.Form):
    code = forms.RegexField(label=gettext_lazy("Code received"), regex=r"^\s*\d{6}\s*$",
                            max_length=12, error_messages={
                                "invalid": gettext_lazy("The code has 6 digits.")},
                            widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                          "autocomplete": "one-time-code"}))


class LinkConfirmView(LoginRequiredMixin, FormView):
    """The account's owner confirms with the code they received, or says it is not them."""

    template_name = "people/linking/confirm.html"
    form_class = LinkCodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.link_request = link_request_of_owner(user=request.user, pk=kwargs["pk"])
            if self.link_request is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        request = self.link_request
        return super().get_context_data(
            link_request=request, is_open=request.status == LinkStatus.PENDING,
            tries_left=max(MAX_ATTEMPTS - request.attempts, 0), **kwargs)

    def post(self, request, *args, **kwargs):
        if "not_me" in request.POST:
            return self._decide(lambda: link_request_refuse(
                link_request=self.link_request, user=request.user),
                _("Thank you: nothing was linked to your account."))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        return self._decide(lambda: link_request_confirm(
            link_request=self.link_request, user=self.request.user,
            code=form.cleaned_data["code"]),
            _("Confirmed: this record is now linked to your account."))

    def _decide(self, action, success):
        try:
            action()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("people:link-confirm", pk=self.link_request.pk)
        messages.success(self.request, success)
        return redirect("people:link-confirm", pk=self.link_request.pk)


class LinkStaffConfirmView(View):
    """Staff confirmed the link with the account's owner on the phone (POST)."""

    def post(self, request, pk):
        visible = access.people_visible_to(request.user)
        link_request = get_object_or_404(LinkRequest._default_manager.filter(person__in=visible),
                                         pk=pk)
        try:
            link_request_confirm_by_staff(link_request=link_request, staff=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Link confirmed: your name is recorded with it."))
        following = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(following, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            link_request.refresh_from_db()
            following = reverse("people:staff-person", args=[link_request.person_id])
        return HttpResponseRedirect(following)
