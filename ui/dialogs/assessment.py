"""The klantprofiel questionnaire, filled in together with the client at the kitchen table.

One screen per theme with large statements and big answer buttons; 'Vorige' and 'Volgende'
(Alt+Left / Alt+Right); 1-5 answer, 0 'weet niet / sla over', arrows move. Nothing is saved
until the counsellor finishes on the last screen and presses 'Opslaan'. Stopping earlier
('Later verder', Esc or closing the window) keeps the answers so far as a draft that the
Klantprofiel tab can resume or throw away.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.rules.klantprofiel import Questionnaire, Theme
from app.services.assessment_views import AssessmentView, DraftView
from app.services.assessments import complete, preview, questionnaire, save_draft
from ui.dialogs.assessment_result import ResultPage
from ui.widgets.statement import StatementRow, scaled_font
from ui.workspace import Workspace


class ThemePage(QScrollArea):
    """The statements of one theme (scrolls when the screen is small)."""

    def __init__(self, q: Questionnaire, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        layout = self._body_layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 6, 2)
        layout.setSpacing(14)
        self.rows: list[StatementRow] = []
        for item in q.items_for_theme(theme.code):
            row = StatementRow(item, q.scale, body)
            layout.addWidget(row)
            self.rows.append(row)
        layout.addStretch(1)
        self.setWidget(body)
        self.setAccessibleName(theme.title)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The answer buttons wrap onto more lines when the window is narrow; never scroll sideways.
        super().resizeEvent(event)
        margins = self._body_layout.contentsMargins()
        scrollbar = self.verticalScrollBar().sizeHint().width()  # keep room for it, shown or not
        width = self.width() - scrollbar - margins.left() - margins.right()
        for row in self.rows:
            row.set_columns(row.columns_for(width))


class AssessmentDialog(QDialog):
    """Take the questionnaire for one dossier; ``saved`` carries the stored AssessmentView."""

    saved = Signal(object)  # AssessmentView
    draft_saved = Signal(object)  # DraftView

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        draft: DraftView | None = None,
        client_name: str = "",
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._q = questionnaire()
        self._answers: dict[str, int | None] = {}
        self._dirty = False
        self._finished = False
        self._view: AssessmentView | None = None
        self._build(client_name)
        if draft is not None:
            self._restore(draft)
        self.go_to(draft.theme_index if draft is not None else 0)

    # -- widgets -------------------------------------------------------------------------------

    def _build(self, client_name: str) -> None:
        title = self.tr("Vragenlijst klantprofiel")
        self.setWindowTitle(f"{title} – {client_name}" if client_name else title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        self.progress_label = QLabel(self)
        self.progress_label.setFont(scaled_font(self.font(), 1.0, 11.0))
        self.theme_title = QLabel(self)
        self.theme_title.setFont(scaled_font(self.font(), 2.0, 22.0, bold=True))
        self.theme_intro = QLabel(self)
        self.theme_intro.setFont(scaled_font(self.font(), 1.45, 15.0))
        self.theme_intro.setWordWrap(True)
        self.instruction = QLabel(self._q.instruction, self)
        self.instruction.setWordWrap(True)
        self.instruction.setFont(scaled_font(self.font(), 1.1, 10.0))
        self.instruction.setStyleSheet("color: palette(placeholder-text);")
        for widget in (self.progress_label, self.theme_title, self.theme_intro, self.instruction):
            layout.addWidget(widget)

        self.stack = QStackedWidget(self)
        self.pages: list[ThemePage] = []
        for theme in self._q.themes:
            page = ThemePage(self._q, theme, self.stack)
            for row in page.rows:
                row.changed.connect(self._on_changed)
                row.chosen_by_key.connect(self._after_key_choice)
                row.step.connect(self._move)
            self.stack.addWidget(page)
            self.pages.append(page)
        self.result_page = ResultPage(self.stack)
        self.result_page.revealed.connect(self._update_buttons)
        self.stack.addWidget(self.result_page)
        layout.addWidget(self.stack, 1)

        self.keys_hint = QLabel(
            self.tr(
                "Toetsen: 1 t/m 5 kiezen · 0 weet niet · pijltjes verplaatsen · Alt+→ volgende onderdeel"
            ),
            self,
        )
        self.keys_hint.setStyleSheet("color: palette(placeholder-text);")
        self.keys_hint.setFont(scaled_font(self.font(), 1.1, 10.0))
        layout.addWidget(self.keys_hint)
        bar = QHBoxLayout()
        self.later_button = QPushButton(self.tr("&Later verder"), self)
        self.later_button.setToolTip(self.tr("Stoppen en de antwoorden tot nu toe bewaren (Esc)"))
        self.back_button = QPushButton(self.tr("← &Vorige"), self)
        self.next_button = QPushButton(self.tr("V&olgende →"), self)
        self.save_button = QPushButton(self.tr("&Opslaan"), self)
        for button in (self.later_button, self.back_button, self.next_button, self.save_button):
            bold = button in (self.next_button, self.save_button)
            button.setFont(scaled_font(self.font(), 1.2, 12.0, bold=bold))
            button.setMinimumHeight(button.sizeHint().height() + 10)
        bar.addWidget(self.later_button)
        bar.addStretch(1)
        for button in (self.back_button, self.next_button, self.save_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        self.later_button.setAutoDefault(False)
        layout.addLayout(bar)

        self.later_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.save_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Alt+Left"), self, self.go_back)
        QShortcut(QKeySequence("Alt+Right"), self, self.go_next)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._save_shortcut)
        QShortcut(QKeySequence("F11"), self, self._toggle_full_screen)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1240, screen.width() - 40), min(900, screen.height() - 60))

    # -- state ---------------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, int | None]:
        """The answers so far: code -> 1..5, or ``None`` for 'weet niet'; unasked codes absent."""
        return dict(self._answers)

    @property
    def index(self) -> int:
        """The screen shown: 0..themes-1, or the number of themes for the result screen."""
        return self.stack.currentIndex()

    @property
    def on_result(self) -> bool:
        return self.stack.currentWidget() is self.result_page

    @property
    def assessment(self) -> AssessmentView | None:
        """The stored assessment after 'Opslaan'."""
        return self._view

    def row(self, code: str) -> StatementRow:
        """The statement widget of an item (for tests and the self-test)."""
        return next(r for page in self.pages for r in page.rows if r.code == code)

    def _restore(self, draft: DraftView) -> None:
        for page in self.pages:
            for row in page.rows:
                if row.code in draft.answers:
                    row.set_value(draft.answers[row.code])
        self._answers = dict(draft.answers)
        self._dirty = False

    def _on_changed(self, code: str) -> None:
        row = self.row(code)
        self._answers[code] = row.value()
        self._dirty = True
        self._update_progress()

    # -- navigation ----------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Show screen ``index`` (the result screen after the last theme)."""
        index = min(max(index, 0), len(self.pages))
        if index == len(self.pages):
            self.result_page.set_result(preview(self._answers))
        self.stack.setCurrentIndex(index)
        self._update_progress()
        self._update_buttons()
        if index < len(self.pages):
            page = self.pages[index]
            first = next((r for r in page.rows if not r.is_answered()), page.rows[0])
            first.enter()
            self._reveal(page, first)
        elif self.result_page.is_revealed:
            self.result_page.profile_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.result_page.reveal_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_next(self) -> None:
        if not self.on_result:
            self.go_to(self.index + 1)

    def go_back(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def _after_key_choice(self, code: str) -> None:
        self._move(code, 1)

    def _move(self, code: str, step: int) -> None:
        page = self.pages[self.index] if not self.on_result else None
        if page is None:
            return
        codes = [r.code for r in page.rows]
        target = codes.index(code) + step
        if 0 <= target < len(page.rows):
            page.rows[target].enter()
            self._reveal(page, page.rows[target])
        elif target >= len(page.rows):
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reveal(self, page: ThemePage, row: StatementRow) -> None:
        """Scroll so the whole statement (text and answers) is in view, once the layout is done."""

        def scroll() -> None:
            if row is page.rows[0]:
                page.verticalScrollBar().setValue(0)
            else:
                page.ensureWidgetVisible(row, 0, 12)

        scroll()
        QTimer.singleShot(0, self, scroll)

    def _update_progress(self) -> None:
        if self.on_result:
            self.progress_label.setText(self.tr("Alle {0} onderdelen zijn gedaan").format(len(self.pages)))
            for label in (self.theme_title, self.theme_intro, self.instruction):
                label.hide()
            return
        page = self.pages[self.index]
        answered = sum(1 for r in page.rows if r.is_answered())
        self.progress_label.setText(
            self.tr("Onderdeel {0} van {1} · {2} van {3} zinnen beantwoord").format(
                self.index + 1, len(self.pages), answered, len(page.rows)
            )
        )
        self.theme_title.setText(page.theme.title)
        self.theme_intro.setText(page.theme.intro)
        self.theme_title.show()
        self.theme_intro.show()
        self.instruction.setVisible(self.index == 0)

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setVisible(not self.on_result)
        self.save_button.setVisible(self.on_result)
        self.save_button.setEnabled(self.on_result and self.result_page.is_revealed)
        self.keys_hint.setVisible(not self.on_result)

    def _toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # -- finishing -----------------------------------------------------------------------------

    def _save_shortcut(self) -> None:
        if self.on_result and self.result_page.is_revealed:
            self.accept()

    def accept(self) -> None:
        """'Opslaan' on the result screen: store the assessment and the counsellor's choice."""
        if not (self.on_result and self.result_page.is_revealed):
            return
        page = self.result_page
        try:
            self._view = complete(
                self._workspace.ctx, self._dossier_id, self._answers, page.chosen or "", page.reason
            )
        except ValidationError as exc:
            page.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._finished = True
        super().accept()
        self.saved.emit(self._view)

    def reject(self) -> None:
        """'Later verder', Esc or closing: keep the answers so far as a draft, then close."""
        if self._finished or not self._dirty or not self._answers:
            super().reject()
            return
        theme = min(self.index, len(self.pages) - 1)
        try:
            draft = save_draft(self._workspace.ctx, self._dossier_id, self._answers, theme)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet bewaard"), str(exc))
            return
        self._dirty = False
        super().reject()
        self.draft_saved.emit(draft)
