from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from centres.models import Centre
from grants.brreg import Client, read_bulk_file
from grants.models import RegisterRecord
from grants.register import org_number_for, sync_centres


class Command(BaseCommand):
    help = (
        "Refreshes every active centre from Enhetsregisteret (BRREG_API_URL), or from the "
        "register's bulk download with --from-file: name, organisation form, address, "
        "Frivillighetsregisteret, latest accounts, bankruptcy and winding-up, and the "
        "roles. A difference from the centre's profile waits for the coordinator to "
        "accept or reject it; nothing in the profile is changed here. Idempotent. "
        "Waits --delay seconds between calls (default BRREG_DELAY_SECONDS); stops when "
        "the register cannot be reached and names the centres that failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-file", type=Path, help="The bulk download (.json or .json.gz).")
        parser.add_argument("--delay", type=float, default=None)
        parser.add_argument("--municipality", default="", help="Only this municipality (slug).")

    def handle(self, *, from_file, delay, municipality, **options):
        centres = (
            Centre.objects.filter(active=True)
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )
        if municipality:
            centres = centres.filter(municipality__slug=municipality)
        centres = list(centres)
        entities = None
        if from_file is not None:
            if not from_file.is_file():
                raise CommandError(f"{from_file}: no such file")
            records = {r.centre_id: r for r in RegisterRecord.objects.filter(centre__in=centres)}
            wanted = {org_number_for(c, records.get(c.pk)) for c in centres} - {""}
            entities = read_bulk_file(from_file, wanted)
        report = sync_centres(
            centres=centres,
            client=None if entities is not None else Client(),
            entities=entities,
            delay=settings.BRREG_DELAY_SECONDS if delay is None else delay,
        )
        for difference in report.differences:
            self.stdout.write(
                f"{difference.centre.name}: address differs "
                f"({difference.portal_value or '-'} / register: {difference.register_value})"
            )
        for centre, flags in report.flagged:
            self.stdout.write(f"{centre.name}: {', '.join(flags)}")
        for centre in report.without_number:
            self.stdout.write(f"{centre.name}: no organisation number, skipped")
        for centre, reason in report.failed:
            self.stderr.write(f"{centre.name}: failed ({reason})")
        if report.stopped:
            names = ", ".join(c.name for c in report.not_reached) or "none"
            self.stderr.write(f"Stopped: {report.stopped}. Not reached: {names}")
        self.stdout.write(
            f"Updated {len(report.updated)} centre(s); {len(report.differences)} new "
            f"difference(s) to review; {len(report.flagged)} flagged; "
            f"{len(report.failed)} failed; {len(report.without_number)} without a number."
        )
        if report.failed or report.stopped:
            raise CommandError(
                "Failed: " + ", ".join(c.name for c, _reason in report.failed)
                if report.failed
                else f"Stopped: {report.stopped}"
            )
