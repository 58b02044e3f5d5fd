"""`manage.py purge_trash`: delete items that have been in the trash longer than API_TRASH_DAYS, for good."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inventory.trash import purge_trash


class Command(BaseCommand):
    """Delete old trashed items and their history; safe to run from cron every hour."""

    help = "Delete items trashed more than API_TRASH_DAYS days ago (default 30), with their history."

    def add_arguments(self, parser):
        """Allow another age than the setting's, for a one-off clean-up."""
        parser.add_argument("--days", type=int, default=None, help="Age in days (default: API_TRASH_DAYS).")

    def handle(self, *args, days=None, **options):
        """Purge, then say how many items went."""
        days = settings.TRASH_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = purge_trash(days=days)
        self.stdout.write(f"Purged {count} item{'' if count == 1 else 's'} trashed more than {days} days ago.")
