"""The main window: navigation on the left, pages on the right, open dossiers as tabs.

Pages come from ``ui.registry.PAGES`` (only those ``visible`` for the user) and are built when
first shown. On the Dossiers page the list is the first tab; every opened dossier gets its own
closable tab next to it, so a counsellor can keep several dossiers open at once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import ROLE_LABELS
from app.errors import KnownError, ReasonRequired
from app.services import settings
from app.services.dossiers import find_by_number, get_dossier
from ui import registry
from ui.views.dossier.view import DossierView
from ui.workers import Runner, wait_for_workers
from ui.workspace import Workspace

log = logging.getLogger(__name__)

DOSSIERS = "dossiers"
SIGNALEN = "signalen"


class MainWindow(QMainWindow):
    """Helder's main window for one logged-in workspace."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._specs = [spec for spec in registry.PAGES if spec.visible(workspace.ctx.user)]
        self._holders: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {spec.key: self.tr(spec.label) for spec in self._specs}
        self.dossier_tabs: QTabWidget | None = None
        self._build()
        self._build_menus()
        workspace.signals.open_dossier.connect(self.open_dossier)
        workspace.signals.open_page.connect(self._open_page)
        if self._specs:
            self.show_page(self._specs[0].key)
        if DOSSIERS in self._holders:
            self.focus_search()
        self._badge_runner = Runner(self)
        self._badge_runner.finished.connect(self._on_signal_count)
        workspace.signals.signals_changed.connect(self.refresh_signal_badge)
        self.refresh_signal_badge()

    def refresh_signal_badge(self) -> None:
        """Count the Signalen off the UI thread, so the badge shows from the start."""
        if SIGNALEN not in self._labels:
            return
        from app.services import signalen

        ctx = self._workspace.ctx
        self._badge_runner.submit(lambda: signalen.count_signals(ctx, signalen.default_scope(ctx)))

    def _on_signal_count(self, count: object) -> None:
        if isinstance(count, int):
            self.set_badge(SIGNALEN, count)

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        user = self._workspace.ctx.user
        try:
            municipality = str(settings.get(self._workspace.ctx, "municipality.name") or "")
        except KnownError:
            municipality = ""
        self.setWindowTitle(f"Helder — {municipality}" if municipality else "Helder")
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setAccessibleName(self.tr("Navigatie"))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setIconSize(QSize(0, 0))
        self.navigation.setStyleSheet(
            "QListWidget { background: palette(window); padding-top: 8px;"
            " border-right: 1px solid palette(mid); }"
            "QListWidget::item { padding: 8px 14px; }"
        )
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        widest = max(
            (
                self.navigation.fontMetrics().horizontalAdvance(f"{label} (000)")
                for label in self._labels.values()
            ),
            default=100,
        )
        self.navigation.setFixedWidth(max(170, widest + 44))
        self.stack = QStackedWidget(central)
        for spec in self._specs:
            item = QListWidgetItem(self._labels[spec.key], self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            holder = QWidget(self.stack)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(6, 6, 6, 6)
            self._holders[spec.key] = holder
            self.stack.addWidget(holder)
        if not self._specs:
            empty = QLabel(self.tr("Er zijn voor uw rol nog geen onderdelen beschikbaar."), self.stack)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(empty)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._on_navigation)
        roles = ", ".join(ROLE_LABELS[role] for role in sorted(user.roles, key=lambda r: r.value))
        self.user_label = QLabel(self.tr("Ingelogd: {0} ({1})").format(user.full_name, roles), self)
        self.user_label.setAccessibleName(self.tr("Ingelogde gebruiker"))
        self.statusBar().addPermanentWidget(self.user_label)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(
            min(1360, screen.width()) if screen else 1280, min(860, screen.height()) if screen else 800
        )

    def _build_menus(self) -> None:
        user = self._workspace.ctx.user
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self.new_dossier_action = self._action(
            self.tr("&Nieuw dossier…"), QKeySequence.StandardKey.New, self.new_dossier
        )
        self.new_dossier_action.setEnabled(
            DOSSIERS in self._holders and (user.is_counsellor or user.is_team_lead)
        )
        file_menu.addAction(self.new_dossier_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Afsluiten"), QKeySequence("Ctrl+Q"), self.close))
        dossier_menu = self.menuBar().addMenu(self.tr("&Dossier"))
        self.search_action = self._action(
            self.tr("&Zoeken"), QKeySequence.StandardKey.Find, self.focus_search
        )
        self.close_dossier_action = self._action(
            self.tr("Dossier &sluiten"), QKeySequence("Ctrl+W"), self.close_dossier
        )
        self.open_by_number_action = self._action(
            self.tr("Dossier openen op &nummer…"), QKeySequence("Ctrl+Shift+O"), self.open_by_number
        )
        for action in (self.search_action, self.open_by_number_action, self.close_dossier_action):
            action.setEnabled(DOSSIERS in self._holders)
            dossier_menu.addAction(action)
        go_menu = self.menuBar().addMenu(self.tr("&Ga naar"))
        for number, spec in enumerate(self._specs[:9], start=1):
            key = spec.key
            go_menu.addAction(
                self._action(self._labels[key], QKeySequence(f"Ctrl+{number}"), partial(self.show_page, key))
            )
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&Over Helder"), self)
        self.about_action.triggered.connect(lambda _checked=False: self.show_about())
        help_menu.addAction(self.about_action)

    def show_about(self) -> QDialog:
        """Open *Over Helder*: version, build date and dependency versions."""
        from app.release.build_info import load_build_info
        from ui.dialogs.about import AboutDialog

        dialog = AboutDialog(load_build_info(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())  # not the 'checked' flag as an argument
        self.addAction(action)
        return action

    # ------------------------------------------------------------------ pages

    def page_keys(self) -> list[str]:
        """The keys of the pages this user sees, in navigation order."""
        return [spec.key for spec in self._specs]

    def page(self, key: str) -> QWidget:
        """The widget of page ``key`` (built now if needed). Raises KeyError for a hidden page."""
        if key in self._pages:
            return self._pages[key]
        spec = next(s for s in self._specs if s.key == key) if key in self._holders else None
        if spec is None:
            raise KeyError(key)
        holder = self._holders[key]
        try:
            page = registry.load(spec.factory)(self._workspace, holder)
        except Exception as exc:
            log.exception("page %s could not be built", key)
            page = QLabel(self.tr("Dit onderdeel kon niet worden geladen: {0}").format(exc), holder)
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.setWordWrap(True)
        if key == DOSSIERS and not isinstance(page, QLabel):
            self.dossier_tabs = QTabWidget(holder)
            self.dossier_tabs.setAccessibleName(self.tr("Open dossiers"))
            self.dossier_tabs.setTabsClosable(True)
            self.dossier_tabs.setMovable(True)
            self.dossier_tabs.setDocumentMode(True)
            self.dossier_tabs.setTabBarAutoHide(True)
            self.dossier_tabs.addTab(page, self.tr("Overzicht"))
            self.dossier_tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
            self.dossier_tabs.tabCloseRequested.connect(self._close_tab)
            _layout(holder).addWidget(self.dossier_tabs)
        else:
            _layout(holder).addWidget(page)
        self._pages[key] = page
        return page

    def _open_page(self, key: str) -> None:
        if key in self.page_keys():
            self.show_page(key)

    def show_page(self, key: str) -> QWidget:
        """Switch to page ``key`` and return its widget."""
        row = self.page_keys().index(key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # _on_navigation builds and shows it
        return self.page(key)

    def _on_navigation(self, row: int) -> None:
        if 0 <= row < len(self._specs):
            key = self._specs[row].key
            self.page(key)
            self.stack.setCurrentWidget(self._holders[key])

    def set_badge(self, page_key: str, count: int) -> None:
        """Show a count after a page's name in the navigation ("Signalen (3)"); 0 hides it."""
        if page_key not in self._labels:
            return
        row = self.page_keys().index(page_key)
        label = self._labels[page_key]
        item = self.navigation.item(row)
        item.setText(f"{label} ({count})" if count else label)

    def current_page_key(self) -> str | None:
        row = self.navigation.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else None

    # ------------------------------------------------------------------ dossiers

    def focus_search(self) -> None:
        """Show the dossier list with the keyboard in the search box (Ctrl+F)."""
        if DOSSIERS not in self._holders:
            return
        page = self.show_page(DOSSIERS)
        if self.dossier_tabs is not None:
            self.dossier_tabs.setCurrentIndex(0)
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()

    def new_dossier(self) -> QWidget | None:
        """Open the new-dossier dialog (not blocking) and return it (Ctrl+N)."""
        if not self.new_dossier_action.isEnabled():
            return None
        page = self.show_page(DOSSIERS)
        starter = getattr(page, "new_dossier", None)
        dialog = starter() if callable(starter) else None
        return dialog if isinstance(dialog, QWidget) else None

    def open_dossiers(self) -> list[DossierView]:
        if self.dossier_tabs is None:
            return []
        found = (self.dossier_tabs.widget(i) for i in range(self.dossier_tabs.count()))
        return [w for w in found if isinstance(w, DossierView)]

    def dossier_view(self, dossier_id: uuid.UUID) -> DossierView | None:
        return next((v for v in self.open_dossiers() if v.dossier_id == dossier_id), None)

    def current_dossier(self) -> DossierView | None:
        if self.dossier_tabs is None or self.current_page_key() != DOSSIERS:
            return None
        widget = self.dossier_tabs.currentWidget()
        return widget if isinstance(widget, DossierView) else None

    def open_by_number(self, number: str | None = None) -> DossierView | None:
        """Open any dossier by its number, e.g. a sick colleague's (a reason is asked and logged)."""
        if number is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Dossier openen op nummer"),
                self.tr("Dossiernummer (bijvoorbeeld 2026-DW-00042):"),
            )
            if not ok or not text.strip():
                return None
            number = text
        try:
            dossier_id = find_by_number(self._workspace.ctx, number)
        except KnownError as exc:
            QMessageBox.information(self, self.tr("Dossier openen"), str(exc))
            return None
        return self.open_dossier(dossier_id)

    def open_dossier(self, dossier_id: uuid.UUID) -> DossierView | None:
        """Show a dossier in its own tab (or switch to it when open); None when it cannot be opened."""
        existing = self.dossier_view(dossier_id)
        if existing is not None:
            self.show_page(DOSSIERS)
            assert self.dossier_tabs is not None
            self.dossier_tabs.setCurrentWidget(existing)
            return existing
        if DOSSIERS not in self._holders:
            QMessageBox.information(
                self, self.tr("Dossier"), self.tr("Als beheerder ziet u geen dossierinhoud.")
            )
            return None
        reason: str | None = None
        while True:
            try:
                detail = get_dossier(self._workspace.ctx, dossier_id, reason)
                break
            except ReasonRequired as exc:
                text, ok = QInputDialog.getText(
                    self, self.tr("Reden om te openen"), str(exc), QLineEdit.EchoMode.Normal, ""
                )
                if not ok:
                    return None
                reason = text.strip() or None
            except KnownError as exc:
                QMessageBox.warning(self, self.tr("Dossier openen"), str(exc))
                return None
        self.show_page(DOSSIERS)
        assert self.dossier_tabs is not None
        view = DossierView(self._workspace, detail, self.dossier_tabs, reason=reason)
        index = self.dossier_tabs.addTab(view, view.title())
        self.dossier_tabs.setTabToolTip(index, view.title())
        view.detail_changed.connect(lambda _detail, view=view: self._retitle(view))
        self.dossier_tabs.setCurrentIndex(index)
        view.tabs.setFocus(Qt.FocusReason.OtherFocusReason)
        return view

    def _retitle(self, view: DossierView) -> None:
        if self.dossier_tabs is None:
            return
        index = self.dossier_tabs.indexOf(view)
        if index >= 0:
            self.dossier_tabs.setTabText(index, view.title())
            self.dossier_tabs.setTabToolTip(index, view.title())

    def close_dossier(self, dossier_id: uuid.UUID | None = None) -> bool:
        """Close a dossier's tab (the current one by default, Ctrl+W); False when none was open."""
        view = self.dossier_view(dossier_id) if dossier_id is not None else self.current_dossier()
        if view is None or self.dossier_tabs is None:
            return False
        return self._close_tab(self.dossier_tabs.indexOf(view))

    def _close_tab(self, index: int) -> bool:
        assert self.dossier_tabs is not None
        view = self.dossier_tabs.widget(index)
        if not isinstance(view, DossierView) or not view.confirm_close():
            return False
        self.dossier_tabs.removeTab(index)
        view.deleteLater()
        if self.dossier_tabs.currentIndex() == 0:
            page = self._pages.get(DOSSIERS)
            table = getattr(page, "table", None)
            if isinstance(table, QWidget):
                table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        for view in self.open_dossiers():
            if not view.confirm_close():
                event.ignore()
                return
        wait_for_workers(5_000)
        super().closeEvent(event)


def _layout(holder: QWidget) -> QVBoxLayout:
    layout = holder.layout()
    assert isinstance(layout, QVBoxLayout)
    return layout
