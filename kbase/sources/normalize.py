"""One key for every variant of an article's URL.

`normalize_url` is pure (no network, no database): fact-checkers paste links in
whatever form they were sent, and every form of the same article must find the
same source. The key is stored, unique, on each Source.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
# For the API schema: URLs normalize_url surely takes, as people paste them: hyphenated
# host names, paths, and query strings (news.kbs.co.kr/news/view.do?ncd=...). It takes
# more spellings (ports, IDNs), so a value outside the pattern may still be a URL.
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
_URL_CHAR = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
URL_PATTERN = (rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST_LABEL}(?:\.{_HOST_LABEL}){{1,6}}"
               rf"(?:/{_URL_CHAR}{{0,80}}){{0,12}}(?:\?(?:{_URL_CHAR}|[/?]){{0,400}})?$")

# Parameters that say how a reader arrived, not which page they read.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ref", "ref_src", "cmpid", "spm", "share", "ns",
})
TRACKING_PREFIXES = ("utm_",)
# Query parameters that only ask for the AMP rendering of the same article.
AMP_PARAMETERS = {("amp", "1"), ("amp", "true"), ("amp", ""), ("outputtype", "amp")}
# Host prefixes that serve the same article to other devices.
HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")

_NAVER_HOSTS = {"news.naver.com", "n.news.naver.com", "entertain.naver.com",
                "sports.news.naver.com", "sports.naver.com"}
_NAVER_ARTICLE_PATH = re.compile(r"^/(?:mnews/)?article/(\d{3})/(\d{10})$")
_DAUM_ARTICLE_PATH = re.compile(r"^/v/(\d{17,})$")
_UNRESERVED = "-._~"
_SAFE_PATH = "/!$&'()*+,;=:@%"


class InvalidURL(ValueError):
    """The text is not an absolute http(s) URL kbase can key."""


def normalize_url(url: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise InvalidURL("Enter a URL: the value is empty.")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURL(f"A URL is at most {MAX_URL_LENGTH} characters long.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise InvalidURL("A URL cannot contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InvalidURL(f"Not a valid URL: {error}.") from error
    if parts.scheme.lower() not in {"http", "https"}:
        raise InvalidURL("Only http and https URLs name a source.")
    host = (parts.hostname or "").rstrip(".")
    if not host or ("." not in host and host != "localhost"):
        raise InvalidURL("The URL has no host name.")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise InvalidURL("The host name is not valid.") from error
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break

    path = _normalize_path(parts.path)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]

    portal_key = _portal_key(host, path, query)
    if portal_key:
        return portal_key

    query = [(key, value) for key, value in query
             if key.lower() not in TRACKING_PARAMETERS
             and not key.lower().startswith(TRACKING_PREFIXES)
             and (key.lower(), value.lower()) not in AMP_PARAMETERS]
    path = _strip_amp(path)
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return urlunsplit(("https", netloc, path or "/", urlencode(sorted(query)), ""))


def _normalize_path(path: str) -> str:
    """Decode, collapse slashes, re-encode one way, drop the trailing slash."""
    decoded = unquote(path)
    collapsed = re.sub(r"/{2,}", "/", decoded)
    encoded = quote(collapsed, safe=_SAFE_PATH.replace("%", "") + _UNRESERVED)
    if len(encoded) > 1:
        encoded = encoded.rstrip("/")
    return encoded or "/"


def _strip_amp(path: str) -> str:
    """/amp/x, /x/amp, /x.amp and /x.amp.html are the AMP renderings of /x."""
    if path.startswith("/amp/"):
        path = path[len("/amp"):]
    if path.endswith("/amp"):
        path = path[: -len("/amp")] or "/"
    path = re.sub(r"\.amp(\.html?)?$", "", path)
    return path


def _portal_key(host: str, path: str, query: list[tuple[str, str]]) -> str | None:
    """Korean portals serve one article under many paths: key them by their ids."""
    if host in _NAVER_HOSTS:
        match = _NAVER_ARTICLE_PATH.match(path)
        if match:
            return f"https://n.news.naver.com/article/{match.group(1)}/{match.group(2)}"
        params = {key.lower(): value for key, value in query}
        oid, aid = params.get("oid", ""), params.get("aid", "")
        if re.fullmatch(r"\d{3}", oid) and re.fullmatch(r"\d{10}", aid):
            return f"https://n.news.naver.com/article/{oid}/{aid}"
    if host == "v.daum.net":
        match = _DAUM_ARTICLE_PATH.match(path)
        if match:
            return f"https://v.daum.net/v/{match.group(1)}"
    return None
