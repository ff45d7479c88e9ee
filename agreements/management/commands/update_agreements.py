from django.core.management.base import BaseCommand

from agreements.transitions import refresh_states


class Command(BaseCommand):
    help = (
        "Move agreements on by the calendar; run daily from a scheduler: a signed "
        "agreement comes into force on its start date, an active one is due for renewal "
        "90 days before its end, and one past its end expires."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = refresh_states(dry_run=dry_run)
        verb = "Ville endret" if dry_run else "Endret"
        self.stdout.write(
            f"{verb}: {counts['activate']} trådte i kraft, {counts['flag_renewal']} skal "
            f"fornyes, {counts['expire']} utløpt."
        )
