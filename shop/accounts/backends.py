"""The shop's one password backend: staff and clients sign in with email and password.

It replaces the pair Oscar suggests (its ``EmailBackend``, then Django's
``ModelBackend``), which told who has an account by how long a wrong password
took: Oscar's backend returned at once for an unknown email, and for a known one
both backends hashed the password, twice the work. Here every attempt runs the
password hasher exactly once, known account or not, as Django's ``ModelBackend``
does for an unknown username (#20760). Permissions are ``ModelBackend``'s.
"""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from oscar.apps.customer.utils import normalise_email


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        user_model = get_user_model()
        identifier = email if email is not None else username
        if identifier is None:
            identifier = kwargs.get(user_model.USERNAME_FIELD)
        if identifier is None or password is None:
            return None
        user = account_for(identifier)
        if user is None:
            user_model().set_password(password)  # the same hashing time as a known account
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(request, username, password, **kwargs)


def account_for(identifier: str):
    """The one account whose email is ``identifier``, compared without case; else None.

    Two accounts whose emails differ only in case are told apart by the exact
    spelling; with none exact, neither is chosen.
    """
    email = normalise_email(str(identifier))
    if "@" not in email:
        return None
    users = list(get_user_model()._default_manager.filter(email__iexact=email)[:10])
    exact = [user for user in users if user.email == email]
    if exact:
        return exact[0]
    return users[0] if len(users) == 1 else None
