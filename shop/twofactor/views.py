"""The second step of a staff sign-in, setting it up, and the recovery codes.

Thin views: ``services`` checks and saves, ``access`` says who. The POSTs that
check a code are rate-limited in ``shop/urls.py``'s way (``shop.ratelimit``),
by address and by the user, on top of django-otp's own wait after a wrong code.
"""

import django_otp
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View

from . import qr, services
from .access import second_factor_mandatory, second_factor_offered
from .forms import CodeForm, SetupForm
from .selectors import has_second_factor, recovery_codes_left

PENDING_KEY = "twofactor_pending_key"
NEW_CODES = "twofactor_recovery_codes"


def next_url(request) -> str:
    """Where to go once done: the ``next`` asked for if it is ours, else the staff's home."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return wanted
    return reverse("dashboard:index") if second_factor_offered(request.user) else "/"


def with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url(request)})}"


def passed(request, device, *, then: str):
    """Mark the session as having passed the second step, under a new session key."""
    django_otp.login(request, device)
    request.session.cycle_key()
    return redirect(then)


@method_decorator(login_required, name="dispatch")
class VerifyView(View):
    template_name = "twofactor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not has_second_factor(request.user):
            if second_factor_mandatory(request.user):
                return redirect(with_next("twofactor:setup", request))
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        device = form.is_valid() and services.second_factor_verify(
            user=request.user, code=form.cleaned_data["code"])
        if device:
            return passed(request, device, then=next_url(request))
        if form.is_valid():
            form.add_error("code", _("This code does not work. Check it, wait for the next "
                                     "code in your app if needed, and try again."))
        return self.page(request, form)

    def page(self, request, form):
        return render(request, self.template_name, {"form": form, "next": next_url(request)})


@method_decorator(login_required, name="dispatch")
class SetupView(View):
    """Set up the app: the key as a QR code and as text, confirmed by the app's first code.

    Open with a password alone only to who has no app yet; changing the app
    (a new phone) needs a session that passed the second step.
    """

    template_name = "twofactor/setup.html"

    def dispatch(self, request, *args, **kwargs):
        if not second_factor_offered(request.user):
            raise PermissionDenied
        if has_second_factor(request.user) and not request.user.is_verified():
            return redirect(with_next("twofactor:verify", request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, SetupForm())

    def post(self, request):
        form = SetupForm(request.POST)
        key = request.session.get(PENDING_KEY)
        enrolment = key and form.is_valid() and services.totp_device_confirm(
            user=request.user, key=key, code=form.cleaned_data["code"])
        if enrolment:
            del request.session[PENDING_KEY]
            request.session[NEW_CODES] = enrolment.recovery_codes
            return passed(request, enrolment.device,
                          then=with_next("twofactor:recovery-codes", request))
        if form.is_valid():
            form.add_error("code", _("This code does not match. Check that you scanned the "
                                     "code on this page, then type the code the app shows now."))
        return self.page(request, form)

    def page(self, request, form):
        key = request.session.get(PENDING_KEY) or services.totp_key_new()
        request.session[PENDING_KEY] = key
        device = services.totp_device_draft(user=request.user, key=key)
        return render(request, self.template_name, {
            "form": form, "next": next_url(request), "secret": qr.secret_text(device),
            "qr_code": qr.qr_code_svg(
                device, title=_("QR code to scan with your authenticator app")),
        })


@method_decorator(login_required, name="dispatch")
class RecoveryCodesView(View):
    """The recovery codes, shown once right after they are made; making new ones."""

    template_name = "twofactor/recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if not (second_factor_offered(request.user) and request.user.is_verified()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        codes = request.session.pop(NEW_CODES, None)
        return render(request, self.template_name, {
            "codes": [f"{code[:4]}-{code[4:]}" for code in codes or ()],
            "left": recovery_codes_left(request.user), "next": next_url(request),
        })

    def post(self, request):
        request.session[NEW_CODES] = services.recovery_codes_renew(user=request.user)
        return redirect(with_next("twofactor:recovery-codes", request))


@method_decorator(login_required, name="dispatch")
class OverviewView(View):
    """A staff member's two-step sign-in: on or not, recovery codes left, what to do."""

    def get(self, request):
        if not second_factor_offered(request.user):
            raise PermissionDenied
        return render(request, "twofactor/overview.html", {
            "is_on": has_second_factor(request.user),
            "mandatory": second_factor_mandatory(request.user),
            "left": recovery_codes_left(request.user),
        })
