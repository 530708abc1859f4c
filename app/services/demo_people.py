"""Synthetic Dutch people for the demo database: names, addresses, valid-format BSNs.

All invented; any likeness is chance (SCENARIOS.md).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST_NAMES_F = (
    "Anna",
    "Emma",
    "Sophie",
    "Julia",
    "Lotte",
    "Fenna",
    "Sanne",
    "Lisa",
    "Fleur",
    "Iris",
    "Noor",
    "Eva",
    "Maria",
    "Gerda",
    "Ingrid",
    "Fatma",
    "Samira",
    "Yasmina",
    "Chantal",
    "Kim",
    "Linda",
    "Monique",
    "Petra",
    "Wendy",
    "Naomi",
    "Daphne",
    "Zoë",
    "Chloë",
    "Ilse",
    "Hanneke",
)
FIRST_NAMES_M = (
    "Daan",
    "Sem",
    "Lucas",
    "Milan",
    "Levi",
    "Bram",
    "Thijs",
    "Jesse",
    "Ruben",
    "Kevin",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Ronald",
    "Peter",
    "Jan",
    "Kees",
    "Henk",
    "Mark",
    "Dennis",
    "Sander",
    "Niels",
    "Stefan",
    "Erik",
    "Bas",
    "Joris",
    "Rik",
    "Wouter",
    "Mehmet",
    "Noël",
)
SURNAMES = (
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("", "Kuipers"),
    ("", "Willems"),
    ("", "Benali"),
    ("El", "Amrani"),
    ("", "Yilmaz"),
    ("", "Öztürk"),
    ("", "Hoekstra"),
    ("", "Postma"),
    ("", "Schouten"),
    ("", "Koster"),
    ("", "Prins"),
    ("", "Huisman"),
    ("", "Kramer"),
    ("van", "Beek"),
)
STREETS = (
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Schoolstraat",
    "Dijkweg",
    "Polderlaan",
    "Wilhelminastraat",
    "Julianalaan",
    "Beatrixstraat",
    "Stationsweg",
    "Havenkade",
    "Lindelaan",
    "Eikenlaan",
    "Noordeinde",
    "Zuideinde",
    "Rietgors",
    "Meeuwenlaan",
    "Zeedijk",
    "Weverstraat",
    "Smidsweg",
)
CITIES = (("Dijkwaard", "1697"), ("Dijkwaard", "1698"), ("Oosterhaven", "1699"), ("Westerpolder", "1696"))


def bsn(rng: random.Random) -> str:
    """Return a random nine-digit number that passes the BSN elfproef."""
    while True:
        digits = [rng.randint(1, 6)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def postcode(rng: random.Random, base: str) -> str:
    """Return a plausible postcode near ``base`` (four digits)."""
    letters = "ABCDEGHJKLMNPRTVWXZ"
    while True:
        pair = rng.choice(letters) + rng.choice(letters)
        if pair not in {"SA", "SD", "SS"}:
            return f"{base} {pair}"


def birth_date(rng: random.Random, today: date, min_age: int = 18, max_age: int = 80) -> date:
    """Return a birth date for someone between ``min_age`` and ``max_age``."""
    days = rng.randint(min_age * 365 + 5, max_age * 365)
    return today - timedelta(days=days)


def iban(rng: random.Random) -> str:
    """Return a random Dutch IBAN with a correct mod-97 check."""
    bank = rng.choice(("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB"))
    account = f"{rng.randint(0, 9_999_999_999):010d}"
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bank}{account}"
