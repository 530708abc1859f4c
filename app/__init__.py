"""Helder: dossiers, deadlines, klantprofiel and letters for Dutch municipal debt counselling."""

__version__ = "0.1.0"
