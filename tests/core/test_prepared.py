"""Reads run as prepared statements (kbase.core.prepared) return what Django reads."""

from datetime import timedelta

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.utils import timezone

from kbase.core.expressions import EqualsAny, int_array
from kbase.core.prepared import PreparedPages, PreparedRowsOf
from kbase.facts.models import Fact
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db


def fact_rows(*, unpublished: bool, language: str):
    # A text value and a shape, as the facts list's rows have.
    facts = Fact.objects.all() if unpublished else Fact.objects.published()
    return facts.values("id", "created_at", "published_at",
                        label=Concat(Value(language), "text_en", output_field=CharField()))


def test_prepared_pages_are_the_rows_and_timestamps_django_reads():
    FactFactory(published_at=timezone.now() - timedelta(days=3, microseconds=7))
    FactFactory.create_batch(3)
    FactFactory(status=Fact.Status.DRAFT)
    middle = Fact.objects.order_by("created_at")[2].created_at
    for unpublished, language, ordering, position in [
            (False, "en", ("-created_at", "-id"), None),
            (True, "ko", ("created_at", "id"), {"created_at__gt": str(middle)}),
            (False, "ko", ("-created_at", "-id"), {"created_at__lt": str(middle)})]:
        expected = fact_rows(unpublished=unpublished, language=language).order_by(*ordering)
        pages = PreparedPages(fact_rows, model=Fact, shape={"unpublished": unpublished},
                              values={"language": language}).order_by(*ordering)
        if position:
            expected, pages = expected.filter(**position), pages.filter(**position)
        for _ in range(6):  # prepared from the fifth run on
            rows = pages[0:2] + pages[2:10]
            assert rows == list(expected) and rows
            # Equal instants are not enough: the same time zone, as the API writes it.
            assert [(str(row["created_at"]), str(row["published_at"])) for row in rows] == [
                (str(row["created_at"]), str(row["published_at"])) for row in expected]
    assert pages[1:1] == [] and pages[1:2] == list(expected)[1:2]


def test_prepared_pages_take_a_timestamp_position_and_bounded_slices():
    pages = PreparedPages(fact_rows, model=Fact, shape={"unpublished": False},
                          values={"language": "en"})
    with pytest.raises(TypeError):
        pages.filter(text_en__gt="a")
    with pytest.raises(TypeError):
        pages.filter(created_at__gt=timezone.now(), id__gt=1)
    with pytest.raises(TypeError):
        pages[0:]


def test_prepared_rows_of_keys_read_each_page_s_rows_only_in_the_keys_order():
    facts = FactFactory.create_batch(5)
    keys = [fact.pk for fact in reversed(facts)]
    rows_of = (Fact.objects.values("id").filter(EqualsAny("pk", [-1])).order_by("-id"))
    sql, params = rows_of.query.sql_with_params()
    rows = PreparedRowsOf(sql, list(params), keys=keys, stand_in=int_array([-1]),
                          using="default")
    # The statement has no LIMIT: a page holds its own facts because it binds no other.
    pages = [rows[0:2], rows[2:4], rows[4:10]]
    assert [[row["id"] for row in page] for page in pages] == [keys[0:2], keys[2:4], keys[4:]]
    assert len(rows) == 5 and rows[5:10] == [] and rows[3:3] == []
    with pytest.raises(TypeError):
        rows[0]
