"""Enhetsregisteret: the client against the fake register on 127.0.0.1, brreg_sync (API
and --from-file), the differences the coordinator accepts or rejects, and the flags."""

import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from grants.brreg import Client, NotInRegister, RegisterError
from grants.models import RegisterDifference, RegisterRecord

from .fake_brreg import FakeRegister, recorded

pytestmark = pytest.mark.django_db
KLYVE, GULSET = "998000009", "998000017"


@pytest.fixture
def register(settings):
    with FakeRegister() as fake:
        settings.BRREG_API_URL = fake.url
        settings.BRREG_DELAY_SECONDS = 0
        yield fake


@pytest.fixture
def numbered(centre_a, centre_b):
    centre_a.org_number, centre_a.street_address = KLYVE, "Klyvevegen 1"
    centre_a.postal_code, centre_a.postal_place = "3721", "Skien"
    centre_a.save()
    centre_b.org_number = GULSET
    centre_b.street_address, centre_b.postal_code, centre_b.postal_place = (
        "Gulsetvegen 40",
        "3727",
        "Skien",
    )
    centre_b.save()
    return centre_a, centre_b


def _sync(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("brreg_sync", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_client_reads_the_entity_and_its_current_board(register):
    client = Client()
    entity = client.entity(KLYVE)
    assert (entity.name, entity.organisation_form) == (
        "KLYVE NÆRMILJØSENTER",
        "Forening/lag/innretning",
    )
    assert (entity.street_address, entity.postal_code, entity.postal_place) == (
        "Klyvevegen 2",
        "3721",
        "Skien",
    )
    assert entity.in_frivillighetsregisteret and entity.latest_accounts == "2024"
    assert client.board(KLYVE) == [
        {"role": "Styrets leder", "name": "Kari Nordmann"},
        {"role": "Styremedlem", "name": "Ola Per Hansen"},
    ]
    with pytest.raises(NotInRegister):
        client.entity("998000025")


def test_the_client_retries_and_then_gives_up(register):
    register.failing.add(KLYVE)
    with pytest.raises(RegisterError):
        Client(retries=2, backoff=0).entity(KLYVE)
    assert register.requests == [f"/enheter/{KLYVE}"] * 2


def test_the_client_times_out(settings):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        with pytest.raises(RegisterError):
            Client(url, timeout=0.2, retries=1).entity(KLYVE)
    finally:
        listener.close()


def test_sync_records_a_difference_and_the_profile_changes_only_when_accepted(
    client, register, numbered, coordinator
):
    centre_a, _centre_b = numbered
    output = _sync()
    assert "Klyve nærmiljøsenter: address differs" in output
    difference = RegisterDifference.objects.get(centre=centre_a)
    assert difference.register_value == "Klyvevegen 2, 3721 Skien"
    centre_a.refresh_from_db()
    assert centre_a.street_address == "Klyvevegen 1"  # never written silently
    record = RegisterRecord.objects.get(centre=centre_a)
    assert record.board[0] == {"role": "Styrets leder", "name": "Kari Nordmann"}

    client.force_login(coordinator)
    page = client.get(reverse("grants:differences")).content.decode()
    assert "Klyvevegen 2, 3721 Skien" in page
    response = client.post(
        reverse("grants:difference_decide", args=[difference.pk]), {"action": "accept"}
    )
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert centre_a.address == "Klyvevegen 2, 3721 Skien"
    assert centre_a.history.first().street_address == "Klyvevegen 2"
    difference.refresh_from_db()
    assert difference.decision == "accepted" and difference.decided_by == coordinator


def test_sync_flags_a_centre_under_winding_up(client, register, numbered, coordinator):
    _centre_a, centre_b = numbered
    output = _sync()
    assert "Gulset nærmiljøsenter: under avvikling" in output
    assert RegisterRecord.objects.get(centre=centre_b).winding_up
    client.force_login(coordinator)
    page = client.get(reverse("grants:differences")).content.decode()
    assert "under avvikling" in page


def test_sync_twice_changes_nothing_more(register, numbered):
    _sync()
    _sync()
    assert RegisterDifference.objects.count() == 1
    assert RegisterRecord.objects.count() == 2


def test_a_rejected_difference_is_not_raised_again(register, numbered, coordinator):
    from grants.register import reject_difference

    _sync()
    reject_difference(difference=RegisterDifference.objects.get(), by=coordinator)
    _sync()
    assert RegisterDifference.objects.filter(decision="pending").count() == 0


def test_a_centre_without_a_number_uses_its_host_organisations(register, centre_a):
    RegisterRecord.objects.create(centre=centre_a, host_org_number=KLYVE)
    _sync()
    assert RegisterRecord.objects.get(centre=centre_a).registered_name == "KLYVE NÆRMILJØSENTER"


def test_sync_names_the_centres_that_failed_and_stops_when_the_register_is_down(
    register, numbered, municipality
):
    from ..factories import CentreFactory

    unknown = CentreFactory(
        municipality=municipality, name="Ukjent sentral", org_number="998000025"
    )
    with pytest.raises(CommandError, match="Ukjent sentral"):
        _sync()
    assert not RegisterRecord.objects.filter(centre=unknown).exists()
    register.failing.update({KLYVE, GULSET})
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("brreg_sync", stdout=io.StringIO(), stderr=err)
    # Gulset comes first by name; the register is down, so the run stops there.
    assert "Stopped:" in err.getvalue() and "Not reached:" in err.getvalue()


def test_sync_waits_between_calls(register, numbered, monkeypatch):
    from grants import register as register_module

    pauses = []
    monkeypatch.setattr(register_module.time, "sleep", pauses.append)
    _sync("--delay", "0.25")
    assert pauses and set(pauses) == {0.25}
    assert len(pauses) == len(register.requests) - 1


def test_sync_from_the_bulk_download(numbered, tmp_path, settings):
    settings.BRREG_API_URL = "http://127.0.0.1:9"  # nothing listens: the file is all it reads
    bulk = tmp_path / "enheter_alle.json.gz"
    with gzip.open(bulk, "wt", encoding="utf-8") as file:
        json.dump([recorded("enhet_998000009.json"), recorded("enhet_998000017.json")], file)
    output = _sync("--from-file", str(bulk))
    assert "Updated 2 centre(s); 1 new difference(s) to review; 1 flagged" in output
