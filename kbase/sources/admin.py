from django.contrib import admin

from .models import Publisher, Source, Work


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_ko", "name_en", "kind", "country"]
    search_fields = ["slug", "name_ko", "name_en"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "kind", "language", "published_on"]
    list_filter = ["language", "kind", "publisher"]
    search_fields = ["slug", "title_ko", "title_en", "normalized_url"]
    readonly_fields = ["normalized_url"]


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    search_fields = ["slug"]
