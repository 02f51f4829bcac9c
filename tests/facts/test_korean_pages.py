"""Opened in Korean, each page a reader or an editor sees says what it is in Korean:
its headings and labels are the catalogue's Korean, not another message's, and no
English label is left among them."""

import re

import pytest

from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.facts.seed import seed_public_id
from tests.factories import FactFactory
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db
KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko"}


@pytest.fixture
def seeded():
    seed_loaded()


def page_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_in_korean(client, seeded):
    page = page_of(client.get("/", **KOREAN))
    assert '<span class="tagline">출처를 밝힌 사실, 한국어와 영어로</span>' in page
    assert "<title>사실 검색 · kbase</title>" in page
    assert '<label for="q">사실 검색</label>' in page
    assert '<option value="">전체</option>' in page
    assert "기준일 시작" in page and "기준일 끝" in page
    for english in ("Search facts", ">any<", "Sourced facts", "As of, from"):
        assert english not in page


def test_a_search_result_page_in_korean(client, seeded):
    only_english = Fact.objects.create(text_en="Zebrafish labs hire AI researchers.",
                                       status=Fact.Status.PUBLISHED)
    fact_search_refresh(fact_ids=[only_english.pk])
    page = page_of(client.get("/", {"q": "zebrafish"}, **KOREAN))
    assert "<mark>Zebrafish</mark>" in page
    assert '<span class="fallback">(다른 언어로만 있음)</span>' in page
    assert '<span class="meta">게시됨</span>' in page
    assert "(only in the other language)" not in page and "published" not in page


def test_a_fact_page_in_korean(client, seeded):
    fact_id = seed_public_id("liang-wenfeng-hometown")
    page = page_of(client.get(f"/facts/{fact_id}/", **KOREAN))
    assert '<html lang="ko">' in page
    assert "<h2>인용</h2>" in page and "<h2>판 사이의 불일치</h2>" in page
    assert "<h3>장소</h3>" in page and "<h3>표현</h3>" in page
    assert "<dt>기준일</dt>" in page and "<dt>상태</dt><dd>게시됨</dd>" in page
    assert "영어판" in page and "한국어판" in page
    for english in ("Where the editions disagree", "Citations", "As of", "Status"):
        assert english not in page


def test_the_admin_fact_list_in_korean(admin_client):
    FactFactory(text_ko="2023년 도입한 비자로 체류하는 전문가는 38명이다.",
                text_en="38 experts reside under the visa.")
    page = page_of(admin_client.get("/admin/facts/fact/", **KOREAN))
    assert "<h1>변경할 사실 선택</h1>" in page
    for column, heading in (("short_ko", "<span>한국어</span>"), ("short_en", "<span>영어</span>"),
                            ("status", '<a href="?o=3">상태</a>'),
                            ("language_badges", "<span>언어</span>"),
                            ("numbers", "<span>숫자</span>")):
        header = rf'class="[a-z ]*column-{column}">\s*<div class="text">{re.escape(heading)}'
        assert re.search(header, page), column
    assert "<summary>\n    출처 언어 기준\n  </summary>" in page and "(으)로" not in page
    assert "대체(대체할 사실 선택)" in page
    assert "한국어 본문에만 있는 숫자: 2023" in page
    assert "Only the Korean text has" not in page


def test_the_admin_fact_form_in_korean(admin_client):
    fact = FactFactory()
    page = page_of(admin_client.get(f"/admin/facts/fact/{fact.pk}/change/", **KOREAN))
    assert "<h1>사실 변경</h1>" in page
    for heading in ("본문", "수량·날짜", "분류", "진행 상태", "기록 정보", "사유"):
        assert f'class="fieldset-heading">{heading}</h2>' in page
    assert "한국어 본문 유형" in page and "편집 요약" in page
    assert "한국어 본문의 출처" not in page
    assert "Quantity and date" not in page and "Workflow" not in page
