"""Reproducible set-up and builds: the dependency lock, the vulnerability check, the SBOM, build info.

``python -m app.release lock-check|lock-refresh|audit`` (CI and ``scripts/lock.sh`` call these).
"""
