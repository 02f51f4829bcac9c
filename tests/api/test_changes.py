"""The change feed: a mirror following it misses and repeats nothing."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from pghistory.models import Events
from rest_framework.test import APIClient

from kbase.facts import services
from kbase.facts.changes import EVENT_MODELS, event_id
from kbase.facts.models import Fact
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

    every_change = [event_id(event.pgh_model, event.pgh_id) for event in
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
    assert update["object"] == {"type": "fact", "id": str(fact.public_id),
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


@pytest.mark.django_db(transaction=True)  # citations shown from the transaction after
def test_a_facts_history_costs_the_same_queries_for_one_or_many_changes(
        api, django_assert_num_queries):
    fact = publish("with history")
    for citations in (1, 6):
        while len(fact.citations.all()) <= citations:
            services.citation_create(fact=fact, source=SourceFactory(), quote="later")
        # The fact, its changes and the facts they name: not its representation.
        with django_assert_num_queries(3):
            history = api.get(f"/api/v1/facts/{fact.public_id}/history/").json()
        assert [c["object"]["type"] for c in history].count("citation") == citations


# The feed as a public representation: public ids, public fields, nothing a
# reader of the published facts could not see.

def _sources_and_publish(text: str, *, quote: str, note: str, reason: str = "checked"):
    """A fact cited and with a discrepancy recorded while a draft, then published."""
    fact = services.fact_create(text_en=text, reason="drafted")
    original = SourceFactory(language="ko")
    translation = SourceFactory(language="en", work=original.work)
    citation = services.citation_create(fact=fact, source=original, quote=quote)
    discrepancy = services.discrepancy_create(
        slug=f"{fact.public_id}-number", fact=fact, aspect="number", note_en=note,
        statements=[(original, "38명"), (translation, "38 experts")])
    return services.fact_publish(fact=fact, reason=reason), citation, discrepancy


@pytest.mark.django_db
@pytest.mark.parametrize("since", ["2025-02-30T00:00:00", "2025-13-01T00:00", "2025-02-30",
                                   "2025-01-01T25:00:00", "nonsense T garbage"])
def test_an_impossible_since_answers_400_naming_it(api, since):
    response = api.get(CHANGES, {"since": since})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["since"]


@pytest.mark.django_db
def test_the_anonymous_feed_never_carries_archived_text(api):
    source = SourceFactory(archived_text="ARCHIVED PAGE TEXT " * 50)
    services.fact_publish(fact=services.citation_create(
        fact=services.fact_create(text_en="cited"), source=source, quote="q").fact,
        reason="checked")
    response = api.get(CHANGES)
    assert b"ARCHIVED PAGE TEXT" not in response.content
    insert = next(c for c in response.json()["results"]
              if c["object"] == {"type": "source", "id": str(source.pk), "fact_id": None})
    assert insert["fields"]["has_archived_text"] == {"old": None, "new": True}
    assert "archived_text" not in insert["fields"]


@pytest.mark.django_db(transaction=True)
def test_archived_text_shows_only_whether_there_is_one(editor, reader):
    source = SourceFactory(archived_text="")
    assert editor.patch(f"/api/v1/sources/{source.pk}/", {"archived_text": "FIRST TEXT"},
                        format="json").status_code == 200
    assert editor.patch(f"/api/v1/sources/{source.pk}/", {"archived_text": "SECOND TEXT"},
                        format="json").status_code == 200
    response = reader.get(CHANGES)
    assert b"FIRST TEXT" not in response.content and b"SECOND TEXT" not in response.content
    updates = [c["fields"] for c in response.json()["results"] if c["action"] == "update"
               and c["object"]["type"] == "source"]
    assert updates[0]["has_archived_text"] == {"old": False, "new": True}
    assert "has_archived_text" not in updates[1]  # changed text, still one


@pytest.mark.django_db(transaction=True)
def test_a_citation_quote_written_in_draft_is_not_shown_anonymously(api, reader):
    fact = services.fact_create(text_en="38 experts", reason="drafted")
    citation = services.citation_create(fact=fact, source=SourceFactory(),
                                        quote="DRAFT WORDING of the quote")
    citation = services.citation_update(citation=citation, quote="checked wording")
    services.fact_publish(fact=fact, reason="checked")
    services.citation_update(citation=citation, quote="corrected wording", reason="typo")

    response = api.get(CHANGES)
    assert b"DRAFT WORDING" not in response.content
    citations = [c for c in response.json()["results"] if c["object"]["type"] == "citation"]
    assert [(c["object"], c["fields"]["quote"]) for c in citations] == [
        ({"type": "citation", "id": str(citation.pk), "fact_id": str(fact.public_id)},
         {"old": "checked wording", "new": "corrected wording"})]
    history = api.get(f"/api/v1/facts/{fact.public_id}/history/")
    assert b"DRAFT WORDING" not in history.content
    assert b"corrected wording" in history.content
    assert b"DRAFT WORDING" in reader.get(CHANGES).content  # readers see the drafts


@pytest.mark.django_db(transaction=True)
def test_a_discrepancy_note_written_in_draft_is_not_shown_anonymously(api):
    fact = services.fact_create(text_en="38 experts", reason="drafted")
    original = SourceFactory(language="ko")
    translation = SourceFactory(language="en", work=original.work)
    services.citation_create(fact=fact, source=original, quote="38")
    discrepancy = services.discrepancy_create(
        slug="e7s-number", fact=fact, aspect="number", note_en="DRAFT NOTE on the editions",
        statements=[(original, "38명"), (translation, "38 experts")])
    discrepancy.note_en = "The English edition rounds"
    discrepancy.save()  # as the admin does
    services.fact_publish(fact=fact, reason="checked")
    discrepancy.note_en = "The English edition rounds the number"
    discrepancy.save()

    response = api.get(CHANGES)
    assert b"DRAFT NOTE" not in response.content
    [update] = [c for c in response.json()["results"] if c["object"]["type"] == "discrepancy"]
    assert update["object"] == {"type": "discrepancy", "id": discrepancy.slug,
                                "fact_id": str(fact.public_id)}
    assert update["fields"]["note_en"] == {"old": "The English edition rounds",
                                           "new": "The English edition rounds the number"}


@pytest.mark.django_db(transaction=True)
def test_a_publication_shows_the_published_fact_and_nothing_of_its_review(api):
    fact = services.fact_create(text_en="DRAFT TEXT", reason="drafted")
    services.citation_create(fact=fact, source=SourceFactory(), quote="q")
    services.fact_submit_for_review(fact=fact, reason="REVIEW NOTE: check the number")
    fact = services.fact_update(fact=Fact.objects.get(pk=fact.pk), text_en="Published text",
                                reason="reviewed")
    fact = services.fact_publish(fact=fact, reason="checked")

    response = api.get(CHANGES)
    assert b"DRAFT TEXT" not in response.content and b"REVIEW NOTE" not in response.content
    [publication] = [c for c in response.json()["results"] if c["object"]["type"] == "fact"]
    assert publication["object"] == {"type": "fact", "id": str(fact.public_id),
                                     "fact_id": str(fact.public_id)}
    assert publication["why"] == "checked"
    assert publication["fields"]["text_en"] == {"old": None, "new": "Published text"}
    assert publication["fields"]["status"] == {"old": None, "new": "published"}
    assert all(change["old"] is None for change in publication["fields"].values())


@pytest.mark.django_db(transaction=True)
def test_a_fact_deleted_after_its_draft_leaves_no_trace_anonymously(api):
    fact = services.fact_create(text_en="never published")
    services.citation_create(fact=fact, source=SourceFactory(), quote="SECRET QUOTE")
    services.fact_delete(fact=Fact.objects.get(pk=fact.pk))
    assert [c["object"]["type"] for c in api.get(CHANGES).json()["results"]] == ["source"]


@pytest.mark.django_db
def test_changes_name_objects_by_their_public_ids_only(reader):
    fact, citation, discrepancy = _sources_and_publish("named", quote="38", note="n")
    replacement = publish("replacement")
    services.fact_supersede(fact=fact, replacement=replacement, reason="newer figures")
    results = reader.get(CHANGES).json()["results"]
    objects = {(c["object"]["type"], c["object"]["id"], c["object"]["fact_id"])
               for c in results}
    assert ("fact", str(fact.public_id), str(fact.public_id)) in objects
    assert ("citation", str(citation.pk), str(fact.public_id)) in objects
    assert ("discrepancy", discrepancy.slug, str(fact.public_id)) in objects
    assert ("source", str(citation.source_id), None) in objects
    assert all(id == fact_id == str(Fact.objects.get(public_id=id).public_id)
               for type_, id, fact_id in objects if type_ == "fact")
    citation_insert = next(c for c in results if c["object"]["type"] == "citation")["fields"]
    assert citation_insert["source"] == {"old": None, "new": citation.source_id}
    source = citation.source
    source_insert = next(c for c in results if c["object"]["id"] == str(source.pk)
                     and c["object"]["type"] == "source")["fields"]
    assert source_insert["publisher"] == {"old": None, "new": source.publisher.slug}
    assert source_insert["work"] == {"old": None, "new": source.work.slug}
    supersession = next(c for c in results if c["why"] == "newer figures")["fields"]
    assert supersession["superseded_by"] == {"old": None, "new": str(replacement.public_id)}
    every_key = {key for c in results for key in c["fields"]}
    assert not every_key & {"id", "fact_id", "source_id", "publisher_id", "work_id",
                            "superseded_by_id", "created_by_id", "updated_by_id",
                            "public_id", "archived_text", "created_by", "updated_by"}
    assert all(":" not in c["id"] and "Event" not in c["id"] for c in results)


@pytest.mark.django_db
def test_who_is_shown_only_to_readers_of_drafts(api, reader, editor):
    staff = UserFactory(username="staff-without-rights", is_staff=True)
    publish("public")
    for client in (reader, editor):
        assert {c["who"] for c in client.get(CHANGES).json()["results"]} >= {None}
    desk = UserFactory(username="desk")
    fact = Fact.objects.get()
    services.fact_update(fact=fact, text_en="public, corrected", user=desk, reason="typo")
    [typo] = [c for c in reader.get(CHANGES).json()["results"] if c["why"] == "typo"]
    assert typo["who"] == "desk"
    history = reader.get(f"/api/v1/facts/{fact.public_id}/history/").json()
    assert [c["who"] for c in history if c["why"] == "typo"] == ["desk"]
    staff_client = APIClient()
    staff_client.force_authenticate(staff)
    for client in (api, staff_client):
        results = client.get(CHANGES).json()["results"]
        assert results and all("who" not in c for c in results)
        assert b"desk" not in client.get(f"/api/v1/facts/{fact.public_id}/history/").content


@pytest.mark.django_db
def test_a_cursor_issued_to_a_reader_is_refused_to_anonymous_clients(api, reader):
    publish("one")
    publish("two")
    next_url = reader.get(CHANGES, {"page_size": 1}).json()["next"]
    response = api.get(next_url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["cursor"]


@pytest.mark.django_db
def test_a_tampered_cursor_answers_400(api):
    publish("one")
    publish("two")
    cursor = parse_qs(urlsplit(api.get(CHANGES, {"page_size": 1}).json()["next"]).query)[
        "cursor"][0]
    value, signature = cursor.rsplit(":", 1)
    for tampered in (value[:-1] + ("A" if value[-1] != "A" else "B") + ":" + signature,
                     value + ":" + signature[::-1], cursor + "x", "\x00" + cursor):
        response = api.get(CHANGES, {"cursor": tampered})
        assert response.status_code == 400, tampered
        assert list(response.json()["errors"]) == ["cursor"]


@pytest.mark.django_db
def test_the_cursor_carries_no_row_id(reader):
    for n in range(3):
        publish(f"fact {n}")
    cursor = parse_qs(urlsplit(reader.get(CHANGES, {"page_size": 2}).json()["next"]).query)[
        "cursor"][0]
    value = signing.b64_decode(cursor.rsplit(":", 1)[0].encode()).decode()
    _when, type_, served = json.loads(value)
    assert (type_, served) == ("citation", 2)  # the first two changes: two citations
    assert "Event" not in value


def _page_queries(client, django_assert_num_queries, count: int) -> None:
    with django_assert_num_queries(count):
        assert client.get(CHANGES, {"page_size": 200}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("facts", [1, 12])
def test_a_page_costs_the_same_queries_for_one_or_many_changes(
        api, reader, django_assert_num_queries, facts):
    for n in range(facts):
        _sources_and_publish(f"fact {n}", quote=f"quote {n}", note=f"note {n}")
    anonymous_results = api.get(CHANGES, {"page_size": 200}).json()["results"]
    assert len(anonymous_results) == 3 * facts  # two sources and each publication
    # horizon, changes, the names they refer to
    _page_queries(api, django_assert_num_queries, 3)
    # and the reader's token and user, and its permissions (its own and its groups'),
    # once its token's first use is written (kbase.core.authentication)
    reader.get(CHANGES, {"page_size": 1})
    _page_queries(reader, django_assert_num_queries, 6)


@pytest.mark.django_db
@pytest.mark.parametrize("client_name", ["api", "reader"])
def test_small_pages_serve_what_one_page_does(request, client_name):
    """Changes of one transaction and type share a time: a page may end inside them."""
    client = request.getfixturevalue(client_name)
    for n in range(3):
        _sources_and_publish(f"fact {n}", quote=f"quote {n}", note=f"note {n}")
    whole = [c["id"] for c in client.get(CHANGES, {"page_size": 200}).json()["results"]]
    for size in (1, 2, 5):
        seen, _ = follow(client, f"{CHANGES}?page_size={size}")
        assert seen == whole
