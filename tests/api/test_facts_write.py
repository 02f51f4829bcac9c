"""Writing facts: permissions, mass assignment, preconditions, workflow, citations."""

import unicodedata

import pytest
from django.core.management import call_command

from kbase.facts.models import Citation, Fact
from tests.factories import CitationFactory, FactFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

FACTS = "/api/v1/facts/"


def detail(fact) -> str:
    return f"{FACTS}{fact.public_id}/"


def new_fact_body(source=None) -> dict:
    body = {"text_ko": "E-7-S 비자로 체류 중인 전문가는 38명뿐이다.",
            "text_en": "Only 38 experts reside in Korea under the E-7-S visa.",
            "quantity": {"value": "38", "unit": "persons", "qualifier": "exact"}}
    if source is not None:
        body["citations"] = [{"source": source.pk, "quote": "전문가는 38명뿐이다"}]
    return body


# The permission matrix: who may do what, on every write endpoint.
WRITES = {
    "create": ("post", lambda fact: FACTS, lambda fact: new_fact_body()),
    "update": ("put", detail, lambda fact: new_fact_body()),
    "partial_update": ("patch", detail, lambda fact: {"text_en": "changed"}),
    "destroy": ("delete", detail, lambda fact: None),
    "review": ("post", lambda fact: detail(fact) + "review/", lambda fact: {}),
    "publish": ("post", lambda fact: detail(fact) + "publish/", lambda fact: {"reason": "ok"}),
    "retract": ("post", lambda fact: detail(fact) + "retract/", lambda fact: {"reason": "x"}),
    "add_citation": ("post", lambda fact: detail(fact) + "citations/",
                     lambda fact: {"source": SourceFactory().pk, "quote": "새 인용"}),
}
EXPECTED = {
    # anonymous: 401 (asked to authenticate); reader: 403; editor and admin succeed.
    "anonymous": 401, "reader": 403,
}
SUCCESS = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204, "review": 200,
           "publish": 200, "retract": 200, "add_citation": 201}


def fact_for(operation: str) -> Fact:
    status = {"review": Fact.Status.DRAFT, "publish": Fact.Status.REVIEW}.get(
        operation, Fact.Status.PUBLISHED)
    return CitationFactory(fact=FactFactory(status=status)).fact


@pytest.mark.parametrize("operation", list(WRITES))
@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "admin"])
def test_the_permission_matrix(clients, role, operation):
    fact = fact_for(operation)
    before = Fact.objects.get(pk=fact.pk).version
    method, url, body = WRITES[operation]
    response = getattr(clients[role], method)(url(fact), body(fact), format="json")
    expected = EXPECTED.get(role, SUCCESS[operation])
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert Fact.objects.get(pk=fact.pk).version == before  # nothing written
        assert Fact.objects.count() == 1


def test_read_only_fields_sent_by_a_client_are_ignored(editor):
    body = {**new_fact_body(), "id": "00000000-0000-0000-0000-000000000000",
            "status": "published", "version": 99, "created_at": "2000-01-01T00:00:00Z",
            "created_by": 1, "published_at": "2000-01-01T00:00:00Z"}
    response = editor.post(FACTS, body, format="json")
    assert response.status_code == 201
    fact = Fact.objects.get()
    assert fact.status == Fact.Status.DRAFT
    assert str(fact.public_id) != body["id"]
    assert fact.version == 1 and fact.published_at is None
    assert fact.created_by == editor.user


def test_an_unknown_field_answers_400_and_writes_nothing(editor):
    response = editor.post(FACTS, {**new_fact_body(), "txet_en": "typo"}, format="json")
    assert response.status_code == 400
    assert "txet_en" in response.json()["errors"]
    assert not Fact.objects.exists()


def test_a_created_fact_comes_back_with_its_location_and_citations(editor):
    source = SourceFactory()
    response = editor.post(FACTS, new_fact_body(source), format="json")
    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["status"] == "draft"
    assert body["quantity"] == {"value": "38", "unit": "persons", "qualifier": "exact"}
    assert body["citations"][0]["source"]["id"] == source.pk


def test_nfd_korean_is_stored_as_nfc(editor):
    body = {"text_ko": unicodedata.normalize("NFD", "전문가는 38명뿐")}
    response = editor.post(FACTS, body, format="json")
    assert response.status_code == 201
    assert Fact.objects.get().text_ko == "전문가는 38명뿐"


