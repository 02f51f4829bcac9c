"""Import and export of facts as CSV or XLSX (django-import-export), for the admin.

Imports are previewed first (a dry run in a transaction that is rolled back),
report errors per row, and write nothing if any row fails. Every row is written
through the fact services, so it is validated, normalised, indexed for search
and recorded in the history like any other edit."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from . import services
from .exports import neutralise, unneutralise
from .models import Entity, Fact, Topic
from .services import FACT_FIELDS

IMPORT_REASON = "imported from a spreadsheet"


def _slugs(model, raw: str, column: str) -> list:
    slugs = [slug.strip() for slug in (raw or "").split(",") if slug.strip()]
    found = {thing.slug: thing for thing in model.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ValidationError({column: _("Unknown %(column)s: %(slugs)s") % {
            "column": column, "slugs": ", ".join(missing)}})
    return [found[slug] for slug in slugs]


class FactResource(resources.ModelResource):
    id = fields.Field(attribute="public_id", column_name="id")
    topics = fields.Field(attribute="topics", column_name="topics",
                          widget=widgets.ManyToManyWidget(Topic, field="slug"))
    entities = fields.Field(attribute="entities", column_name="entities",
                            widget=widgets.ManyToManyWidget(Entity, field="slug"))

    class Meta:
        model = Fact
        import_id_fields = ["id"]
        fields = ["id", *sorted(FACT_FIELDS), "status", "topics", "entities"]
        export_order = ["id", "status", "text_ko", "text_en"]
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return neutralise(value) if isinstance(value, str) else value

    def before_import_row(self, row, **kwargs):
        # A cell kbase neutralised on export comes back as it was written.
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = unneutralise(value)

    def get_instance(self, instance_loader, row):
        raw = (row.get("id") or "").strip()
        if not raw:
            return None
        try:
            uuid.UUID(raw)
        except ValueError:
            raise ValidationError({"id": _("Not a fact id: %(value)s") % {"value": raw}}) \
                from None
        return super().get_instance(instance_loader, row)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute in {"public_id", "status"}:
            return  # ids are assigned by kbase, status changes through the workflow
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        values = {name: getattr(instance, name) for name in FACT_FIELDS}
        topics = _slugs(Topic, row.get("topics", ""), "topics")
        entities = _slugs(Entity, row.get("entities", ""), "entities")
        if is_create:
            saved = services.fact_create(user=kwargs.get("user"), reason=IMPORT_REASON,
                                         topics=topics, entities=entities, **values)
        else:
            saved = services.fact_update(fact=instance, user=kwargs.get("user"),
                                         reason=IMPORT_REASON, topics=topics,
                                         entities=entities, **values)
        instance.pk, instance.public_id = saved.pk, saved.public_id

    def save_m2m(self, instance, row, **kwargs):
        """Topics and entities were saved by the service, with the rest of the row."""
