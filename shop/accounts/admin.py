"""Accounts in Django's admin: staff accounts are managed by administrators only.

Coordinators may change users (``accounts.change_user``), for clients. For
anyone but an administrator (superuser), the page of a user leaves out staff
status, administrator rights, groups and permissions, so a forged POST of them
changes nothing; another staff member's email and status are shown, not
editable; an administrator's account is shown, not editable, and no staff
account can be deleted. Setting a password here is the administrators' alone.
The rules are in ``shop.accounts.selectors``.
"""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import User
from .selectors import is_staff_account, may_edit_account, may_manage_credentials, may_manage_roles

ROLE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone", "first_name", "last_name")


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("__str__", "email", "phone", "is_staff", "date_joined")
    search_fields = ("email", "phone", "first_name", "last_name")
    list_filter = ("is_staff", "is_superuser", "is_active")
    ordering = ("-date_joined",)
    fieldsets = (
        (None, {"fields": ("email", "phone", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", *ROLE_FIELDS)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": (
            "email", "phone", "first_name", "last_name",
            "usable_password", "password1", "password2",
        )}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if may_manage_roles(request.user):
            return fieldsets
        hidden = {*ROLE_FIELDS, "password"}
        return [(name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
                for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not may_manage_credentials(manager=request.user, account=obj):
            readonly += ["email", "is_active"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_edit_account(manager=request.user, account=obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_manage_credentials(manager=request.user, account=obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """The bulk delete action too refuses staff accounts to non-administrators."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not may_manage_roles(request.user) and any(is_staff_account(user) for user in objs):
            perms_needed.add(self.opts.verbose_name)
        return deleted, counts, perms_needed, protected

    def user_change_password(self, request, id, form_url=""):
        if not may_manage_roles(request.user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
