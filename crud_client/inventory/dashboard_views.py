"""The signed-in user's home page: the stock's figures, its value by category, low stock and recent changes."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from common.api_views import ApiClientMixin
from inventory.history_lines import history_lines
from inventory.value_chart import value_chart

RECENT_CHANGES = 10


class DashboardView(LoginRequiredMixin, ApiClientMixin, TemplateView):
    """Two API calls: the figures (computed by the API) and the ten most recent changes."""

    template_name = "inventory/dashboard.html"

    def get_context_data(self, **kwargs):
        """Add the figures, the chart's layout and the recent changes as sentences."""
        stats = self.api.stats.get()
        recent = self.api.history.list(page_size=RECENT_CHANGES)
        kwargs.update(
            stats=stats, chart=value_chart(stats.get("by_category", [])), recent=history_lines(recent.results)
        )
        return super().get_context_data(**kwargs)
