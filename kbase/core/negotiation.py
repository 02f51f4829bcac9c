"""Content negotiation (its own module: DRF imports it while defining its views)."""

from __future__ import annotations

from typing import ClassVar

from rest_framework.negotiation import DefaultContentNegotiation

# Accept headers and formats remembered, at most (past it, the memory starts again).
MAX_REMEMBERED = 512


class RememberedContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, remembered: which of a view's renderers an Accept header
    (and a `format`) chooses, and the media type, never change, and working them out
    again (parsing the header, matching it against every renderer) cost each fact
    page more than its ETag. A refusal (406, or 404 for an unknown format) is worked
    out again every time."""

    # Per process, shared by every view: a renderer's index in the view's list.
    _chosen: ClassVar[dict[tuple, tuple[int, str]]] = {}

    def select_renderer(self, request, renderers, format_suffix=None):
        override = self.settings.URL_FORMAT_OVERRIDE
        key = (request.META.get("HTTP_ACCEPT"), format_suffix,
               request.query_params.get(override) if override else None,
               tuple(type(renderer) for renderer in renderers))
        chosen = self._chosen.get(key)
        if chosen is None:
            renderer, media_type = super().select_renderer(request, renderers, format_suffix)
            chosen = (renderers.index(renderer), media_type)
            if len(self._chosen) >= MAX_REMEMBERED:
                self._chosen.clear()
            self._chosen[key] = chosen
        index, media_type = chosen
        return renderers[index], media_type
