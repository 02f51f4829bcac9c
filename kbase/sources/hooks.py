"""What other apps do when sources change, registered by those apps (in their
AppConfig.ready): sources know nothing of what cites them."""

from __future__ import annotations

from collections.abc import Callable

SourcesChanged = Callable[..., object]

# Called as hook(source_ids=[...]) when what other apps' search documents hold of
# these sources (their language and titles) has changed.
_searchable_changed: dict[str, SourcesChanged] = {}


def on_searchable_change(hook: SourcesChanged) -> SourcesChanged:
    """Register `hook` (once, however often an app is made ready)."""
    _searchable_changed[f"{hook.__module__}.{hook.__qualname__}"] = hook
    return hook


def searchable_changed(*, source_ids: list[int]) -> None:
    for hook in _searchable_changed.values():
        hook(source_ids=source_ids)
