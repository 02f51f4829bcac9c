from rest_framework.routers import DefaultRouter

from .api import FactViewSet

router = DefaultRouter()
router.register("facts", FactViewSet, basename="plain-fact")
urlpatterns = router.urls
