"""Reads run as prepared statements (kbase.core.prepared) return what Django reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kbase.core.prepared import PreparedRows, prepared
from kbase.facts.models import Fact
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db


def test_a_prepared_read_returns_the_rows_and_timestamps_django_reads():
    FactFactory(published_at=timezone.now() - timedelta(days=3, microseconds=7))
    FactFactory()
    facts = Fact.objects.values("id", "created_at", "published_at").order_by("id")
    expected = list(facts)
    for _ in range(6):  # prepared from the fifth run on
        rows = list(prepared(facts))
        assert rows == expected
        # Equal instants are not enough: the same time zone, as the API writes it.
        assert [(str(row["created_at"]), str(row["published_at"])) for row in rows] == [
            (str(row["created_at"]), str(row["published_at"])) for row in expected]


def test_only_values_querysets_can_be_prepared():
    with pytest.raises(TypeError):
        prepared(Fact.objects.all())


def test_prepared_rows_are_read_a_page_at_a_time_as_a_paginator_slices():
    FactFactory.create_batch(5)
    facts = Fact.objects.values("id", "created_at").order_by("id")
    sql, params = facts.query.sql_with_params()
    rows = PreparedRows(sql, list(params), known_count=5, using="default")
    expected = list(facts)
    assert rows[0:2] + rows[2:4] + rows[4:10] == expected and len(rows) == 5
    assert rows[5:10] == [] and rows[3:3] == []
    with pytest.raises(TypeError):
        rows[0]
