"""A small client for Enhetsregisteret's open API (data.brreg.no/enhetsregisteret/api),
on the standard library: a timeout on every call, a few retries with a growing pause
on a network error or a 5xx/429 answer, JSON in and out.

No maintained Python client for the API fits (the ones on PyPI are unmaintained
wrappers), and the two endpoints used here are plain GETs:

- `GET {BRREG_API_URL}/enheter/{orgnr}`: the entity (navn, organisasjonsform,
  forretningsadresse, registrertIFrivillighetsregisteret, sisteInnsendteAarsregnskap,
  konkurs, underAvvikling, underTvangsavviklingEllerTvangsopplosning); 404 when the
  number is not a main entity, 410 when it was deleted;
- `GET {BRREG_API_URL}/enheter/{orgnr}/roller`: the roles in `rollegrupper`.

The bulk download (`/enheter/lastned`, a gzipped JSON array of the same entities) is
read by `read_bulk_file()`.
"""

import gzip
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

USER_AGENT = "Frivillig (frivilligsentraler og kommunen)"


class RegisterError(Exception):
    """The register could not be reached or answered something unreadable."""


class NotInRegister(Exception):
    """The register has no (or no longer a) main entity with this number."""


@dataclass
class Entity:
    """The fields the grant year uses, from one entity of the register."""

    org_number: str
    name: str = ""
    organisation_form: str = ""
    street_address: str = ""
    postal_code: str = ""
    postal_place: str = ""
    in_frivillighetsregisteret: bool | None = None
    latest_accounts: str = ""
    bankrupt: bool = False
    winding_up: bool = False
    forced_dissolution: bool = False
    board: list[dict] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "Entity":
        address = data.get("forretningsadresse") or data.get("postadresse") or {}
        form = data.get("organisasjonsform") or {}
        return cls(
            org_number=str(data.get("organisasjonsnummer", "")),
            name=data.get("navn", ""),
            organisation_form=form.get("beskrivelse", "") or form.get("kode", ""),
            street_address=", ".join(line for line in address.get("adresse") or [] if line),
            postal_code=address.get("postnummer", "") or "",
            postal_place=(address.get("poststed", "") or "").title(),
            in_frivillighetsregisteret=data.get("registrertIFrivillighetsregisteret"),
            latest_accounts=str(data.get("sisteInnsendteAarsregnskap", "") or ""),
            bankrupt=bool(data.get("konkurs")),
            winding_up=bool(data.get("underAvvikling")),
            forced_dissolution=bool(data.get("underTvangsavviklingEllerTvangsopplosning")),
        )


def board_from_roles(data: dict) -> list[dict]:
    """The current holders of each role, as [{"role": …, "name": …}], from the roles
    endpoint's `rollegrupper`; those who have stepped down (`fratraadt`) are left out."""
    board = []
    for group in data.get("rollegrupper") or []:
        for role in group.get("roller") or []:
            if role.get("fratraadt"):
                continue
            person = role.get("person") or {}
            names = person.get("navn") or {}
            name = " ".join(
                part
                for part in (names.get("fornavn"), names.get("mellomnavn"), names.get("etternavn"))
                if part
            )
            if not name and role.get("enhet"):
                name = " ".join(role["enhet"].get("navn") or [])
            board.append({"role": (role.get("type") or {}).get("beskrivelse", ""), "name": name})
    return board


class Client:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        retries: int = 3,
        backoff: float = 0.5,
    ):
        self.base_url = (base_url or settings.BRREG_API_URL).rstrip("/")
        self.timeout = timeout if timeout is not None else settings.BRREG_TIMEOUT_SECONDS
        self.retries = retries
        self.backoff = backoff

    def _get(self, path: str):
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )
        last_error = None
        for attempt in range(self.retries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                if error.code in (404, 410):
                    raise NotInRegister(path) from error
                if error.code != 429 and error.code < 500:
                    raise RegisterError(f"{path}: HTTP {error.code}") from error
                last_error = error
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last_error = error
            except ValueError as error:  # not JSON
                raise RegisterError(f"{path}: {error}") from error
        raise RegisterError(f"{path}: {last_error}")

    def entity(self, org_number: str) -> Entity:
        return Entity.from_json(self._get(f"/enheter/{org_number}"))

    def board(self, org_number: str) -> list[dict]:
        try:
            return board_from_roles(self._get(f"/enheter/{org_number}/roller"))
        except NotInRegister:
            return []


def read_bulk_file(path: Path, wanted: set[str]) -> dict[str, Entity]:
    """The entities numbered in `wanted` from the register's bulk download (a JSON array
    of entities, gzipped or not)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as file:
        data = json.load(file)
    if isinstance(data, dict):  # a saved search answer: {"_embedded": {"enheter": [...]}}
        data = (data.get("_embedded") or {}).get("enheter") or []
    return {
        str(item.get("organisasjonsnummer")): Entity.from_json(item)
        for item in data
        if str(item.get("organisasjonsnummer")) in wanted
    }
