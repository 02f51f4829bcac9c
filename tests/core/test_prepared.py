"""Reads run as prepared statements (kbase.core.prepared) return what Django reads."""

from datetime import timedelta

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.utils import timezone

from kbase.core.expressions import EqualsAny
from kbase.core.prepared import Param, RowsOfKeys, SQLTemplate, Statement, StatementPages
from kbase.facts.models import Fact
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db


def fact_rows(*, unpublished: bool, language):
    # A text value and a shape, as the facts list's rows have.
    facts = Fact.objects.all() if unpublished else Fact.objects.published()
    value = language if isinstance(language, Param) else Value(language)
    return facts.values("id", "created_at", "published_at",
                        label=Concat(value, "text_en", output_field=CharField()))


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
        pages = StatementPages(fact_rows, model=Fact, shape={"unpublished": unpublished},
                               values={"language": language}, using="default")
        at = None
        if position:
            expected = expected.filter(**position)
            at = next(iter(position.items()))
        for _ in range(6):  # prepared from the fifth run on
            rows = (pages.read(ordering=ordering, limit=2, position=at)
                    + pages.read(ordering=ordering, offset=2, limit=8, position=at))
            assert rows == list(expected) and rows
            # Equal instants are not enough: the same time zone, as the API writes it.
            assert [(str(row["created_at"]), str(row["published_at"])) for row in rows] == [
                (str(row["created_at"]), str(row["published_at"])) for row in expected]
    assert pages.read(ordering=ordering, offset=1, limit=0, position=at) == []
    assert pages.read(ordering=ordering, offset=1, limit=1, position=at) == list(expected)[1:2]


def test_statement_pages_take_a_timestamp_position():
    pages = StatementPages(fact_rows, model=Fact, shape={"unpublished": False},
                           values={"language": "en"}, using="default")
    with pytest.raises(TypeError):
        pages.read(ordering=("text_en",), limit=1, position=("text_en__gt", "a"))


def test_prepared_rows_of_keys_read_each_page_s_rows_only_in_the_keys_order():
    facts = FactFactory.create_batch(5)
    keys = [fact.pk for fact in reversed(facts)]
    rows_of = (Fact.objects.values("id").filter(EqualsAny("pk", Param(RowsOfKeys.KEYS)))
               .order_by("-id"))
    rows = RowsOfKeys(Statement.of(rows_of), {}, keys=keys, using="default")
    # The statement has no LIMIT: a page holds its own facts because it binds no other.
    pages = [rows[0:2], rows[2:4], rows[4:10]]
    assert [[row["id"] for row in page] for page in pages] == [keys[0:2], keys[2:4], keys[4:]]
    assert len(rows) == 5 and rows[5:10] == [] and rows[3:3] == []
    with pytest.raises(TypeError):
        rows[0]


def test_a_statement_binds_each_param_by_name_and_refuses_a_missing_one():
    fact = FactFactory(text_en="Thirty-eight experts.")
    statement = Statement.of(Fact.objects.filter(text_en=Param("text"), pk=fact.pk)
                             .values("id", label=SQLTemplate("{a} || {b} || {a}",
                                                             a=Param("a"), b="-")))
    # The value given where the ORM compiled a value: its own placeholder, no other.
    assert statement.sql.count("%s") == len(statement.params) == 5
    assert statement.rows({"text": "Thirty-eight experts.", "a": "x"}, using="default") == [
        {"id": fact.pk, "label": "x-x"}]
    assert statement.rows({"text": "Other", "a": "x"}, using="default") == []
    with pytest.raises(KeyError):
        statement.bind({"text": "Thirty-eight experts."})


def test_a_limited_statement_writes_its_limit_and_offset_in():
    statement = Statement.of(Fact.objects.values("id").order_by("id"))
    assert statement.limited(20).sql.endswith(" LIMIT 20")
    assert statement.limited(20, 40).sql.endswith(" LIMIT 20 OFFSET 40")
