import hashlib

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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


class ApiToken(models.Model):
    """An API key of one user, stored as the SHA-256 digest of the key, never the key.

    A key is `kb_` and 64 hex digits (256 random bits); its first PREFIX_LENGTH
    characters are kept in clear as `prefix`, shown in lists so a leaked key can be
    matched to its row, and looked up (unique index) before the digest is compared.
    Keys carried over from DRF's authtoken table (40 hex digits) follow the same rule.
    """

    PREFIX_LENGTH = 12

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, e.g. the client that uses it."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True,
                              editable=False)
    digest = models.CharField(_("digest"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True,
                                      help_text=_("Empty: the token never expires."))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True,
                                        editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def clean(self) -> None:
        if self._state.adding and self.expires_at is not None \
                and self.expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("An expiry must be in the future.")})

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def prefix_of(cls, key: str) -> str:
        return key[:cls.PREFIX_LENGTH]
