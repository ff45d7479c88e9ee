"""Refreshing what the portal knows from Enhetsregisteret, and the coordinator's answer
to each difference.

`sync_centres()` looks every centre up (its own organisation number, or else its host
organisation's, as the grant authority allows), writes what the register says to the
centre's RegisterRecord (the flags for bankruptcy and winding-up among it) and records
each difference from the centre's profile as a RegisterDifference: the profile itself
changes only when the coordinator accepts one. Running it again changes nothing more:
a difference already waiting, or one the coordinator rejected with the same value, is
not raised again.
"""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .brreg import Client, NotInRegister, RegisterError
from .models import RegisterDifference, RegisterRecord

D = RegisterDifference.Decision


@dataclass
class SyncReport:
    updated: list = field(default_factory=list)
    differences: list = field(default_factory=list)
    flagged: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (centre, reason)
    not_reached: list = field(default_factory=list)
    without_number: list = field(default_factory=list)
    stopped: str = ""


def org_number_for(centre, record) -> str:
    return centre.org_number or (record.host_org_number if record else "")


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _record_difference(centre, record, now) -> RegisterDifference | None:
    if not record.street_address:
        return None
    portal = (centre.street_address, centre.postal_code, centre.postal_place)
    register = (record.street_address, record.postal_code, record.postal_place)
    pending = RegisterDifference.objects.filter(
        centre=centre, field=RegisterDifference.Field.ADDRESS, decision=D.PENDING
    )
    if all(_same(a, b) for a, b in zip(portal, register, strict=True)):
        pending.delete()  # the profile caught up with the register
        return None
    register_value = record.address
    if pending.filter(register_value=register_value).exists():
        return None
    if RegisterDifference.objects.filter(
        centre=centre,
        field=RegisterDifference.Field.ADDRESS,
        decision=D.REJECTED,
        register_value=register_value,
    ).exists():
        return None
    pending.delete()  # the register moved on since: the newer value replaces it
    return RegisterDifference.objects.create(
        centre=centre,
        field=RegisterDifference.Field.ADDRESS,
        portal_value=centre.address,
        register_value=register_value,
        values={
            "street_address": record.street_address[:200],
            "postal_code": record.postal_code[:4],
            "postal_place": record.postal_place[:100],
        },
        found_at=now,
    )


@transaction.atomic
def apply_entity(centre, record, entity, board, now) -> RegisterDifference | None:
    record.looked_up = entity.org_number
    record.registered_name = entity.name
    record.organisation_form = entity.organisation_form
    record.street_address = entity.street_address
    record.postal_code = entity.postal_code
    record.postal_place = entity.postal_place
    record.in_frivillighetsregisteret = entity.in_frivillighetsregisteret
    record.latest_accounts = entity.latest_accounts
    record.bankrupt = entity.bankrupt
    record.winding_up = entity.winding_up
    record.forced_dissolution = entity.forced_dissolution
    if board is not None:
        record.board = board
    record.fetched_at = now
    record.save()
    return _record_difference(centre, record, now)


def sync_centres(
    *,
    centres,
    client: Client | None = None,
    entities: dict | None = None,
    delay: float = 0.0,
    now=None,
    sleep=None,
    progress=None,
) -> SyncReport:
    """Looks each centre up in the API (`client`) or in a bulk download already read
    (`entities`, by organisation number). A centre the register does not know fails on
    its own; when the register cannot be reached the run stops there, and the centres
    after it are listed as not reached. Ctrl-C stops it the same way."""
    now = now or timezone.now()
    sleep = sleep or time.sleep
    client = client if entities is not None or client is not None else Client()
    report = SyncReport()
    records = {r.centre_id: r for r in RegisterRecord.objects.filter(centre__in=centres)}
    calls = 0
    centres = list(centres)
    for index, centre in enumerate(centres):
        record = records.get(centre.pk) or RegisterRecord(centre=centre)
        number = org_number_for(centre, record)
        if not number:
            report.without_number.append(centre)
            continue
        try:
            if entities is not None:
                entity, board = entities.get(number), None
                if entity is None:
                    raise NotInRegister(number)
            else:
                if calls and delay:
                    sleep(delay)
                entity = client.entity(number)
                if delay:
                    sleep(delay)
                board = client.board(number)
                calls += 2
        except NotInRegister:
            report.failed.append((centre, f"{number}: not in Enhetsregisteret"))
            continue
        except RegisterError as error:
            report.failed.append((centre, str(error)))
            report.not_reached = centres[index + 1 :]
            report.stopped = str(error)
            break
        except KeyboardInterrupt:
            report.not_reached = centres[index:]
            report.stopped = "avbrutt"
            break
        difference = apply_entity(centre, record, entity, board, now)
        report.updated.append(centre)
        if difference is not None:
            report.differences.append(difference)
        if record.flags:
            report.flagged.append((centre, record.flags))
        if progress:
            progress(centre, record, difference)
    return report


@transaction.atomic
def accept_difference(*, difference, by, now=None) -> None:
    """Writes the register's value into the centre's profile (with its history)."""
    centre = difference.centre
    for name, value in difference.values.items():
        setattr(centre, name, value)
    centre.save()
    difference.decision = D.ACCEPTED
    difference.decided_at, difference.decided_by = now or timezone.now(), by
    difference.save()


@transaction.atomic
def reject_difference(*, difference, by, now=None) -> None:
    difference.decision = D.REJECTED
    difference.decided_at, difference.decided_by = now or timezone.now(), by
    difference.save()
