"""``helder`` up to its login window, then quit: what a counsellor waits for after a double-click.

Runs ``ui.main.main`` on the benchmark database with the login dialog's ``exec`` replaced by
"show, draw once, close", so the process ends as soon as the window has been drawn, like the
bare baseline (``baseline_qt.py``). The database layer is imported in the background by then.
"""

import sys

from PySide6.QtWidgets import QApplication, QDialog

from ui.dialogs import login


def _shown_once(self: QDialog) -> int:
    self.show()
    QApplication.processEvents()
    return int(QDialog.DialogCode.Rejected)


login.LoginDialog.exec = _shown_once  # type: ignore[method-assign]
login.FirstRunDialog.exec = _shown_once  # type: ignore[method-assign]

from ui.main import main  # noqa: E402 - after the dialog hook

sys.exit(main(["--data-dir", sys.argv[1]]))
