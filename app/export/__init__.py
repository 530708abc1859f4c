"""Exports without Qt: stuurinformatie as XLSX and CSV (anonymous, suppressed) and the DDAS file.

- ``tables``: the one place that turns a ``Summary`` into publishable, anonymous tables.
- ``xlsx`` / ``csv``: writers for Dutch Excel.
- ``ddas`` / ``ddas_model``: the DDAS v1.0 delivery for CBS (contains BSNs: it is not anonymous).
"""
