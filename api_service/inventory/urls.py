"""Routes for categories and items under /api/v1/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from inventory.history_views import HistoryViewSet
from inventory.stats_views import StatsView
from inventory.trash_views import TrashViewSet
from inventory.views import CategoryViewSet, ItemImportViewSet, ItemViewSet

router = DefaultRouter()
router.register("categories", CategoryViewSet, basename="category")
# Before items/, whose detail route would otherwise take "imports" for an item id.
router.register("items/imports", ItemImportViewSet, basename="item-import")
router.register("items/trash", TrashViewSet, basename="item-trash")
router.register("items", ItemViewSet, basename="item")
router.register("history", HistoryViewSet, basename="history")

urlpatterns = [*router.urls, path("stats/", StatsView.as_view(), name="stats")]
