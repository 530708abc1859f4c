"""Commands ``letter`` and ``card``: make a letter or a klantkaart of a dossier as a PDF file.

``letter`` stores a new concept with the values Helder already knows (the plan van aanpak from
the dossier, the next appointment …) plus ``--field NAME=VALUE``; with ``--final`` it is
finalised and the exact stored bytes are written. Saving the file is audited as an export.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli import cli_login, open_dossier_number, output_target, write_output
from app.documents import TEMPLATE_KINDS, FieldValue, Tone
from app.errors import ValidationError
from app.services import cards, letter_fields, letters


def register(sub: Any) -> None:
    letter = sub.add_parser("letter", help="maak een brief van een dossier als PDF")
    letter.add_argument("--dossier", required=True, help="dossiernummer, bijvoorbeeld 2026-DW-00042")
    letter.add_argument("--kind", required=True, choices=TEMPLATE_KINDS, help="soort brief")
    letter.add_argument("--out", help="PDF-bestand om te schrijven (niet nodig met --show-fields)")
    letter.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAAM=WAARDE",
        help="waarde van een veld (lijsten gescheiden door ';', datums als 30-11-2026); mag vaker",
    )
    letter.add_argument(
        "--final", action="store_true", help="maak de brief definitief (daarna nooit meer te wijzigen)"
    )
    letter.add_argument("--override-reason", help="teamleider: reden om de voorlegger-check te passeren")
    letter.add_argument(
        "--show-fields", action="store_true", help="toon de velden en wat Helder al weet; maak niets"
    )
    letter.add_argument("--reason", help="reden om een dossier buiten uw caseload te openen (wordt gelogd)")
    letter.set_defaults(handler=run_letter)

    card = sub.add_parser("card", help="maak de klantkaart (of een Gelukt!-kaart) van een dossier als PDF")
    card.add_argument("--dossier", required=True, help="dossiernummer")
    card.add_argument("--out", required=True, help="PDF-bestand om te schrijven")
    card.add_argument("--reason", help="reden om een dossier buiten uw caseload te openen (wordt gelogd)")
    card.add_argument("--gelukt", metavar="TEKST", help="maak een Gelukt!-kaart voor deze stap")
    card.add_argument(
        "--tone", choices=[t.value for t in Tone], help="toon van de tekst (standaard: uit het klantprofiel)"
    )
    card.set_defaults(handler=run_card)


def _values(kind: str, pairs: list[str], start: dict[str, FieldValue]) -> dict[str, FieldValue]:
    template = letters.template_for(kind)
    values = dict(start)
    errors: dict[str, str] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or name not in template.field_names:
            known = ", ".join(sorted(template.field_names))
            errors[name or pair] = f"onbekend veld; deze brief kent: {known}"
            continue
        try:
            values[name] = letter_fields.parse_text_value(template.spec(name), text)
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
    return values


def run_letter(args: argparse.Namespace) -> int:
    target = None if args.show_fields else output_target(args.out)  # before anything is stored
    opened = cli_login(args)
    try:
        ctx = opened.context()
        dossier_id = open_dossier_number(ctx, args.dossier, args.reason)
        start = letters.draft(ctx, dossier_id, args.kind)
        values = _values(args.kind, args.field, dict(start.values))
        if args.show_fields:
            for spec in start.template.fields:
                mark = "*" if spec.required else " "
                shown = values.get(spec.name, "")
                print(f"{mark} {spec.name:<26} {spec.type.value:<7} {spec.label}: {shown}")
            return 0
        recipient = start.recipients[0] if start.recipients else None
        if recipient is not None:
            values = {**recipient.fields, **values}
        letter = letters.create_concept(
            ctx, dossier_id, args.kind, values, recipient=recipient.recipient if recipient else None
        )
        if args.final:
            letter = letters.finalise(ctx, letter.id, override_reason=args.override_reason)
        pdf = letters.get_pdf(ctx, letter.id)
        assert target is not None
        write_output(target, pdf)
        letters.record_export(ctx, letter.id, "pdf (opdrachtregel)")
        state = f"definitief, sha256 {letter.sha256}" if letter.is_final else "concept"
        print(f"{letter.kind_label} voor dossier {letter.dossier_number} ({state}) opgeslagen in {args.out}.")
        for note in letter.notes:
            print(f"Let op: {note}", file=sys.stderr)
        return 0
    finally:
        opened.db.dispose()


def run_card(args: argparse.Namespace) -> int:
    target = output_target(args.out)
    opened = cli_login(args)
    try:
        ctx = opened.context()
        dossier_id = open_dossier_number(ctx, args.dossier, args.reason)
        tone = Tone(args.tone) if args.tone else None
        if args.gelukt:
            pdf = cards.render_success_pdf(ctx, dossier_id, args.gelukt, tone=tone)
            kind = "gelukt"
        else:
            pdf = cards.render_card_pdf(ctx, dossier_id, tone=tone)
            kind = "klantkaart"
        write_output(target, pdf)
        cards.record_output(ctx, dossier_id, kind, "export", {"target": "pdf (opdrachtregel)"})
        print(
            f"{cards.CARD_KINDS[kind]} voor dossier {args.dossier.strip().upper()} opgeslagen in {args.out}."
        )
        return 0
    finally:
        opened.db.dispose()
