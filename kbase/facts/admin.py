from django.contrib import admin

from .models import Citation, Discrepancy, DiscrepancyStatement, Entity, Fact, Topic


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["__str__", "text_ko", "status", "as_of", "updated_at"]
    list_filter = ["status", "topics"]
    search_fields = ["text_ko", "text_en"]
    autocomplete_fields = ["topics", "entities", "superseded_by"]
    readonly_fields = ["public_id", "version", "created_at", "updated_at", "created_by",
                       "updated_by", "published_at"]
    inlines = [CitationInline]


@admin.register(Topic, Entity)
class NamedAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_ko", "name_en"]
    search_fields = ["slug", "name_ko", "name_en"]


class StatementInline(admin.TabularInline):
    model = DiscrepancyStatement
    extra = 0


@admin.register(Discrepancy)
class DiscrepancyAdmin(admin.ModelAdmin):
    list_display = ["slug", "aspect", "fact"]
    list_filter = ["aspect"]
    inlines = [StatementInline]
