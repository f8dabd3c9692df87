"""Invoices in the admin: to read only (they are append-only)."""

from django.contrib import admin

from .models import Invoice, InvoiceSequence


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ("display_number", "kind", "seller", "order", "issued_at", "total")
    list_filter = ("kind", "seller")
    search_fields = ("display_number", "order__number")


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "seller", "last_number")
