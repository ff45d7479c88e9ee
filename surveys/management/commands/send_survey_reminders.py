from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys import sending


class Command(BaseCommand):
    help = (
        "Closes open surveys past their deadline, and reminds the centres that have not "
        "submitted an open survey whose deadline is within --days days (default 3), "
        "unless they were reminded in the last day. For a daily scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3)
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--base-url",
            default="",
            help="The portal's address for the links in the e-mails (default: SITE_URL).",
        )

    def handle(self, *, days, dry_run, base_url, **options):
        today = timezone.localdate()
        closed = sending.close_expired(today=today, dry_run=dry_run)
        surveys, centres = sending.remind_before_deadlines(
            today=today, days=days, dry_run=dry_run, base_url=base_url or None
        )
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Closed {closed} survey(s) past the deadline; "
            f"reminded {centres} centre(s) in {surveys} survey(s)."
        )
