"""The public pages: search and read facts without writing code. Server-rendered,
no JavaScript needed, built on the same selectors and filters as the API."""

from __future__ import annotations

import json
from functools import wraps

from django import forms
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from kbase.core.models import Language
from kbase.core.representation import pick_language
from kbase.core.search import QueryError, parse_query
from kbase.core.text import to_nfc, validate_no_control_characters
from kbase.core.throttles import ClientRateThrottle, MatchRateThrottle, PageRateThrottle
from kbase.sources import selectors as source_selectors
from kbase.sources.models import Publisher
from kbase.sources.normalize import InvalidURL

from . import matching, search, selectors
from .api.matching import MAX_QUERY_TEXT
from .exports import fact_jsonld
from .filtersets import FactFilterSet
from .models import Topic
from .numbers import check_numbers

PAGE_SIZE = 20
# The public pages use no script at all and only their own stylesheet.
PUBLIC_CSP = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
              "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
              "object-src 'none'")


def with_csp(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = PUBLIC_CSP
        return response

    return wrapped


def with_throttle(view):
    """Past the `page` rate, the page itself answers 429, saying when to come back
    (and Retry-After says it to machines); the view and its queries do not run."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = _wait_past_rate(PageRateThrottle(), request)
        if seconds is None:
            return view(request, *args, **kwargs)
        return _too_many(request, seconds, ngettext(
            "Too many searches; try again in %(seconds)d second.",
            "Too many searches; try again in %(seconds)d seconds.", seconds))

    return wrapped


def _wait_past_rate(throttle: ClientRateThrottle, request) -> int | None:
    """Seconds to wait if `request` is past the throttle's rate, else None (it is
    counted). kbase's throttles read only the user and the address, which a Django
    request has as a DRF one does."""
    return None if throttle.allow_request(request, view=None) else throttle.wait()


def _too_many(request: HttpRequest, seconds: int, message: str) -> HttpResponse:
    context = _home_context(request, with_filters=False)
    context["errors"].append(message % {"seconds": seconds})
    response = render(request, "kbase/home.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _home_context(request: HttpRequest, *, with_filters: bool) -> dict:
    """What the home page always shows; a refused request runs no query for the
    filters' topics and publishers."""
    return {"topics": Topic.objects.order_by("slug") if with_filters else [],
            "publishers": Publisher.objects.order_by("slug") if with_filters else [],
            "params": request.GET, "claim_form": ClaimForm.of(request), "errors": [],
            "language": _language(request)}


class ClaimForm(forms.Form):
    """The "check a claim" box: one claim in Korean or English, as long as the API
    takes one in a URL (GET /api/v1/match/)."""

    claim = forms.CharField(
        label=gettext_lazy("Check a claim: has it been recorded?"),
        max_length=MAX_QUERY_TEXT, validators=[validate_no_control_characters],
        widget=forms.TextInput(attrs={
            "type": "search", "id": "claim",
            "placeholder": gettext_lazy("A sentence in Korean or English, e.g. How many "
                                        "engineers does China graduate each year?")}),
        error_messages={
            "required": gettext_lazy("Write the claim to check: a sentence in Korean or "
                                     "English."),
            "max_length": gettext_lazy("A claim to check has at most %(limit_value)d "
                                       "characters (this one has %(show_value)d): check "
                                       "one sentence at a time."),
        })

    @classmethod
    def of(cls, request: HttpRequest) -> ClaimForm:
        # Bound only when a claim was sent: a bound form without one shows its error.
        return cls(request.GET if "claim" in request.GET else None)

    def clean_claim(self) -> str:
        return to_nfc(self.cleaned_data["claim"])


# What a <script> element's text must not hold raw: "</script>" or "<!--" would end
# or change it (Django's json_script escapes the same; its element is
# application/json, and JSON-LD needs its own type).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _script_json(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def _edition(source, language: str) -> dict:
    """A cited edition as the page shows it: the API's brief of the source (stored
    by PostgreSQL: kbase.sources.models.SourceBrief), with its language named and its
    date as precise as it is known."""
    # psycopg reads a json column as the object it holds.
    brief: dict = source.brief.brief_ko if language == "ko" else source.brief.brief_en
    return {**brief, "language_name": Language(source.language).label,
            "published_on": source.published_on, "precision": source.published_precision}


def _citations(fact, language: str) -> list[dict]:
    """A fact's citations (prefetched) with their editions, as the pages show them."""
    return [{"citation": citation, "edition": _edition(citation.source, language)}
            for citation in fact.citations.all()]


def _language(request: HttpRequest) -> str:
    return "ko" if (get_language() or "").startswith("ko") else "en"


