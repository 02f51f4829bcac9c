from django.urls import re_path
from rest_framework.routers import DefaultRouter

from .api import FactViewSet
from .django_floor import floor_page

router = DefaultRouter()
router.register("facts", FactViewSet, basename="plain-fact")
urlpatterns = [
    re_path(r"^django-floor(?P<path>/.*)$", floor_page),
    *router.urls,
]
