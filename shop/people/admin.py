"""People and their consent ledger in Django's admin; the ledger is read-only there."""

from django.contrib import admin

from .models import Consent, Person, PersonAddress


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    fields = ("created_at", "purpose", "channel", "action", "method", "given_by", "recorded_by",
              "wording", "source", "expires_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AddressInline(admin.TabularInline):
    model = PersonAddress
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("__str__", "phone", "email", "language", "user")
    search_fields = ("first_name", "last_name", "phone", "email")
    list_filter = ("language",)
    raw_id_fields = ("user",)
    inlines = [AddressInline, ConsentInline]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Every consent given, implied or withdrawn: never rewritten nor deleted (CASL)."""

    list_display = ("created_at", "person", "purpose", "channel", "action", "method",
                    "recorded_by", "expires_at")
    list_filter = ("purpose", "channel", "action", "method")
    search_fields = ("person__first_name", "person__last_name", "person__phone", "source")
    list_select_related = ("person", "recorded_by")

    def has_add_permission(self, request):
        return False  # consents are recorded by the services that hear them

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
