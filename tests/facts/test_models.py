"""Database constraints hold even when Python-side validation is bypassed."""

import pytest
from django.db import IntegrityError, transaction

from kbase.facts.models import Fact
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db


def assert_refused_by_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fact.objects.create(**fields)


def test_the_database_refuses_a_fact_with_no_text():
    assert_refused_by_database(text_ko="", text_en="")


def test_the_database_refuses_a_quantity_without_a_unit():
    assert_refused_by_database(text_en="x", quantity_value=38, quantity_qualifier="exact")


def test_the_database_refuses_superseded_without_a_replacement():
    assert_refused_by_database(text_en="x", status=Fact.Status.SUPERSEDED)


def test_the_database_refuses_a_period_that_ends_before_it_starts():
    assert_refused_by_database(text_en="x", period_start="2025-02-01", period_end="2025-01-01")


def test_the_database_refuses_a_precision_without_a_date():
    assert_refused_by_database(text_en="x", as_of_precision="year")


def test_the_database_refuses_a_fact_superseding_itself():
    fact = FactFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Fact.objects.filter(pk=fact.pk).update(status="superseded", superseded_by=fact)


def test_a_fact_with_one_language_is_accepted():
    fact = Fact.objects.create(text_ko="한국어만 있는 사실")
    assert fact.pk


@pytest.mark.django_db
def test_a_translation_older_than_its_counterpart_is_possibly_stale():
    from datetime import UTC, datetime, timedelta

    def stale(fact: Fact) -> list[str]:
        return Fact.objects.with_stale_languages().get(pk=fact.pk).stale_languages

    earlier = datetime(2025, 1, 1, tzinfo=UTC)
    fact = FactFactory(text_ko_changed_at=earlier, text_en_changed_at=earlier + timedelta(days=1))
    assert stale(fact) == ["ko"]
    Fact.objects.filter(pk=fact.pk).update(text_ko_reviewed_at=earlier + timedelta(days=2))
    assert stale(fact) == []
    # Confirmed before the other language changed again: stale again.
    Fact.objects.filter(pk=fact.pk).update(text_en_changed_at=earlier + timedelta(days=3))
    assert stale(fact) == ["ko"]
    # A missing text is missing, not stale; with no timestamps, nothing is stale.
    Fact.objects.filter(pk=fact.pk).update(text_ko="")
    assert stale(fact) == []
    unstamped = FactFactory(text_ko_changed_at=None, text_en_changed_at=None)
    assert stale(unstamped) == []
