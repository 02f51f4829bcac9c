"""Every variant of an article's URL maps to one key; distinct articles stay distinct."""

import pytest

from kbase.sources.normalize import InvalidURL, normalize_url

NAVER = "https://n.news.naver.com/article/025/0003421234"

SAME = [
    # scheme and host case, www / m / mobile / amp hosts, default ports
    ("http://example.com/news/1", "https://example.com/news/1"),
    ("HTTPS://EXAMPLE.COM/news/1", "https://example.com/news/1"),
    ("https://www.example.com/news/1", "https://example.com/news/1"),
    ("https://m.example.com/news/1", "https://example.com/news/1"),
    ("https://mobile.example.com/news/1", "https://example.com/news/1"),
    ("https://example.com:443/news/1", "https://example.com/news/1"),
    ("http://example.com:80/news/1", "https://example.com/news/1"),
    ("https://example.com./news/1", "https://example.com/news/1"),
    ("https://user:secret@example.com/news/1", "https://example.com/news/1"),
    # trailing slashes, doubled slashes, fragments
    ("https://example.com/news/1/", "https://example.com/news/1"),
    ("https://example.com//news//1", "https://example.com/news/1"),
    ("https://example.com/news/1#comments", "https://example.com/news/1"),
    ("https://example.com", "https://example.com/"),
    # tracking parameters dropped, the rest sorted
    ("https://example.com/news/1?utm_source=tw&utm_medium=social", "https://example.com/news/1"),
    ("https://example.com/news/1?fbclid=abc", "https://example.com/news/1"),
    ("https://example.com/news/1?gclid=x&msclkid=y&igshid=z", "https://example.com/news/1"),
    ("https://example.com/read?b=2&a=1&utm_campaign=x", "https://example.com/read?a=1&b=2"),
    ("https://example.com/read?a=", "https://example.com/read?a="),
    # AMP renderings
    ("https://example.com/news/1/amp", "https://example.com/news/1"),
    ("https://example.com/amp/news/1", "https://example.com/news/1"),
    ("https://example.com/news/1.amp.html", "https://example.com/news/1"),
    ("https://amp.example.com/news/1", "https://example.com/news/1"),
    ("https://example.com/news/1?amp=1", "https://example.com/news/1"),
    ("https://example.com/news/1?outputType=amp", "https://example.com/news/1"),
    # Korean paths, raw or percent-encoded
    ("https://example.com/뉴스/인재", "https://example.com/%EB%89%B4%EC%8A%A4/%EC%9D%B8%EC%9E%AC"),
    ("https://example.com/%eb%89%b4%ec%8a%a4/%ec%9d%b8%ec%9e%ac",
     "https://example.com/%EB%89%B4%EC%8A%A4/%EC%9D%B8%EC%9E%AC"),
    # Naver News: every form of one article, one key
    ("https://n.news.naver.com/article/025/0003421234", NAVER),
    ("https://n.news.naver.com/mnews/article/025/0003421234?sid=110", NAVER),
    ("https://m.news.naver.com/article/025/0003421234", NAVER),
    ("https://news.naver.com/main/read.naver?mode=LSD&mid=sec&sid1=110&oid=025&aid=0003421234",
     NAVER),
    ("https://news.naver.com/main/read.nhn?oid=025&aid=0003421234", NAVER),
    ("https://m.news.naver.com/read.nhn?oid=025&aid=0003421234", NAVER),
    ("http://news.naver.com/main/read.naver?aid=0003421234&oid=025&utm_source=x", NAVER),
    ("https://entertain.naver.com/read?oid=025&aid=0003421234", NAVER),
    ("https://sports.news.naver.com/news?oid=025&aid=0003421234", NAVER),
    # Daum
    ("https://m.v.daum.net/v/20250710043000123", "https://v.daum.net/v/20250710043000123"),
    ("http://v.daum.net/v/20250710043000123?f=m", "https://v.daum.net/v/20250710043000123"),
    # an ordinary query parameter that names the article is kept
    ("https://news.kbs.co.kr/news/pc/view/view.do?ncd=8300000&utm_source=x",
     "https://news.kbs.co.kr/news/pc/view/view.do?ncd=8300000"),
]

DIFFERENT = [
    ("https://news.kbs.co.kr/news/pc/view/view.do?ncd=8300000",
     "https://news.kbs.co.kr/news/pc/view/view.do?ncd=8300001"),
    (NAVER, "https://n.news.naver.com/article/025/0003421235"),
    (NAVER, "https://n.news.naver.com/article/023/0003421234"),
    ("https://example.com/news/1", "https://example.com/news/2"),
    ("https://example.com/news/1", "https://example.org/news/1"),
    ("https://example.com:8443/news/1", "https://example.com/news/1"),
    ("https://example.com/read?a=1", "https://example.com/read?a=2"),
]


@pytest.mark.parametrize(("url", "key"), SAME)
def test_it_maps_every_variant_to_one_key(url, key):
    assert normalize_url(url) == key


@pytest.mark.parametrize(("url", "_key"), SAME)
def test_normalising_twice_changes_nothing(url, _key):
    assert normalize_url(normalize_url(url)) == normalize_url(url)


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_it_keeps_distinct_articles_distinct(first, second):
    assert normalize_url(first) != normalize_url(second)


@pytest.mark.parametrize(("url", "message"), [
    ("", "empty"),
    ("   ", "empty"),
    ("not a url", "spaces"),
    ("example.com/news/1", "http and https"),
    ("ftp://example.com/file", "http and https"),
    ("javascript:alert(1)", "http and https"),
    ("http://", "no host"),
    ("https://exa mple.com/", "spaces"),
    ("https://example.com/\x00", "control"),
    ("https://example.com/" + "a" * 3000, "at most"),
    ("https://[::1/", "Not a valid URL"),
])
def test_it_refuses_what_is_not_a_url_and_says_why(url, message):
    with pytest.raises(InvalidURL) as error:
        normalize_url(url)
    assert message in str(error.value)
