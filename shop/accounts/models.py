"""The user model: a client may be known by a phone number alone.

Staff log in with their email and password (Oscar's email backend); a client
reached only by phone has ``email = None`` and an E.164 phone number.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser
from oscar.apps.customer.abstract_models import UserManager as OscarUserManager
from phonenumber_field.modelfields import PhoneNumberField


class UserManager(OscarUserManager):
    def create_user(self, email=None, password=None, *, phone=None, **extra_fields):
        """Create a user known by an email, a phone number, or both."""
        if not email and not phone:
            raise ValueError(_("A user needs an email address or a phone number."))
        user = self.model(
            email=self.normalize_email(email) if email else None,
            phone=phone or None,
            **extra_fields,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = PhoneNumberField(
        _("phone number"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("In any usual form; stored as +15145550123."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
        ]

    def __str__(self):
        return self.email or self.get_full_name() or str(self.phone or "")

    def clean(self):
        super().clean()
        self.email = self.email or None
        self.phone = self.phone or None

    def save(self, *args, **kwargs):
        # An empty email must stay NULL: Oscar moves product alerts stored with
        # email="" to the user being saved (customer/abstract_models.py).
        self.email = self.email or None
        self.phone = self.phone or None
        super().save(*args, **kwargs)

    def _migrate_alerts_to_user(self):
        if self.email:
            super()._migrate_alerts_to_user()

    def get_full_name(self):
        full_name = super().get_full_name()
        return full_name or str(self.phone or self.email or "")

    @property
    def has_email(self):
        return bool(self.email)
