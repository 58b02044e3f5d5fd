"""Routes for categories and items under /api/v1/."""

from rest_framework.routers import DefaultRouter

from inventory.views import CategoryViewSet, ItemViewSet

router = DefaultRouter()
router.register("categories", CategoryViewSet, basename="category")
router.register("items", ItemViewSet, basename="item")

urlpatterns = router.urls
