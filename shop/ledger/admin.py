from django.contrib import admin

from .models import LedgerEntry


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """The ledger is read here, never written: rows come from payments and refunds."""

    list_display = ["created_at", "seller", "order", "kind", "amount", "reference"]
    list_filter = ["kind", "seller"]
    search_fields = ["order__number", "reference"]
    readonly_fields = [field.name for field in LedgerEntry._meta.fields]
    list_select_related = ["seller", "order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
