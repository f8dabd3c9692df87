"""No page for a session that needs a second step and has only a password.

Installed once, after django-otp's ``OTPMiddleware``: for a signed-in user for
whom ``second_factor_required`` holds and whose session is not verified, every
page answers with a redirect to the second step (or to setting it up) and
nothing else runs. The only pages left open are this app's own, signing out
and the language switch. A staff page added tomorrow, wherever it lives, is
covered without anyone thinking of it; so is every login form: whichever one
took the password, the next page asked for is the second step.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .access import second_factor_required
from .selectors import has_second_factor

OPEN_NAMESPACES = {"twofactor"}
OPEN_VIEWS = {"customer:logout", "admin:logout", "set_language"}


def is_open(path: str) -> bool:
    """Whether ``path`` serves a session that has not passed the second step."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(OPEN_NAMESPACES & set(match.namespaces)) or match.view_name in OPEN_VIEWS


def second_step_url(user, next_url: str) -> str:
    name = "twofactor:verify" if has_second_factor(user) else "twofactor:setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not user.is_verified()
                and second_factor_required(user) and not is_open(request.path_info)):
            next_url = request.get_full_path() if request.method == "GET" else request.path
            return redirect(second_step_url(user, next_url))
        return self.get_response(request)
