"""Entry script of the frozen Helder program (PyInstaller)."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
