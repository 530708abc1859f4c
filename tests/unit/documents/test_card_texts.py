"""Card texts are data; a broken file is a clear TemplateError."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.documents import TemplateError, Tone, card_texts
from app.resources import resource_path


@pytest.fixture
def card_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, dict[str, Any]], None]]:
    """Serve card files from a temporary folder; write one with the returned function."""
    folder = tmp_path / "templates" / "cards"
    folder.mkdir(parents=True)

    def fake_path(*parts: str) -> Path:
        return tmp_path.joinpath(*parts)

    def write(name: str, data: dict[str, Any]) -> None:
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    monkeypatch.setattr(card_texts, "resource_path", fake_path)
    card_texts.load_client_card_texts.cache_clear()
    card_texts.load_success_card_texts.cache_clear()
    yield write
    card_texts.load_client_card_texts.cache_clear()
    card_texts.load_success_card_texts.cache_clear()


def shipped(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("templates", "cards", f"{name}.json").read_text("utf-8"))
    return data


def test_shipped_texts_cover_every_tone() -> None:
    assert set(card_texts.load_client_card_texts().tones) == set(Tone)
    assert set(card_texts.load_success_card_texts().praise) == set(Tone)


def test_missing_tone_is_named(card_dir: Callable[[str, dict[str, Any]], None]) -> None:
    data = shipped("klantkaart")
    del data["tones"]["support"]
    card_dir("klantkaart", data)

    with pytest.raises(TemplateError, match="missing") as caught:
        card_texts.load_client_card_texts()
    assert caught.value.field == "tones.support"


def test_unknown_placeholder_in_a_card_text_is_named(card_dir: Callable[[str, dict[str, Any]], None]) -> None:
    data = shipped("klantkaart")
    data["texts"]["title"] = "Stappenkaart van {bsn}"
    card_dir("klantkaart", data)

    with pytest.raises(TemplateError) as caught:
        card_texts.load_client_card_texts()
    assert (caught.value.template, caught.value.field) == ("klantkaart", "bsn")


def test_praise_must_start_with_goed_gedaan_en(card_dir: Callable[[str, dict[str, Any]], None]) -> None:
    data = shipped("gelukt")
    data["tones"]["short"]["praise"] = "Goed gedaan, maar er is nog veel te doen."
    card_dir("gelukt", data)

    with pytest.raises(TemplateError, match="Goed gedaan, én") as caught:
        card_texts.load_success_card_texts()
    assert caught.value.field == "tones.short.praise"


def test_check_in_text_must_use_the_date(card_dir: Callable[[str, dict[str, Any]], None]) -> None:
    data = shipped("klantkaart")
    data["tones"]["check_in"]["check_in"] = "We bellen u binnenkort."
    card_dir("klantkaart", data)

    with pytest.raises(TemplateError, match="check_in_date"):
        card_texts.load_client_card_texts()


def test_fill_refuses_a_missing_value() -> None:
    with pytest.raises(TemplateError, match="no value"):
        card_texts.fill("klantkaart", "Bel {contact_name}.")
