from django.contrib import admin

from audit.admin_mixins import ReadOnlyAdmin

from .models import Counter, Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Issued documents are read, never edited: their number and content are frozen."""

    list_display = ["number", "title", "kind", "region", "issued_on"]
    list_filter = ["kind", "region", "year"]
    search_fields = ["number", "title", "addressee"]


@admin.register(Counter)
class CounterAdmin(ReadOnlyAdmin):
    list_display = ["region", "kind", "year", "last"]
    list_filter = ["region", "kind", "year"]
