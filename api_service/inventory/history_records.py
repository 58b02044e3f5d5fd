"""The history model's pieces: what each entry adds to an item's snapshot, and a history written by the services.

django-simple-history builds `HistoricalItem` (a snapshot of every item field per change); this module adds the
action, the source and the changed fields, and turns off the library's model signals. Almost every item write is a
queryset `update()`, raw SQL or `bulk_create`, which send no signals, so the services record each change themselves
(inventory/history.py). Left connected, the delete signals would also stop Django's fast deletes: a purge or an
account deletion would load and record every item one by one.
"""

from django.db import models
from django.db.models import signals
from simple_history.models import HistoricalRecords


class ItemChange(models.Model):
    """What a history entry says beyond the item's snapshot: what happened, through what, and which fields changed."""

    class Action(models.TextChoices):
        CREATED = "created"
        UPDATED = "updated"
        DELETED = "deleted"
        RESTORED = "restored"

    class Source(models.TextChoices):
        WEB = "web"
        API = "api"
        BULK = "bulk"
        IMPORT = "import"
        ADMIN = "admin"

    action = models.CharField(max_length=8, choices=Action.choices)
    source = models.CharField(max_length=6, choices=Source.choices)
    changes = models.JSONField(
        default=list, blank=True, help_text='Updates: [{"field", "old", "new"}], values as the API shows them.'
    )

    class Meta:
        abstract = True


class HistoryWrittenByServices(HistoricalRecords):
    """simple-history's historical model and manager, without its model signals (see the module docstring)."""

    def finalize(self, sender, **kwargs):
        """Build the historical model as the library does, then disconnect the signals it connected."""
        super().finalize(sender, **kwargs)
        if hasattr(sender._meta, "simple_history_manager_attribute") and sender is self.cls:
            signals.post_save.disconnect(self.post_save, sender=sender)
            signals.post_delete.disconnect(self.post_delete, sender=sender)
            signals.pre_delete.disconnect(self.pre_delete, sender=sender)

    def get_meta_options(self, model):
        """Index entries for the two ways they are read: an owner's newest, and one item's newest."""
        options = super().get_meta_options(model)
        options["indexes"] = [
            models.Index(fields=["owner", "history_date", "history_id"], name="item_history_owner_date"),
            models.Index(fields=["id", "history_date", "history_id"], name="item_history_item_date"),
        ]
        return options
