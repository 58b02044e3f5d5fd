"""Routes for categories and items under /api/v1/."""

from rest_framework.routers import DefaultRouter

from inventory.views import CategoryViewSet, ItemImportViewSet, ItemViewSet

router = DefaultRouter()
router.register("categories", CategoryViewSet, basename="category")
# Before items/, whose detail route would otherwise take "imports" for an item id.
router.register("items/imports", ItemImportViewSet, basename="item-import")
router.register("items", ItemViewSet, basename="item")

urlpatterns = router.urls
