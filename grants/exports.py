"""The application basis for a grant year, as XLSX (one row per centre, one column per
condition) and as the PDF's file name; the PDF renders templates/grants/basis_pdf.html.

The XLSX is written by frivillig.lib.xlsx: amounts as numbers, a filter on the heading
row, headings and first column frozen, widths from the content; cells a spreadsheet would
read as a formula get a leading apostrophe."""

from django.utils.translation import gettext as _

from frivillig.lib import xlsx
from frivillig.lib.files import ascii_filename


def basis_filename(grant_year, extension: str) -> str:
    return ascii_filename(
        f"soknadsgrunnlag {grant_year.municipality.name} {grant_year.year}",
        extension,
        fallback="soknadsgrunnlag",
    )


def _state(row) -> str:
    if row.excluded:
        return _("Ikke med (vedtak)")
    return _("Oppfyller vilkårene") if row.qualifies else _("Mangler dokumentasjon")


def basis_table(grant_year, rows, conditions) -> tuple[list[str], list[list]]:
    headings = [
        _("Frivilligsentral"),
        _("Organisasjonsnummer"),
        _("Status"),
        _("Eier"),
        _("Styringsorgan"),
        _("Lokaler"),
        _("Årsverk"),
        _("Statstilskudd (kr)"),
        _("Fra kommunen (kr)"),
        _("Annen offentlig støtte (kr)"),
        _("Private midler (kr)"),
        _("Egne inntekter (kr)"),
        _("Lokal finansiering (kr)"),
        _("Driftsinntekter (kr)"),
        _("Lokal andel (%)"),
        _("Årsrapport"),
        _("Regnskap"),
    ]
    headings += [c.text for c in conditions]
    headings += [_("Mangler"), _("Begrunnelse for vedtak")]
    table = []
    for row in rows:
        s, report = row.status, row.report
        number = row.centre.org_number or (row.record.host_org_number if row.record else "")
        line = [
            row.centre.name,
            number,
            _state(row),
            s.owner_name,
            "; ".join(s.advisory_member_lines),
            s.premises,
            float(s.fte) if s.fte is not None else "",
            grant_year.rate,
            s.income_municipality or 0,
            s.income_other_public or 0,
            s.income_private or 0,
            s.income_own or 0,
            s.local_funding,
            s.operating_income,
            round(s.local_share, 1),
            report.get_state_display() if report else _("Ikke påbegynt"),
            _("Lastet opp") if report and report.accounts else _("Mangler"),
        ]
        line += [f"{ln.label}{': ' + ln.note if ln.note else ''}" for ln in row.lines]
        line += ["; ".join(row.missing), s.exclusion_reasons]
        table.append(line)
    return headings, table


def basis_xlsx(grant_year, rows) -> bytes:
    conditions = [line.condition for line in rows[0].lines] if rows else []
    headings, table = basis_table(grant_year, rows, conditions)
    above = [
        _("Tilskudd til frivilligsentraler %(year)s: %(municipality)s")
        % {"year": grant_year.year, "municipality": grant_year.municipality.name},
        _("Minst %(local)s kr lokal finansiering, budsjett minst %(budget)s kr")
        % {"local": grant_year.local_floor, "budget": grant_year.budget_floor},
    ]
    return xlsx.table_bytes(_("Søknadsgrunnlag"), headings, table, above=above)
