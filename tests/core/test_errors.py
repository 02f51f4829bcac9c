import pytest


def test_unknown_api_url_answers_404_problem_json(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Not Found"
    assert "/api/v1/no-such-thing/" in body["detail"]


def test_oversized_body_answers_413_problem_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/facts/", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert "1000" in response.json()["detail"]


# The language of an error follows the API's rule: ?lang=, then Accept-Language.

def test_lang_ko_gives_a_korean_problem_whatever_the_cookie_and_the_header_say(client):
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/no-such-thing/?lang=ko", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "찾을 수 없음"
    assert body["detail"] == "/api/v1/no-such-thing/에는 아무것도 없습니다."


def test_accept_language_ko_gives_a_korean_title_and_detail(client):
    response = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9")
    assert response.status_code == 404
    body = response.json()
    assert (body["title"], body["detail"]) == (
        "찾을 수 없음", "/api/v1/no-such-thing/에는 아무것도 없습니다.")



def test_a_problem_no_view_wrote_says_its_language_and_varies_on_it(client):
    response = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 404
    assert response["Content-Language"] == "ko"
    assert "Accept-Language" in response["Vary"]

def test_lang_en_gives_an_english_problem_to_a_korean_browser(client):
    client.cookies["django_language"] = "ko"
    response = client.get("/api/v1/no-such-thing/?lang=en", HTTP_ACCEPT_LANGUAGE="ko")
    body = response.json()
    assert (body["title"], body["detail"]) == (
        "Not Found", "Nothing is found at /api/v1/no-such-thing/.")


@pytest.mark.django_db
def test_a_validation_problem_is_korean_under_lang_ko(client):
    response = client.get("/api/v1/facts/?lang=ko&page_size=0")
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "잘못된 요청"
    assert body["errors"] == {"page_size": ["1부터 200까지의 정수여야 합니다."]}
    assert body["detail"] == "'page_size' 값이 올바르지 않습니다: 1부터 200까지의 정수여야 합니다."


@pytest.mark.django_db
def test_an_unsupported_lang_is_refused_in_the_accept_language(client):
    response = client.get("/api/v1/facts/?lang=fr", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "잘못된 요청"
    assert body["errors"] == {"lang": ["지원하지 않는 언어 'fr'입니다. 'ko' 또는 'en'을 쓰세요."]}


def test_an_oversized_body_is_refused_in_the_requested_language(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/facts/?lang=ko", data="x" * 2000,
                           content_type="application/json")
    assert response.status_code == 413
    body = response.json()
    assert body["title"] == "요청 본문이 너무 큼"
    assert body["detail"] == "요청 본문이 2000바이트입니다. 한도는 1000바이트입니다."
