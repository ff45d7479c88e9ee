from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts import mail
from accounts.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Send every e-mail of the outbox that is due, whatever became of the background "
        "task that was to send it (a worker stopped mid-send, a queue that was down), and "
        "delete sent e-mails older than 30 days; run every few minutes from a scheduler "
        "(deploy/systemd/frivillig-send-queued-emails.timer) and before the worker starts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due = OutgoingEmail.objects.due(timezone.now()).count()
            self.stdout.write(f"Ville sendt {due} e-poster.")
            return
        sent, not_sent = mail.send_all_due()
        deleted = mail.delete_sent()
        if options["verbosity"] == 0 and not (sent or not_sent):
            return  # quiet when run every few minutes with nothing to do (make serve)
        self.stdout.write(
            f"Sendte {sent} e-poster, {not_sent} ble ikke tatt imot; "
            f"slettet {deleted} sendte e-poster eldre enn 30 dager."
        )
