"""Checks for client-facing Dutch at B1 level (DOMAIN.md "Klantkaarten"; STACK.md "Plain language").

Used by the tests on every shipped client text, and usable as a hint while a counsellor
writes a card text: short sentences, common words, jargon only with an explanation, the
Flesch-Douma score (textstat, Dutch), and the stress-sensitive rules of seed 001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Limits for B1 text: longest sentence, average sentence, lowest Flesch-Douma score.
MAX_SENTENCE_WORDS = 20
MAX_AVERAGE_WORDS = 12.0
MIN_FLESCH_DOUMA = 60.0

#: Words a client may not know, with a plain explanation to use right after them.
JARGON: dict[str, str] = {
    "beschikking": "een officieel besluit van de gemeente",
    "stabilisatie": "eerst rust in uw geldzaken: inkomen en uitgaven in balans",
    "vtlb": "het bedrag dat u mag houden om van te leven",
    "beslagvrije voet": "het deel van uw inkomen dat schuldeisers niet mogen afpakken",
    "aflossingscapaciteit": "het bedrag dat u per maand kunt betalen aan schuldeisers",
    "schuldregeling": "een afspraak met al uw schuldeisers samen",
    "minnelijk": "in overleg, zonder rechter",
    "saneringskrediet": "een lening waarmee al uw schulden in één keer worden betaald",
    "schuldbemiddeling": "wij vragen schuldeisers om genoegen te nemen met minder geld",
    "wsnp": "een schuldregeling via de rechter",
    "moratorium": "een periode waarin schuldeisers niets mogen doen",
    "dwangakkoord": "de rechter dwingt een schuldeiser om mee te doen",
    "preferent": "een schuldeiser die als eerste betaald moet worden",
    "concurrent": "een gewone schuldeiser",
    "vordering": "het geld dat een schuldeiser van u wil",
    "incassomaatregel": "een stap om geld bij u te halen, zoals beslag",
    "voorlegger": "de lijst met papieren die wij nodig hebben",
    "budgetbeheer": "iemand betaalt uw vaste lasten voor u",
    "bewind": "een bewindvoerder regelt uw geld, met toestemming van de rechter",
    "belanghebbende": "iemand voor wie het besluit gevolgen heeft",
}

#: Client-profile names (DOMAIN.md "Klantprofielen"): never printed for a client.
PROFILE_NAMES: tuple[str, ...] = ("onwetende", "aanpakker", "kwetsbare", "benadeelde", "struisvogel")

_EXPLAINERS = ("dat is", "dat betekent", "dit is", "dit betekent", "daarmee bedoelen we", "zo heet")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’.,:][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_BUT_AFTER_PRAISE = re.compile(r"goed\s+gedaan\b[^.!?]*\bmaar\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem in a text; ``code`` is stable, ``message`` is Dutch for the counsellor."""

    code: str
    message: str


def sentences(text: str) -> list[str]:
    """Split text into sentences; a line break also ends a sentence (list items, headings)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def words(sentence: str) -> list[str]:
    """The words of a sentence; ``1.234,56`` and ``9.30`` count as one word."""
    return _WORD.findall(sentence)


def flesch_douma(text: str) -> float:
    """Dutch Flesch reading ease (Douma: 206.835 − 0.93 × words/sentence − 77 × syllables/word)."""
    import textstat  # imported here: it loads nltk, a second at startup for a check run on demand

    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def unexplained_jargon(text: str) -> list[str]:
    """Jargon terms whose first use is not explained right there.

    Explained means: followed by ``(`` or ``:``, or the next sentence starts with
    "Dat is", "Dat betekent", "Dit is" and the like.
    """
    parts = sentences(text)
    found: list[str] = []
    for term in JARGON:
        pattern = re.compile(rf"\b{re.escape(term)}\w*", re.IGNORECASE)
        for i, sentence in enumerate(parts):
            match = pattern.search(sentence)
            if match is None:
                continue
            after = sentence[match.end() :].lstrip()
            following = parts[i + 1].lower() if i + 1 < len(parts) else ""
            if not (after.startswith(("(", ":")) or following.startswith(_EXPLAINERS)):
                found.append(term)
            break
    return found


def check_b1(
    text: str,
    *,
    max_sentence_words: int = MAX_SENTENCE_WORDS,
    max_average_words: float = MAX_AVERAGE_WORDS,
    min_score: float = MIN_FLESCH_DOUMA,
) -> list[Finding]:
    """Check a client text for B1 Dutch and the stress-sensitive rules; empty list = fine."""
    findings: list[Finding] = []
    parts = sentences(text)
    counts = [len(words(sentence)) for sentence in parts]
    for sentence, count in zip(parts, counts, strict=True):
        if count > max_sentence_words:
            findings.append(Finding("long_sentence", f"Zin van {count} woorden: {sentence[:60]}…"))
    if counts and sum(counts) / len(counts) > max_average_words:
        average = sum(counts) / len(counts)
        findings.append(
            Finding("long_average", f"Gemiddeld {average:.1f} woorden per zin (max {max_average_words:g})")
        )
    for term in unexplained_jargon(text):
        findings.append(Finding("jargon", f"Moeilijk woord zonder uitleg: {term} ({JARGON[term]})"))
    if _BUT_AFTER_PRAISE.search(text):
        findings.append(Finding("praise_but", "Zeg 'goed gedaan, én …', nooit 'goed gedaan, maar …'"))
    for name in PROFILE_NAMES:
        if re.search(rf"\b{name}\b", text, re.IGNORECASE):
            findings.append(Finding("profile_name", f"Noem nooit een klantprofiel: {name}"))
    if parts:
        score = flesch_douma(text)
        if score < min_score:
            findings.append(Finding("hard_text", f"Flesch-Douma {score:.0f}, lager dan {min_score:g}"))
    return findings
