"""Letters and beschikkingen: content (RULES.md §3), layout, fonts, pages."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.documents import TEMPLATE_KINDS, Letterhead, Recipient, TemplateError, render_letter

from .samples import (
    CLIENT,
    DECISIONS,
    LEGAL_ARTICLE,
    MOTIVATION,
    SAMPLE_FIELDS,
    embedded_font_files,
    font_names,
    make_letterhead,
    make_request,
    page_count,
    pdf_text,
    text_positions,
)


@pytest.fixture(scope="module")
def letters() -> dict[str, bytes]:
    head = make_letterhead()
    return {kind: render_letter(head, make_request(kind)) for kind in TEMPLATE_KINDS}


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_kind_is_an_a4_pdf_with_only_embedded_dejavu(letters: dict[str, bytes], kind: str) -> None:
    pdf = letters[kind]
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox

    assert (round(float(box.width)), round(float(box.height))) == (round(A4[0]), round(A4[1]))
    names = font_names(pdf)
    assert names and all("DejaVuSans" in name for name in names), names
    assert set(embedded_font_files(pdf)) == names


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_letterhead_kenmerk_date_and_counsellor_are_printed(letters: dict[str, bytes], kind: str) -> None:
    text = pdf_text(letters[kind])

    for expected in (
        "Gemeente Dijkwaard",
        "Stadhuisplein 1",
        "0123 45 67 89",
        "schuldhulp@dijkwaard.nl",
        "www.dijkwaard.nl",
        "SHV-2026-0042",
        "13 november 2026",
        "Sanne de Boer",
        "consulent schuldhulpverlening",
    ):
        assert expected in text, (kind, expected)


@pytest.mark.parametrize("kind", DECISIONS)
def test_beschikking_has_every_awb_element(letters: dict[str, bytes], kind: str) -> None:
    text = pdf_text(letters[kind])

    assert "Ons besluit" in text
    assert MOTIVATION.split(".")[0] in text or "U kreeg tot 1 maart 2025" in text
    assert LEGAL_ARTICLE[kind] in text
    assert "bezwaar" in text
    assert "belanghebbende" in text
    assert "6 weken" in text
    assert "De laatste dag om bezwaar te maken is 28 december 2026" in text
    assert "het college van burgemeester en wethouders van Dijkwaard, Postbus 100, 1234 AA Dijkwaard" in text
    assert "Namens het college van burgemeester en wethouders van Dijkwaard" in text


def test_toelating_prints_the_plan_van_aanpak_and_the_beslagvrije_voet(letters: dict[str, bytes]) -> None:
    text = pdf_text(letters["toelating"])

    for expected in (
        "Uw plan van aanpak",
        "Ik wil weer overzicht en rust.",
        "U krijgt budgetbeheer.",
        "Wij verwijzen u nu niet door",
        "U maakt geen nieuwe schulden.",
        "Uw beslagvrije voet is € 1.452,63 per maand.",
    ):
        assert expected in text


def test_afwijzing_prints_the_chosen_ground(letters: dict[str, bytes]) -> None:
    text = pdf_text(letters["afwijzing"])

    assert "U heeft eerder schuldhulp gehad." in text
    assert "beleidsplan schuldhulpverlening" in text


def test_beeindiging_prints_date_reason_and_ë(letters: dict[str, bytes]) -> None:
    text = pdf_text(letters["beeindiging"])

    assert "beëindiging" in text
    assert "Wij stoppen uw schuldhulp op 31 december 2026." in text
    assert "U bent niet meer naar onze afspraken gekomen." in text


def test_invitation_has_date_time_place_and_what_to_bring_on_one_page(letters: dict[str, bytes]) -> None:
    pdf = letters["uitnodiging"]
    text = pdf_text(pdf)

    assert "dinsdag 8 december 2026" in text
    assert "9.30 uur" in text
    assert "Stadhuis, Stadhuisplein 1" in text
    assert "Uw identiteitsbewijs" in text and "Brieven van schuldeisers" in text
    assert "bezwaar" not in text
    assert page_count(pdf) == 1
    assert "Pagina" not in text


def test_stabilisation_letter_is_a_request_not_a_beschikking(letters: dict[str, bytes]) -> None:
    text = pdf_text(letters["stabilisatieovereenkomst"])

    assert "Incassobureau Noord B.V." in text
    assert "Cliënt" in text and "A. Çelik-de Vries" in text
    assert "1 december 2026 tot en met 31 maart 2027" in text
    assert "bezwaar" not in text.lower()
    assert "geen besluit" in text


def test_long_motivation_flows_to_page_two_with_page_numbers(letterhead: Letterhead) -> None:
    # GIVEN a motivation of 20 numbered paragraphs
    motivation = "\n\n".join(
        f"Dit is reden nummer {i} voor ons besluit over uw schuldhulp." for i in range(1, 21)
    )
    fields = {**SAMPLE_FIELDS["beeindiging"], "motivation": motivation}

    # WHEN
    pdf = render_letter(letterhead, make_request("beeindiging", fields))

    # THEN it takes two pages, numbered, and nothing is lost
    text = pdf_text(pdf)
    assert page_count(pdf) == 2
    assert "Pagina 1 van 2" in text and "Pagina 2 van 2" in text
    for i in range(1, 21):
        assert f"reden nummer {i} voor" in text
    assert "De laatste dag om bezwaar te maken is 28 december 2026" in text


def test_very_long_word_is_wrapped_not_cut(letterhead: Letterhead) -> None:
    word = "X" * 300
    fields = {**SAMPLE_FIELDS["afwijzing"], "motivation": f"Begin {word} einde."}

    text = pdf_text(render_letter(letterhead, make_request("afwijzing", fields))).replace(" ", "")

    assert word in text and "einde." in text


def test_recipient_sits_in_the_envelope_window(letters: dict[str, bytes]) -> None:
    # Window: 20-110 mm from the left, 50-90 mm from the top of the A4 sheet.
    positions = {text: (x, y) for text, x, y in text_positions(letters["toelating"])}
    for line in (CLIENT.name, *CLIENT.address_lines, "Postbus 100, 1234 AA Dijkwaard"):
        x, y = positions[line]
        from_top = (A4[1] - y) / mm
        assert 20 < x / mm < 30, line
        assert 50 < from_top < 90, (line, from_top)


def test_metadata_title_author_and_template_version(letters: dict[str, bytes]) -> None:
    meta = PdfReader(BytesIO(letters["toelating"])).metadata

    assert meta is not None
    assert meta.title == "Besluit: u krijgt schuldhulp"
    assert meta.author == "Gemeente Dijkwaard"
    assert "sjabloon toelating versie 1" in str(meta.get("/Keywords"))


def test_markup_characters_in_values_are_printed_literally(letterhead: Letterhead) -> None:
    fields = {**SAMPLE_FIELDS["afwijzing"], "motivation": "Huur & energie <b>niet</b> betaald."}

    text = pdf_text(render_letter(letterhead, make_request("afwijzing", fields)))

    assert "Huur & energie <b>niet</b> betaald." in text


def test_beschikking_without_last_day_is_refused(letterhead: Letterhead) -> None:
    with pytest.raises(ValueError, match="objection_until"):
        render_letter(letterhead, make_request("toelating", objection_until=None))


def test_last_day_less_than_six_weeks_after_the_letter_is_refused(letterhead: Letterhead) -> None:
    from datetime import date

    with pytest.raises(ValueError, match="less than 6 weeks"):
        render_letter(letterhead, make_request("afwijzing", objection_until=date(2026, 12, 24)))


def test_letter_that_is_no_beschikking_refuses_an_objection_date(letterhead: Letterhead) -> None:
    from datetime import date

    with pytest.raises(ValueError, match="no beschikking"):
        render_letter(letterhead, make_request("uitnodiging", objection_until=date(2027, 1, 1)))


def test_template_error_surfaces_from_render(letterhead: Letterhead) -> None:
    with pytest.raises(TemplateError) as caught:
        render_letter(letterhead, make_request("toelating", {}))
    assert caught.value.template == "toelating"


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (200, 80), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_logo_from_bytes_or_path_is_drawn(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(_png())
    for logo in (_png(), path, str(path)):
        pdf = render_letter(make_letterhead(logo=logo), make_request("uitnodiging"))
        resources: Any = PdfReader(BytesIO(pdf)).pages[0]["/Resources"].get_object()
        xobjects = resources.get("/XObject", {})
        assert len(xobjects) == 1


def test_missing_or_broken_logo_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        render_letter(make_letterhead(logo=tmp_path / "nope.png"), make_request("uitnodiging"))
    with pytest.raises(ValueError, match="not a readable image"):
        render_letter(make_letterhead(logo=b"not an image"), make_request("uitnodiging"))


def test_fixed_signer_signs_and_counsellor_still_handles() -> None:
    head = make_letterhead(signature_name="J. Visser", signature_role="teamleider schuldhulpverlening")

    text = pdf_text(render_letter(head, make_request("toelating")))

    assert "J. Visser" in text and "teamleider schuldhulpverlening" in text
    assert "Sanne de Boer" in text


def test_recipient_needs_an_address_that_fits_the_window() -> None:
    with pytest.raises(ValueError, match="envelope window"):
        Recipient("A", ("1", "2", "3", "4", "5"))
    with pytest.raises(ValueError, match="envelope window"):
        Recipient("A", ())


def test_long_address_line_is_shrunk_to_fit_the_window(letterhead: Letterhead) -> None:
    recipient = Recipient(
        "Stichting Schuldhulpmaatje Dijkwaard en Omstreken t.a.v. de heer Van den Berg", ("Lange Laan 1",)
    )

    pdf = render_letter(letterhead, make_request("uitnodiging", recipient=recipient))

    assert recipient.name in pdf_text(pdf)


def _headings(kind: str) -> set[str]:
    """The heading and plan-section texts of a letter template (from its JSON)."""
    import json

    from app.resources import resource_path

    data = json.loads(resource_path("templates", "letters", f"{kind}.json").read_text(encoding="utf-8"))
    found = {b["text"] for b in data["blocks"] if b["type"] == "heading" and "{" not in b["text"]}
    for block in data["blocks"]:
        found |= {s["label"] for s in block.get("sections", ())}
    return found


@pytest.mark.parametrize("kind", ["afwijzing", "beeindiging", "toelating"])
def test_a_heading_never_stands_alone_at_the_bottom_of_a_page(letterhead: Letterhead, kind: str) -> None:
    # GIVEN motivations of 1 to 24 paragraphs, so the headings after it land all over the page
    headings = _headings(kind)
    assert headings
    checked = 0
    for count in range(1, 25):
        motivation = "\n\n".join(
            f"Dit is reden {i} voor ons besluit over uw schuldhulp." for i in range(count)
        )
        pdf = render_letter(letterhead, make_request(kind, {**SAMPLE_FIELDS[kind], "motivation": motivation}))
        for page in range(page_count(pdf) - 1):
            # WHEN we look at the lowest line of the body on every page but the last
            body = [
                (t, y) for t, _x, y in text_positions(pdf, page) if y > 20 * mm and not t.startswith("Pagina")
            ]
            lowest = min(body, key=lambda r: r[1])[0]
            # THEN it is never a heading: a heading moves to the next page with what follows it
            assert lowest not in headings, (count, page, lowest)
            checked += 1
    assert checked >= 10  # the longer motivations did run onto a second page
