"""Our apps' staff pages, declared once as Oscar declares its dashboard's.

An app whose config is a ``StaffPagesConfig`` names, in ``permissions_map``,
the policy function (``shop.access``) that decides who may open each of its
URL names, or ``access.PUBLIC`` for a page anyone may open; every other URL
name follows ``default_access_fn``, so a new page is closed until someone
says who it is for. Its ``urls.py`` passes its patterns through the config's
``post_process_urls`` (Oscar's), which wraps each view in that check; the
dashboard menu asks the same check (``shop.access.menu_access``).

A visitor who is not signed in goes to the login page; a signed-in user the
policy refuses gets 403, or 404 where the app hides that its pages exist
(``refusal = Http404``). Objects are then looked up among what the policy
lets the user see, so another seller's objects are 404.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from oscar.core.application import OscarDashboardConfig

from shop import access


def page_guard(access_fn, *, login_url, refusal=PermissionDenied):
    """A view decorator: sign in first, then ``access_fn(user)`` must hold."""
    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login  # imports models

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), str(login_url))
            if not access_fn(request.user):
                raise refusal
            return view(request, *args, **kwargs)
        return guarded
    return decorator


class StaffPagesConfig(OscarDashboardConfig):
    """``permissions_map``: URL name -> policy function or ``access.PUBLIC``."""

    permissions_map = {}
    default_access_fn = staticmethod(access.is_coordinator)
    refusal = PermissionDenied

    def get_permissions(self, url):
        view_name = url.split(":")[-1] if url else url
        return self.permissions_map.get(view_name, self.default_access_fn)

    def get_url_decorator(self, pattern):
        access_fn = self.get_permissions(pattern.name)
        if access_fn is access.PUBLIC:
            return None
        return page_guard(access_fn, login_url=self.login_url, refusal=self.refusal)

    def allows(self, user, url_name) -> bool:
        """Whether ``user`` may open the page named ``url_name`` (the menu asks this)."""
        access_fn = self.get_permissions(url_name)
        return access_fn is access.PUBLIC or bool(access_fn(user))
