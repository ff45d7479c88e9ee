"""The agreement as a PDF: it renders, holds every clause, the parties and a signature
block, and says "Utkast" until it is approved."""

import io

from django.urls import reverse
from pypdf import PdfReader

from agreements.models import Agreement, AgreementClause


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_holds_the_clauses_the_parties_and_the_signature_block(
    client_for, coordinator, agreement
):
    AgreementClause.objects.create(
        agreement=agreement,
        order=4,
        title="Nærmiljøforum",
        text="Kommunens representanter møter i Frogners nærmiljøforum.",
    )
    Agreement.objects.filter(pk=agreement.pk).update(
        municipality_signatory="Ola Ordfører", municipality_signatory_title="Ordfører"
    )
    response = client_for(coordinator).get(reverse("agreements:pdf", args=[agreement.pk]))
    text = pdf_text(response)
    assert 'filename="samarbeidsavtale-klyve-naermiljosenter-' in response["Content-Disposition"]
    assert agreement.title in text
    for title in ("Formål", "Forankring", "Møter", "Nærmiljøforum"):
        assert title in text, title
    assert "Kommunens representanter møter i Frogners nærmiljøforum." in text
    assert "Underskrifter" in text and "Ola Ordfører" in text
    # The party headings and the draft mark are capitalised by the stylesheet.
    assert "for skien kommune" in text.lower() and "for klyve nærmiljøsenter" in text.lower()
    assert "utkast" in text.lower()


def test_a_signed_agreement_prints_without_the_draft_mark(client_for, reader, signed_agreement):
    text = pdf_text(client_for(reader).get(reverse("agreements:pdf", args=[signed_agreement.pk])))
    assert signed_agreement.title in text and "utkast" not in text.lower()
