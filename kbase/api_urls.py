"""/api/v1/: every resource of the REST API."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from kbase.facts.api import views as fact_views
from kbase.facts.api.matching import MatchView
from kbase.sources.api import views as source_views

router = DefaultRouter(trailing_slash=True)
router.register("facts", fact_views.FactViewSet, basename="fact")
# The sources' endpoints that answer facts (`sources/{id}/facts/`, `sources/lookup/`),
# registered first so that the API root names the sources' list.
router.register("sources", fact_views.SourceFactsViewSet, basename="source-facts")
router.register("sources", source_views.SourceViewSet, basename="source")
router.register("publishers", source_views.PublisherViewSet, basename="publisher")
router.register("topics", fact_views.TopicViewSet, basename="topic")
router.register("entities", fact_views.EntityViewSet, basename="entity")
router.register("discrepancies", fact_views.DiscrepancyViewSet, basename="discrepancy")

citation_list = fact_views.FactCitationViewSet.as_view({"get": "list", "post": "create"})
citation_detail = fact_views.FactCitationViewSet.as_view(
    {"get": "retrieve", "patch": "partial_update", "delete": "destroy"})

urlpatterns = [
    path("search/", fact_views.FactSearchView.as_view(), name="search"),
    path("match/", MatchView.as_view(), name="match"),
    path("changes/", fact_views.ChangeFeedView.as_view(), name="changes"),
    path("facts/<uuid:fact_id>/citations/", citation_list, name="fact-citation-list"),
    path("facts/<uuid:fact_id>/citations/<int:pk>/", citation_detail,
         name="fact-citation-detail"),
    path("", include(router.urls)),
]
