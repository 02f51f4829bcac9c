import unicodedata

import pytest
from django.core.exceptions import ValidationError

from kbase.core.exceptions import InvalidTransition, ServiceError, StaleVersion
from kbase.facts import services
from kbase.facts.models import Fact
from tests.factories import CitationFactory, FactFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

HANGUL_NFD = unicodedata.normalize("NFD", "전문가는 38명뿐")


def test_it_stores_korean_text_as_nfc():
    fact = services.fact_create(text_ko=HANGUL_NFD)
    fact.refresh_from_db()
    assert fact.text_ko == "전문가는 38명뿐"
    assert unicodedata.is_normalized("NFC", fact.text_ko)


def test_it_refuses_a_nul_character_naming_the_field():
    with pytest.raises(ValidationError) as error:
        services.fact_create(text_en="38 experts\x00")
    assert "text_en" in error.value.message_dict
    assert "U+0000" in error.value.message_dict["text_en"][0]
    assert not Fact.objects.exists()


def test_it_refuses_text_over_the_length_limit():
    with pytest.raises(ValidationError) as error:
        services.fact_create(text_en="x" * 5001)
    assert "text_en" in error.value.message_dict


def test_it_refuses_an_absurd_quantity():
    with pytest.raises(ValidationError) as error:
        services.fact_create(text_en="x", quantity_value=10**17, quantity_unit="persons",
                             quantity_qualifier="exact")
    assert "quantity_value" in error.value.message_dict


def test_it_keeps_newlines_but_refuses_other_control_characters():
    fact = services.fact_create(text_en="line one\nline two")
    assert fact.text_en == "line one\nline two"
    with pytest.raises(ValidationError):
        services.fact_create(text_en="bell\x07")


def test_it_bumps_the_version_and_refuses_a_stale_one():
    fact = services.fact_create(text_en="v1")
    fact = services.fact_update(fact=fact, expected_version=1, text_en="v2")
    assert fact.version == 2
    with pytest.raises(StaleVersion):
        services.fact_update(fact=fact, expected_version=1, text_en="v3")
    fact.refresh_from_db()
    assert fact.text_en == "v2"


def test_it_stamps_only_the_language_that_changed():
    fact = services.fact_create(text_ko="한국어", text_en="English")
    ko_changed = fact.text_ko_changed_at
    fact = services.fact_update(fact=fact, text_en="English, edited")
    assert fact.text_ko_changed_at == ko_changed
    assert fact.text_en_changed_at > ko_changed
    stale = Fact.objects.with_stale_languages().values_list("stale_languages", flat=True)
    assert stale.get(pk=fact.pk) == ["ko"]
    fact = services.fact_confirm_translation(fact=fact, language="ko")
    assert stale.get(pk=fact.pk) == []


def test_publishing_needs_a_citation_and_a_reason():
    fact = services.fact_create(text_en="38 experts")
    with pytest.raises(InvalidTransition):
        services.fact_publish(fact=fact, reason="checked")
    CitationFactory(fact=fact)
    with pytest.raises(ServiceError):
        services.fact_publish(fact=fact, reason="  ")
    fact = services.fact_publish(fact=fact, reason="checked against the edition")
    assert fact.status == Fact.Status.PUBLISHED and fact.published_at


def test_it_refuses_to_publish_a_retracted_fact():
    fact = CitationFactory(fact=FactFactory(status=Fact.Status.PUBLISHED)).fact
    fact = services.fact_retract(fact=fact, reason="source corrected")
    with pytest.raises(InvalidTransition):
        services.fact_publish(fact=fact, reason="again")


def test_superseding_links_both_ways_and_refuses_a_cycle():
    old, new = FactFactory(), FactFactory()
    old = services.fact_supersede(fact=old, replacement=new, reason="newer figures")
    assert old.status == Fact.Status.SUPERSEDED
    assert list(new.supersedes.all()) == [old]
    with pytest.raises(ServiceError) as error:
        services.fact_supersede(fact=new, replacement=old, reason="cycle")
    assert error.value.field == "replacement"
    new.refresh_from_db()
    assert new.status == Fact.Status.PUBLISHED


@pytest.mark.parametrize("status", [Fact.Status.DRAFT, Fact.Status.REVIEW,
                                    Fact.Status.RETRACTED])
def test_only_a_published_fact_can_be_the_replacement(status):
    fact, replacement = FactFactory(), FactFactory(status=status)
    with pytest.raises(ServiceError) as error:
        services.fact_supersede(fact=fact, replacement=replacement, reason="newer")
    assert error.value.field == "replacement"
    assert error.value.status_code == 400
    assert replacement.get_status_display() in error.value.message
    fact.refresh_from_db()
    assert (fact.status, fact.superseded_by, fact.version) == (Fact.Status.PUBLISHED, None, 1)


def test_a_fact_cannot_supersede_itself():
    fact = FactFactory()
    with pytest.raises(ServiceError) as error:
        services.fact_supersede(fact=fact, replacement=fact, reason="newer")
    assert (error.value.field, error.value.message) == ("replacement",
                                                        "A fact cannot supersede itself.")
    fact.refresh_from_db()
    assert fact.status == Fact.Status.PUBLISHED


@pytest.mark.parametrize("status", [Fact.Status.DRAFT, Fact.Status.REVIEW,
                                    Fact.Status.RETRACTED])
def test_only_a_published_fact_can_be_superseded(status):
    fact, replacement = FactFactory(status=status), FactFactory()
    with pytest.raises(InvalidTransition) as error:
        services.fact_supersede(fact=fact, replacement=replacement, reason="newer")
    assert error.value.field == "status"
    fact.refresh_from_db()
    assert (fact.status, fact.superseded_by) == (status, None)


def test_history_records_who_and_why():
    user = UserFactory()
    fact = services.fact_create(text_en="v1", user=user, reason="first draft")
    services.fact_update(fact=fact, text_en="v2", user=user, reason="typo")
    events = list(fact.events.order_by("pgh_id"))
    assert [event.text_en for event in events] == ["v1", "v2"]
    assert events[-1].pgh_context.metadata["reason"] == "typo"
    assert events[-1].pgh_context.metadata["user"] == user.pk


def test_a_failed_write_leaves_no_history():
    fact = services.fact_create(text_en="v1")
    with pytest.raises(ValidationError):
        services.fact_update(fact=fact, text_en="", text_ko="")
    assert fact.events.count() == 1


def test_a_discrepancy_compares_editions_of_one_work():
    fact = FactFactory()
    english, other_work = SourceFactory(language="en"), SourceFactory()
    with pytest.raises(ValidationError):
        services.discrepancy_create(slug="d", fact=fact, aspect="number",
                                    statements=[(english, "a"), (other_work, "b")])
