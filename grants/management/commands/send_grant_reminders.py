from django.core.management.base import BaseCommand
from django.utils import timezone

from grants.models import GrantYear
from grants.services import remind_missing


class Command(BaseCommand):
    help = (
        "Reminds the centres with something missing for a grant year (the annual report, "
        "the accounts, a condition) when the year's internal deadline is within --days "
        "days (default 14), unless reminded in the last day. For a daily scheduler; the "
        "e-mails go through the background tasks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *, days, dry_run, **options):
        today = timezone.localdate()
        total = 0
        for grant_year in GrantYear.objects.filter(internal_deadline__gte=today):
            total += remind_missing(grant_year=grant_year, today=today, days=days, dry_run=dry_run)
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(f"{prefix}Reminded {total} centre(s).")
