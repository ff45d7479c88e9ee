from django.core.management.base import BaseCommand

from accounts.services import anonymise_inactive_users, purge_security_data

LABELS = {
    "accessattempt": "innloggingsforsøk",
    "accesslog": "innlogginger i loggen",
    "accessfailurelog": "feilede innlogginger i loggen",
    "session": "utløpte økter",
}


class Command(BaseCommand):
    help = (
        "Apply the retention rules (README, 'Privacy and retention'); run daily from a "
        "scheduler: delete login attempts and login logs older than 90 days and expired "
        "sessions, and anonymise the deactivated accounts nobody has logged in to for "
        "12 months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = purge_security_data(dry_run=dry_run)
        anonymised = anonymise_inactive_users(dry_run=dry_run)
        verb = "Ville slettet" if dry_run else "Slettet"
        deleted = ", ".join(f"{count} {LABELS.get(name, name)}" for name, count in counts.items())
        self.stdout.write(f"{verb}: {deleted}.")
        verb = "Ville anonymisert" if dry_run else "Anonymiserte"
        self.stdout.write(f"{verb} {anonymised} deaktiverte brukere.")
