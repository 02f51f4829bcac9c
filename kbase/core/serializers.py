"""Serializer behaviour shared by every write endpoint."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
UUID_PATTERN = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
_SLUG = re.compile(SLUG_PATTERN)

# StrictInputMixin is mixed into serializers: the type checker sees it as one.
if TYPE_CHECKING:
    _SerializerBase = serializers.Serializer
else:
    _SerializerBase = object


class StrictInputMixin(_SerializerBase):
    """Refuses unknown keys (a typo never passes silently) and drops the keys of
    the read representation (`ignored_keys`: ids, status, timestamps...), which a
    client may send back but never writes."""

    ignored_keys: frozenset[str] = frozenset()

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Send a JSON object.")]})
        unknown = sorted(set(data) - set(self.fields) - self.ignored_keys)
        if unknown:
            raise serializers.ValidationError(
                {str(name)[:100]: [_("Unknown field.")] for name in unknown[:20]})
        known = {key: value for key, value in data.items() if key in self.fields}
        return super().to_internal_value(known)


@extend_schema_field({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})
class SlugReferenceField(serializers.SlugRelatedField):
    """A related object named by its slug. A value that cannot be a slug is refused
    before any query (PostgreSQL itself refuses text holding NUL)."""

    default_error_messages = {
        "not_a_slug": _("“{value}” is not a slug: use letters, digits, hyphens and "
                        "underscores."),
    }

    def __init__(self, **kwargs: Any):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data: Any):
        if isinstance(data, str) and not _SLUG.fullmatch(data):
            self.fail("not_a_slug", value=data[:100].replace("\x00", "\\x00"))
        return super().to_internal_value(data)
