"""The API's JSON renderer (orjson) writes what DRF's own renderer writes."""

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import orjson
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from kbase.core.renderers import KbaseJSONRenderer


def test_it_writes_what_drf_writes():
    data = {"when": datetime(2025, 7, 10, 4, 30, 5, 120000, tzinfo=UTC),
            "day": date(2025, 7, 10), "id": uuid.UUID(int=38), 7: "a key that is a number",
            "label": gettext_lazy("Edit summary"), "amount": Decimal("1.5"),
            "text": "E-7-S 비자로 체류 중인 전문가는 38명뿐"}
    assert json.loads(KbaseJSONRenderer().render(data)) == json.loads(
        JSONRenderer().render(data))


def test_it_embeds_json_built_elsewhere_as_it_is():
    built = b'{"quote": "\\uc804\\ubb38\\uac00"}'
    rendered = KbaseJSONRenderer().render({"citations": [orjson.Fragment(built)]})
    assert built in rendered
    assert json.loads(rendered) == {"citations": [{"quote": "전문가"}]}
