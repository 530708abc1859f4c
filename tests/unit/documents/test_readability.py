"""Every shipped client text is B1 Dutch (DOMAIN.md "Klantkaarten"; seed 001 stress-sensitive work)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pytest

from app.documents import TEMPLATE_KINDS, check_b1, load_template
from app.documents.card_texts import load_client_card_texts, load_success_card_texts
from app.documents.plain_language import MIN_FLESCH_DOUMA, flesch_douma, sentences, unexplained_jargon, words
from app.documents.template_parts import FieldType
from app.documents.templates import Template

#: What a placeholder stands for when measuring: a realistic length, not one token.
SAMPLES = {
    FieldType.DATE: "28 december 2026",
    FieldType.TIME: "9.30 uur",
    FieldType.MONEY: "€ 1.234,56",
}
NAMED_SAMPLES = {
    "objection_until": "28 december 2026",
    "letter_date": "30 november 2026",
    "check_in_date": "donderdag 3 december 2026",
    "due": "maandag 7 december 2026",
    "day": "maandag 14 december 2026",
    "time": "9.30 uur",
    "contact_phone": "0123 45 67 89",
    "college": "het college van burgemeester en wethouders van Dijkwaard",
    "objection_address": "Postbus 100, 1234 AA Dijkwaard",
}


def _sample(template: Template | None, name: str) -> str:
    if name in NAMED_SAMPLES:
        return NAMED_SAMPLES[name]
    if template is not None and name in template.field_names:
        spec = template.spec(name)
        if spec.with_weekday:
            return "maandag 28 december 2026"
        return SAMPLES.get(spec.type, "Sanne de Boer")
    return "Sanne de Boer"


def _filled(text: str, template: Template | None = None) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: _sample(template, m.group(1)), text)


def client_card_text() -> str:
    texts = load_client_card_texts()
    parts = list(texts.texts.values()) + list(texts.tips.values())
    for tone in texts.tones.values():
        parts += [tone.intro, *tone.extra, tone.check_in, tone.closing]
    return _filled("\n".join(parts))


def success_card_text() -> str:
    texts = load_success_card_texts()
    return _filled("\n".join([*texts.texts.values(), *texts.praise.values()]))


def template_text(kind: str) -> str:
    template = load_template(kind)
    parts: list[str] = []
    for block in template.blocks:
        parts += [block.text, *block.items]
        parts += [f"{row.label}: {row.text}" for row in block.rows]
        parts += [section.label for section in block.sections]
        parts += [section.empty_text for section in block.sections if section.empty_text]
    for spec in template.fields:
        parts += list((spec.choices or {}).values())
    return _filled("\n".join(part for part in parts if part), template)


#: Letters to clients: the cards, the invitation, and the client paragraphs of the beschikkingen.
CLIENT_TEXTS: dict[str, Callable[[], str]] = {
    "klantkaart": client_card_text,
    "gelukt": success_card_text,
    **{kind: partial(template_text, kind) for kind in TEMPLATE_KINDS if kind != "stabilisatieovereenkomst"},
}


@pytest.mark.parametrize("name", sorted(CLIENT_TEXTS))
def test_client_text_is_b1(name: str) -> None:
    text = CLIENT_TEXTS[name]()

    findings = check_b1(text)

    assert findings == [], [finding.message for finding in findings]


@pytest.mark.parametrize("name", sorted(CLIENT_TEXTS))
def test_sentences_are_short(name: str) -> None:
    counts = [len(words(sentence)) for sentence in sentences(CLIENT_TEXTS[name]())]

    assert max(counts) <= 20
    assert sum(counts) / len(counts) <= 12


@pytest.mark.parametrize("name", ["klantkaart", "gelukt", "uitnodiging"])
def test_cards_and_invitation_read_easily(name: str) -> None:
    assert flesch_douma(CLIENT_TEXTS[name]()) >= 70 > MIN_FLESCH_DOUMA


def test_creditor_letter_keeps_sentences_short_too() -> None:
    counts = [len(words(sentence)) for sentence in sentences(template_text("stabilisatieovereenkomst"))]

    assert max(counts) <= 20


def test_no_card_text_names_a_profile_or_says_maar_after_praise() -> None:
    text = (client_card_text() + "\n" + success_card_text()).lower()

    assert "struisvogel" not in text
    assert "goed gedaan, én" in text
    assert not re.search(r"goed gedaan[^.!?]*\bmaar\b", text)


# The checker itself must catch what it is meant to catch.


def test_checker_flags_a_long_sentence() -> None:
    text = " ".join(["woord"] * 21) + "."

    assert [f.code for f in check_b1(text, min_score=0)] == ["long_sentence", "long_average"]


def test_checker_flags_unexplained_jargon_but_accepts_an_explanation() -> None:
    assert unexplained_jargon("Wij sturen u een beschikking.") == ["beschikking"]
    assert unexplained_jargon("Wij sturen u een beschikking. Dat is een officieel besluit.") == []
    assert unexplained_jargon("Uw VTLB (het bedrag om van te leven) is bekend.") == []


def test_checker_flags_maar_after_praise_and_profile_names() -> None:
    codes = {f.code for f in check_b1("Goed gedaan, maar het kan beter. U bent een struisvogel.")}

    assert {"praise_but", "profile_name"} <= codes


def test_checker_flags_hard_text() -> None:
    text = (
        "Onverminderd de bevoegdheid tot heroverweging geschiedt de vaststelling overeenkomstig "
        "de toepasselijke beleidsregels."
    )

    assert "hard_text" in {f.code for f in check_b1(text)}