@pytest.mark.parametrize(("field", "value"), [
    ("text_en", "nul\x00byte"),
    ("text_ko", "벨\x07소리"),
    ("text_en", "x" * 5001),
])
def test_bad_text_answers_400_naming_the_field_and_writes_nothing(editor, field, value):
    response = editor.post(FACTS, {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Fact.objects.exists()


@pytest.mark.parametrize("value", ["1e30", "99999999999999999999999", "NaN", "Infinity"])
def test_an_absurd_quantity_answers_400(editor, value):
    body = {"text_en": "x", "quantity": {"value": value, "unit": "persons"}}
    response = editor.post(FACTS, body, format="json")
    assert response.status_code == 400
    assert "quantity.value" in response.json()["errors"]
    assert not Fact.objects.exists()


def test_a_fact_without_text_answers_400(editor):
    response = editor.post(FACTS, {"text_ko": "", "text_en": ""}, format="json")
    assert response.status_code == 400
    assert not Fact.objects.exists()


def test_a_stale_if_match_answers_412_and_changes_nothing(editor):
    fact = FactFactory()
    etag = editor.get(detail(fact))["ETag"]
    assert editor.patch(detail(fact), {"text_en": "first"}, format="json",
                        HTTP_IF_MATCH=etag).status_code == 200
    response = editor.patch(detail(fact), {"text_en": "second"}, format="json",
                            HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert Fact.objects.get(pk=fact.pk).text_en == "first"


def test_a_current_if_match_lets_the_write_through(editor):
    fact = FactFactory()
    etag = editor.get(detail(fact), {"lang": "ko"})["ETag"]  # any variant of the version
    response = editor.patch(detail(fact), {"text_en": "new"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_etag_kbase_never_issued_matches_nothing(editor):
    fact = FactFactory()
    response = editor.patch(detail(fact), {"text_en": "new"}, format="json",
                            HTTP_IF_MATCH='"made-up"')
    assert response.status_code == 412


@pytest.mark.parametrize("action", ["publish", "retract", "supersede"])
def test_workflow_actions_need_a_reason(editor, action):
    fact = CitationFactory(fact=FactFactory()).fact
    body = {"replacement": str(FactFactory().public_id)} if action == "supersede" else {}
    response = editor.post(detail(fact) + f"{action}/", body, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_publishing_a_published_fact_answers_409(editor):
    fact = CitationFactory(fact=FactFactory()).fact
    response = editor.post(detail(fact) + "publish/", {"reason": "again"}, format="json")
    assert response.status_code == 409


def test_supersede_links_the_replacement(editor):
    old, new = FactFactory(), FactFactory()
    response = editor.post(detail(old) + "supersede/",
                           {"replacement": str(new.public_id), "reason": "newer data"},
                           format="json")
    assert response.status_code == 200
    assert response.json()["superseded_by"] == str(new.public_id)
    assert response.json()["status"] == "superseded"


def test_a_supersede_cycle_answers_400(editor):
    old, new = FactFactory(), FactFactory()
    editor.post(detail(old) + "supersede/", {"replacement": str(new.public_id),
                                             "reason": "newer"}, format="json")
    response = editor.post(detail(new) + "supersede/", {"replacement": str(old.public_id),
                                                        "reason": "cycle"}, format="json")
    assert response.status_code == 400
    assert "replacement" in response.json()["errors"]
    assert Fact.objects.get(pk=new.pk).status == Fact.Status.PUBLISHED


@pytest.mark.parametrize("status", [Fact.Status.DRAFT, Fact.Status.REVIEW])
def test_an_unpublished_replacement_answers_400_naming_it(editor, status):
    old, draft = FactFactory(), FactFactory(status=status)
    response = editor.post(detail(old) + "supersede/", {"replacement": str(draft.public_id),
                                                        "reason": "newer"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    message = f"The replacement is {draft.get_status_display()}; choose a current fact."
    assert response.json()["errors"] == {"replacement": [message]}
    assert response.json()["detail"] == message
    old.refresh_from_db()
    assert (old.status, old.superseded_by, old.version) == (Fact.Status.PUBLISHED, None, 1)
    # The public fact still answers, and points at nothing the public cannot read.
    assert editor.get(detail(old)).json()["superseded_by"] is None


def test_a_malformed_replacement_id_answers_400(editor):
    fact = FactFactory()
    response = editor.post(detail(fact) + "supersede/", {"replacement": "nope", "reason": "x"},
                           format="json")
    assert response.status_code == 400
    assert "replacement" in response.json()["errors"]


def test_citations_are_edited_under_their_fact(editor):
    fact = CitationFactory(fact=FactFactory()).fact
    url = detail(fact) + "citations/"
    created = editor.post(url, {"source": SourceFactory().pk, "quote": "두 번째 인용"},
                          format="json")
    assert created.status_code == 201
    citation_url = f"{url}{created.json()['id']}/"
    assert editor.patch(citation_url, {"locator": "paragraph 4"},
                        format="json").json()["locator"] == "paragraph 4"
    assert editor.delete(citation_url).status_code == 204
    assert len(editor.get(url).json()) == 1


def test_the_last_citation_of_a_published_fact_cannot_be_removed(editor):
    citation = CitationFactory(fact=FactFactory())
    url = f"{detail(citation.fact)}citations/{citation.pk}/"
    assert editor.delete(url).status_code == 409
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_citations_of_a_draft_are_hidden_from_anonymous_clients(api):
    citation = CitationFactory(fact=FactFactory(status=Fact.Status.DRAFT))
    assert api.get(detail(citation.fact) + "citations/").status_code == 404


def test_a_revoked_token_is_refused(editor):
    call_command("create_api_token", editor.user.username, "--revoke")
    response = editor.post(FACTS, new_fact_body(), format="json")
    assert response.status_code == 401


def test_the_token_command_prints_a_working_token(capsys, api):
    user = UserFactory(username="newsdesk", is_superuser=True)
    call_command("create_api_token", user.username)
    key = capsys.readouterr().out.strip()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(FACTS, new_fact_body(), format="json").status_code == 201


def test_session_writes_need_a_csrf_token(db):
    from django.test import Client

    user = UserFactory(username="chief", is_superuser=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post(FACTS, new_fact_body(), content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# The rest of the write endpoints: citations and sources.
OTHER_WRITES = {
    "citation_patch": ("patch", lambda c: f"{detail(c.fact)}citations/{c.pk}/",
                       lambda c: {"locator": "paragraph 9"}, 200),
    "citation_delete": ("delete", lambda c: f"{detail(c.fact)}citations/{c.pk}/",
                        lambda c: None, 204),
    "source_create": ("post", lambda c: "/api/v1/sources/",
                      lambda c: {"slug": "new-source", "publisher": c.source.publisher.slug,
                                 "kind": "article", "language": "en", "title_en": "New"}, 201),
    "source_patch": ("patch", lambda c: f"/api/v1/sources/{c.source_id}/",
                     lambda c: {"title_en": "Renamed"}, 200),
    "source_delete": ("delete", lambda c: f"/api/v1/sources/{SourceFactory().pk}/",
                      lambda c: None, 204),
    "supersede": ("post", lambda c: detail(c.fact) + "supersede/",
                  lambda c: {"replacement": str(FactFactory().public_id), "reason": "newer"},
                  200),
}


@pytest.mark.parametrize("operation", list(OTHER_WRITES))
@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "admin"])
def test_the_permission_matrix_for_citations_sources_and_supersede(clients, role, operation):
    citation = CitationFactory(fact=FactFactory())
    CitationFactory(fact=citation.fact)  # a published fact keeps at least one citation
    method, url, body, success = OTHER_WRITES[operation]
    target, payload = url(citation), body(citation)
    response = getattr(clients[role], method)(target, payload, format="json")
    expected = EXPECTED.get(role, success)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_a_patched_quantity_without_its_value_answers_400(editor):
    """Found by fuzzing: a partial quantity object was a 500."""
    fact = FactFactory(quantity_value=38, quantity_unit="persons", quantity_qualifier="exact")
    response = editor.patch(detail(fact), {"quantity": {"unit": "persons",
                                                        "qualifier": "exact"}}, format="json")
    assert response.status_code == 400
    assert "quantity.value" in response.json()["errors"]
    fact.refresh_from_db()
    assert fact.quantity_value == 38
