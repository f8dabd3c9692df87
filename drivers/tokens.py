"""The token of a driver's link: the link's id signed with the site's secret key.

Nothing secret is stored: a token names one ``RouteLink`` and cannot be made
without the key. Whether the link still opens (expired, revoked) is the link's
own say (``drivers.selectors.link_for_token``).
"""

from django.core import signing

SALT = "drivers.route-link"


def token_for(link) -> str:
    return signing.Signer(salt=SALT).sign(str(link.pk))


def link_id_of(token: str) -> int | None:
    """The link id a token names, or None when the token was not made here."""
    try:
        return int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
