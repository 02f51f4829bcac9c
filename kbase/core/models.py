from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class SearchDocument(models.Model):
    """What full-text search reads, one row per searchable object, kept beside it
    (not on it) so that rebuilding search touches neither history nor the rows
    lists read. `search_ko` holds analysed Korean tokens ('simple'), `search_en`
    English stems ('english'); both GIN-indexed by the concrete models."""

    search_ko = SearchVectorField(default="")
    search_en = SearchVectorField(default="")

    class Meta:
        abstract = True
