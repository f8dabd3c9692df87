from django.contrib import admin

from .models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("__str__", "email", "phone", "is_staff", "date_joined")
    search_fields = ("email", "phone", "first_name", "last_name")
    list_filter = ("is_staff", "is_superuser", "is_active")
    exclude = ("password",)
