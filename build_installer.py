"""Build the Helder installer (PyInstaller bundle + Inno Setup). Not implemented yet."""

from __future__ import annotations

import sys


def main() -> int:
    print("build_installer.py is nog niet gebouwd (zie het installer-issue).", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
