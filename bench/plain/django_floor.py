"""The floor's answers from a bare Django view, behind kbase's settings and its
whole middleware stack: what Django's request cycle costs before any API code
runs (no DRF, no serializer, the same prepared query on the floor's own psycopg
connection). kbase's views cannot be cheaper than this."""

from django.http import HttpRequest, HttpResponse

from bench import floor


def floor_page(request: HttpRequest, path: str) -> HttpResponse:
    status, body = floor.answer(path, request.META.get("QUERY_STRING", ""))
    return HttpResponse(body, status=status, content_type="application/json")