def _card(fact, language: str, query=None) -> dict:
    text, served, fallback = pick_language(fact.text_ko, fact.text_en, language)
    highlight = None
    if query is not None:
        highlight = search.highlight(served=served, query=query, text_ko=fact.text_ko,
                                     words_ko=fact.highlight_words_ko,
                                     headline_en=fact.headline_en)
    return {"fact": fact, "text": text, "language": served, "fallback": fallback,
            "highlight": highlight}


@with_csp
@with_throttle
def home(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    params = request.GET
    context = _home_context(request, with_filters=True)
    status = 200

    if context["claim_form"].is_bound:
        return _check_claim(request, context)

    url = params.get("url", "").strip()
    if url:
        try:
            found = source_selectors.source_and_editions_by_url(url=url)
        except InvalidURL as error:
            context["errors"].append(str(error))
            found = None
            status = 400
        if found is None and status == 200:
            context["errors"].append(_("This link is not in the knowledge base."))
            status = 404
        if found is not None:
            context["source"], context["editions"] = found
            facts = selectors.fact_citing(user=request.user, source_slug=found[0].slug)
            context["cards"] = [_card(fact, language) for fact in facts[:200]]
            return render(request, "kbase/home.html", context, status=status)

    query = None
    raw_query = params.get("q", "")
    if raw_query.strip():
        try:
            query = parse_query(raw_query)
        except QueryError as error:
            context["errors"].append(str(error))
            status = 400
    facts = search.fact_search(user=request.user, query=query) if query \
        else selectors.fact_list(user=request.user)
    filters = {key: params[key] for key in ("topic", "publisher", "as_of_after",
                                             "as_of_before") if params.get(key)}
    filterset = FactFilterSet(data=filters, queryset=facts, request=request)
    if not filterset.is_valid():
        for field, messages in filterset.errors.items():
            context["errors"] += [f"{field}: {message}" for message in messages]
        status = 400
        facts = facts.none()
    else:
        facts = filterset.qs
    page = Paginator(facts, PAGE_SIZE).get_page(params.get("page"))
    context.update(page=page, cards=[_card(fact, language, query) for fact in page],
                   searched=bool(query))
    return render(request, "kbase/home.html", context, status=status)


def _check_claim(request: HttpRequest, context: dict) -> HttpResponse:
    """The facts that may record the claim in the box, best first, each with its
    citations. A check also counts against the `match` rate, as the API's does:
    embedding the claim costs a worker tens of milliseconds."""
    seconds = _wait_past_rate(MatchRateThrottle(), request)
    if seconds is not None:
        return _too_many(request, seconds, ngettext(
            "Too many claims checked; try again in %(seconds)d second.",
            "Too many claims checked; try again in %(seconds)d seconds.", seconds))
    form, language = context["claim_form"], context["language"]
    if not form.is_valid():
        context["errors"] += form.errors["claim"]
        return render(request, "kbase/home.html", context, status=400)
    found = matching.match_claim(text=form.cleaned_data["claim"], user=request.user)
    facts = selectors.fact_list(user=request.user).in_bulk([m.fact_id for m in found])
    context["claim_checked"] = True
    context["matches"] = [{"match": match, "card": _card(facts[match.fact_id], language),
                           "citations": _citations(facts[match.fact_id], language)}
                          for match in found if match.fact_id in facts]
    return render(request, "kbase/home.html", context)


@with_csp
def fact_page(request: HttpRequest, public_id) -> HttpResponse:
    language = _language(request)
    fact = selectors.fact_list(user=request.user, with_provenance=True,
                               include_withdrawn=True).filter(
        public_id=public_id).first()
    if fact is None:
        raise Http404(_("No such fact."))
    check = check_numbers(text_ko=fact.text_ko, text_en=fact.text_en,
                          quantity=fact.quantity_value)
    path = reverse("fact-page", args=[fact.public_id])
    return render(request, "kbase/fact.html", {
        "fact": fact, "card": _card(fact, language), "language": language,
        "citations": _citations(fact, language),
        "discrepancies": [
            {"discrepancy": discrepancy,
             "statements": [{"statement": statement,
                             "edition": _edition(statement.source, language)}
                            for statement in discrepancy.statements.all()]}
            for discrepancy in fact.discrepancies.all()],
        "number_check": check,
        # The same JSON-LD as /api/v1/facts/<id>/jsonld/, for search engines and link
        # previews that read the page.
        "jsonld": _script_json(fact_jsonld(fact, request.build_absolute_uri("/").rstrip("/"))),
        # Each language's version of the page has its own address (?lang=).
        "canonical_url": request.build_absolute_uri(f"{path}?lang={language}"),
        "alternate_urls": [(code, request.build_absolute_uri(f"{path}?lang={code}"))
                           for code in ("ko", "en")],
        "default_url": request.build_absolute_uri(path),
        "og_locale": {"ko": "ko_KR", "en": "en_US"}[language],
    })
