"""Serializer behaviour shared by every write endpoint."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictInputMixin:
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
