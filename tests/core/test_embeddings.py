"""The embedding model's interface (kbase.core.embeddings): chosen by a setting,
loaded once per process."""

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from kbase.core import embeddings


@pytest.fixture
def fresh_embedder():
    embeddings.embedder.cache_clear()
    yield
    embeddings.embedder.cache_clear()


def test_a_korean_claim_is_closer_to_its_english_fact_than_to_another(settings):
    model = embeddings.embedder()
    claim = model.query("중국은 매년 공대 졸업생 150만 명을 배출한다")
    facts = model.passages(["China produces 1.5 million engineering graduates every year.",
                            "Uber exited the Korean market."])
    assert facts.shape == (2, embeddings.EMBEDDING_DIMENSIONS)
    assert np.allclose(np.linalg.norm(facts, axis=1), 1.0, atol=1e-3)
    assert facts[0] @ claim > facts[1] @ claim + 0.05


def test_remembered_passages_are_the_models_and_the_oldest_are_forgotten():
    model = embeddings.embedder()
    remembered = embeddings.RememberedPassages(model, size=2)
    texts = ["한국은 세계 3대 AI 강국이 되는 것을 목표로 한다.", "Uber exited Korea.", "타다"]
    first = remembered.passages(texts[:2])
    assert np.array_equal(first, np.asarray(model.passages(texts[:2])))
    remembered.passages(texts[2:])
    assert list(remembered._vectors) == texts[1:]
    assert remembered.passages([]).shape == (0, embeddings.EMBEDDING_DIMENSIONS)


@pytest.mark.parametrize("choice", ["word2vec", "kbase.no_such_module:factory"])
def test_an_unknown_model_setting_is_refused_with_what_to_use(settings, fresh_embedder,
                                                              choice):
    settings.KBASE_EMBEDDING_MODEL = choice
    with pytest.raises(ImproperlyConfigured, match="KBASE_EMBEDDING_MODEL"):
        embeddings.embedder()


def test_a_model_of_another_size_is_refused(settings, fresh_embedder):
    settings.KBASE_EMBEDDING_MODEL = "tests.core.test_embeddings:wide_model"
    with pytest.raises(ImproperlyConfigured, match="768-dimensional"):
        embeddings.embedder()


class _Wide:
    name, dimensions = "wide", 768


def wide_model():
    return _Wide()
