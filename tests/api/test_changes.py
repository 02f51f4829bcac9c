"""The change feed: a mirror following it misses and repeats nothing."""

import pytest
from pghistory.models import Events

from kbase.facts import services
from kbase.facts.changes import EVENT_MODELS
from tests.factories import SourceFactory, UserFactory

CHANGES = "/api/v1/changes/"


def publish(text: str, user=None):
    fact = services.fact_create(text_en=text, user=user, reason="drafted")
    services.citation_create(fact=fact, source=SourceFactory(), quote=f"quote of {text}")
    return services.fact_publish(fact=fact, user=user, reason="checked")


def follow(client, url: str, pages: int = 100) -> tuple[list[str], str]:
    """Every change id from `url` on, following `next` until a page is empty."""
    seen = []
    for _ in range(pages):
        body = client.get(url).json()
        if not body["results"]:
            return seen, url
        seen += [change["id"] for change in body["results"]]
        url = body["next"]
    raise AssertionError("the feed did not end")


@pytest.mark.django_db(transaction=True)
def test_a_mirror_misses_and_repeats_nothing_while_others_write(reader):
    first = publish("first")
    seen, _ = [], None
    body = reader.get(CHANGES, {"page_size": 2}).json()
    seen += [change["id"] for change in body["results"]]
    # Writes land between the mirror's page requests.
    services.fact_update(fact=first, text_en="first, corrected", reason="typo")
    publish("second")
    more, resume = follow(reader, body["next"])
    seen += more
    services.fact_update(fact=first, text_en="first, corrected again", reason="again")
    later, _ = follow(reader, resume)
    seen += later

    every_change = [f"{event.pgh_model}:{event.pgh_id}" for event in
                    Events.objects.across(*EVENT_MODELS).order_by(
                        "pgh_created_at", "pgh_model", "pgh_id")]
    assert len(seen) == len(set(seen))  # nothing repeated
    assert seen == every_change  # nothing missed, in order


@pytest.mark.django_db
def test_a_change_says_what_who_when_and_why(reader):
    editor = UserFactory(username="desk")
    fact = services.fact_create(text_en="38 experts", user=editor, reason="first draft")
    services.fact_update(fact=fact, text_en="Only 38 experts", user=editor,
                         reason="closer to the quote")
    changes = reader.get(CHANGES).json()["results"]
    update = [c for c in changes if c["action"] == "update"][-1]
    assert update["object"] == {"type": "fact", "id": str(fact.pk),
                                "fact_id": str(fact.public_id)}
    assert update["fields"]["text_en"] == {"old": "38 experts", "new": "Only 38 experts"}
    assert (update["who"], update["why"]) == ("desk", "closer to the quote")
    assert update["when"]


@pytest.mark.django_db(transaction=True)
def test_a_change_made_through_the_api_names_its_author(editor, reader):
    """Found by fuzzing: a source edited through the API named its author by user id."""
    source = SourceFactory()
    assert editor.patch(f"/api/v1/sources/{source.pk}/", {"title_en": "Renamed"},
                        format="json").status_code == 200
    changes = reader.get(CHANGES).json()["results"]
    update = [c for c in changes if c["object"] == {"type": "source", "id": str(source.pk),
                                                     "fact_id": None}][-1]
    assert update["who"] == editor.user.username


@pytest.mark.django_db
def test_anonymous_clients_see_no_draft_changes(api):
    draft = services.fact_create(text_en="a secret draft")
    services.citation_create(fact=draft, source=SourceFactory(), quote="secret quote")
    published = publish("public")
    changes = api.get(CHANGES).json()["results"]
    texts = [c["fields"].get("text_en", {}).get("new") for c in changes]
    assert "a secret draft" not in texts
    assert all("secret" not in str(c) for c in changes)
    assert any(c["object"]["fact_id"] == str(published.public_id) for c in changes)


@pytest.mark.django_db
def test_since_starts_at_a_time(reader):
    publish("old")
    horizon = reader.get(CHANGES).json()["horizon"]
    assert reader.get(CHANGES, {"since": horizon}).json()["results"] == []
    assert reader.get(CHANGES, {"since": "2000-01-01"}).json()["results"]


@pytest.mark.django_db
@pytest.mark.parametrize(("parameter", "value"), [
    ("cursor", "forged"), ("since", "last tuesday"), ("page_size", "0")])
def test_a_malformed_position_answers_400(api, parameter, value):
    response = api.get(CHANGES, {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


@pytest.mark.django_db
def test_a_facts_history_lists_its_changes_and_its_citations(reader):
    fact = publish("with history")
    history = reader.get(f"/api/v1/facts/{fact.public_id}/history/").json()
    assert [c["object"]["type"] for c in history].count("citation") == 1
    assert [c["why"] for c in history if c["object"]["type"] == "fact"][-1] == "checked"


@pytest.mark.django_db
@pytest.mark.parametrize("since", ["2025-02-30T00:00:00", "2025-13-01T00:00", "2025-02-30",
                                   "2025-01-01T25:00:00", "nonsense T garbage"])
def test_an_impossible_since_answers_400_naming_it(api, since):
    response = api.get(CHANGES, {"since": since})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["since"]
