from django.contrib import admin

from .models import Counter, Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Issued documents are read, never edited: their number and content are frozen."""

    list_display = ["number", "title", "kind", "region", "issued_on"]
    list_filter = ["kind", "region", "year"]
    search_fields = ["number", "title", "addressee"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["region", "kind", "year", "last"]
    list_filter = ["region", "kind", "year"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
