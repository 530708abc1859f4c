"""Klantkaart, "Gelukt!" card and the step map."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import String
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from app.documents import (
    CLIENT_STEP_LABELS,
    Letterhead,
    NextStep,
    Tone,
    render_card,
    render_success_card,
    step_map_drawing,
)
from app.documents.plain_language import PROFILE_NAMES
from app.documents.step_map import HERE_LABEL, client_step
from app.rules.phases import MAIN_LINE, Phase

from .samples import embedded_font_files, font_names, make_card, make_success_card, page_count, pdf_text

LONGEST_STEP = (
    "Lever uw bankafschriften in van de laatste drie maanden, van al uw rekeningen, ook die van uw partner."
)


def is_a5(pdf: bytes) -> bool:
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    return (round(float(box.width)), round(float(box.height))) == (round(A5[0]), round(A5[1]))


@pytest.mark.parametrize("tone", list(Tone))
def test_card_is_one_a5_page_in_every_tone(letterhead: Letterhead, tone: Tone) -> None:
    pdf = render_card(letterhead, make_card(tone=tone, check_in_date=date(2026, 12, 3)))

    assert page_count(pdf) == 1
    assert is_a5(pdf)
    names = font_names(pdf)
    assert names and all("DejaVuSans" in name for name in names)
    assert set(embedded_font_files(pdf)) == names


@pytest.mark.parametrize("tone", list(Tone))
def test_card_shows_steps_contact_and_appointment(letterhead: Letterhead, tone: Tone) -> None:
    text = pdf_text(render_card(letterhead, make_card(tone=tone)))

    assert "Uw stappenkaart" in text
    assert "mevrouw Çelik" in text
    assert HERE_LABEL in text
    assert "Rust in uw geldzaken" in text
    assert "Lever uw bankafschriften in van de laatste 3 maanden." in text
    assert "maandag 7 december 2026" in text
    assert "Wij vragen uw schuldeisers om 4 maanden te wachten." in text
    assert "Sanne de Boer" in text and "0123 45 67 89" in text
    assert "maandag 14 december 2026" in text and "9.30 uur" in text and "Stadhuis, kamer 2.14" in text


def test_tones_word_the_card_differently(letterhead: Letterhead) -> None:
    texts = {tone: pdf_text(render_card(letterhead, make_card(tone=tone))) for tone in Tone}

    assert len(set(texts.values())) == len(Tone)
    assert "Tip:" in texts[Tone.LEARNING] and "Tip:" not in texts[Tone.STANDARD]


def test_check_in_date_is_printed_as_a_concrete_date(letterhead: Letterhead) -> None:
    text = pdf_text(render_card(letterhead, make_card(tone=Tone.CHECK_IN, check_in_date=date(2026, 12, 3))))

    assert "Op donderdag 3 december 2026 bellen wij u." in text


def test_card_without_steps_or_appointment_says_so(letterhead: Letterhead) -> None:
    card = make_card(next_steps=(), municipality_steps=(), appointment=None, current_phase=Phase.APPLICATION)

    text = pdf_text(render_card(letterhead, card))

    assert "U hoeft nu niets te doen." in text
    assert "Wij bellen u om een nieuwe afspraak te maken." in text


def test_fullest_card_still_fits_one_page(letterhead: Letterhead) -> None:
    # GIVEN three long steps for the client and three for the municipality, every extra on
    steps = tuple(NextStep(LONGEST_STEP, date(2026, 12, 7 + i)) for i in range(3))
    card = make_card(
        next_steps=steps,
        municipality_steps=(LONGEST_STEP,) * 3,
        tone=Tone.LEARNING,
        check_in_date=date(2026, 12, 3),
    )

    # WHEN / THEN
    pdf = render_card(letterhead, card)
    assert page_count(pdf) == 1
    assert pdf_text(pdf).count("van al uw rekeningen") == 6


def test_card_refuses_more_than_three_steps_or_long_texts() -> None:
    with pytest.raises(ValueError, match="at most 3"):
        make_card(next_steps=tuple(NextStep("Stap.") for _ in range(4)))
    with pytest.raises(ValueError, match="longer than"):
        make_card(municipality_steps=("x" * 200,))
    with pytest.raises(ValueError):
        make_card(tone="strict")


@pytest.mark.parametrize("tone", list(Tone))
def test_no_card_ever_names_a_client_profile(letterhead: Letterhead, tone: Tone) -> None:
    texts = pdf_text(render_card(letterhead, make_card(tone=tone))) + pdf_text(
        render_success_card(letterhead, make_success_card(tone=tone))
    )

    assert "struisvogel" not in texts.lower()
    for name in PROFILE_NAMES:
        assert name not in texts.lower()


@pytest.mark.parametrize("tone", list(Tone))
def test_success_card_praises_with_en_never_maar(letterhead: Letterhead, tone: Tone) -> None:
    pdf = render_success_card(letterhead, make_success_card(tone=tone))
    text = pdf_text(pdf)

    assert page_count(pdf) == 1 and is_a5(pdf)
    assert all("DejaVuSans" in name for name in font_names(pdf))
    assert "Gelukt!" in text
    assert "Goed gedaan, én" in text
    assert "maar" not in text.lower()
    assert "U heeft alle papieren ingeleverd." in text
    assert "Wij maken een voorstel voor uw schuldeisers." in text
    assert "Klaar voor regeling" in text


def test_step_map_marks_the_current_step_once() -> None:
    drawing = step_map_drawing(Phase.SETTLEMENT, 120 * mm)
    strings = [item.text for item in drawing.contents if isinstance(item, String)]

    assert drawing.width == pytest.approx(120 * mm)
    assert strings.count(HERE_LABEL) == 1
    assert strings.count("\u2713") == MAIN_LINE.index(Phase.SETTLEMENT)
    for label in CLIENT_STEP_LABELS.values():
        assert all(word in " ".join(strings) for word in label.split())


def test_step_map_labels_are_client_words_for_every_main_phase() -> None:
    assert set(CLIENT_STEP_LABELS) == set(MAIN_LINE)
    assert CLIENT_STEP_LABELS[Phase.INTAKE] == "Gesprek"
    assert "tabilisatie" not in " ".join(CLIENT_STEP_LABELS.values())


def test_side_phases_on_the_step_map() -> None:
    assert client_step(Phase.LONG_TERM_SERVICE) is Phase.STABILISATION
    assert client_step(Phase.DROPPED_OUT) is None
    strings = [i.text for i in step_map_drawing(Phase.REFERRED, 100 * mm).contents if isinstance(i, String)]
    assert HERE_LABEL not in strings
