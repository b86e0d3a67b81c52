"""MainWindow: left navigation (Dataset, Settings), menus with shortcuts, the status bar that always names
the active backend, unsaved-changes prompt and crash recovery offer."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset import autosave as autosave_mod
from finetune_desktop.gui.dataset.autosave import Autosave, RecoveryInfo
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.error_warning import confirm_errors
from finetune_desktop.gui.dataset.page import DatasetPage
from finetune_desktop.gui.dataset.save_unreadable import save_dataset
from finetune_desktop.gui.dataset.ui_state import add_recent_file, recent_files, ui_settings
from finetune_desktop.gui.file_dialogs import size_file_dialog
from finetune_desktop.gui.first_run.banner import SandboxBanner
from finetune_desktop.gui.first_run.samples import is_sample
from finetune_desktop.gui.first_run.tour import GuidedTour
from finetune_desktop.gui.i18n import ensure_english_plurals
from finetune_desktop.gui.jobs.page import JobsPage
from finetune_desktop.gui.settings.page import SettingsPage

if TYPE_CHECKING:
    from finetune_desktop.core.about import AboutFacts

log = logging.getLogger(__name__)


def jsonl_filter() -> str:
    return QCoreApplication.translate("MainWindow", "JSON Lines (*.jsonl *.json *.txt);;All files (*)")


def table_filter() -> str:
    return QCoreApplication.translate("MainWindow", "Tables (*.csv *.tsv *.xlsx *.xlsm *.txt);;All files (*)")


class MainWindow(QMainWindow):
    """Signals: ``page_changed(str)`` (key of the page now shown), ``close_finished(bool)``."""

    page_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_english_plurals()
        self.context = context
        self.document = DatasetDocument(context.runner, self)
        self.autosave = Autosave(self.document)
        self._closing_ok = False
        self._pages: dict[str, QWidget] = {}
        self.close_prompt: QMessageBox | None = None
        self.recovery_prompt: QMessageBox | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFixedWidth(max(150, self.fontMetrics().horizontalAdvance("Settings") * 2 + 40))
        self.nav.setStyleSheet(
            "#navigation { border: none; background: palette(window); font-size: 11pt; }"
            "#navigation::item { padding: 10px 14px; }"
            "#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); border-radius: 4px; }"
        )
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.stack = QStackedWidget()

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = self._make_banner()
        if self.banner is not None:
            outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(6, 6, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.dataset_page = DatasetPage(self.document)
        self.add_page("dataset", self.tr("Dataset"), self.dataset_page)
        self.jobs_page = self._make_jobs_page()
        if self.jobs_page is not None:
            self.add_page("jobs", self.tr("Jobs"), self.jobs_page)
        self.compare_page = self._make_compare_page()
        if self.compare_page is not None:
            self.add_page("compare", self.tr("Compare"), self.compare_page)
        if self.jobs_page is not None and self.compare_page is not None:
            self.jobs_page.chat_requested.connect(self._on_chat_requested)
        settings_page = self._make_settings_page()
        if settings_page is not None:
            self.add_page("settings", self.tr("Settings"), settings_page)
        self.nav.setCurrentRow(0)

        self._build_status_bar()
        self._build_menus()
        self.document.dirty_changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.saved.connect(self._on_document_saved)
        self.document.error.connect(self.show_error)
        self.document.load_finished.connect(self._on_load_finished)
        self.dataset_page.selection_changed.connect(self._update_actions)
        self.document.undo_stack.indexChanged.connect(self._update_actions)
        self._update_title()
        self._update_actions()
        self.resize(1280, 800)
        self._restore_state()

    # ------------------------------------------------------------ pages
    def add_page(self, key: str, title: str, widget: QWidget) -> None:
        self._pages[key] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)

    def show_page(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)
                return

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def page_keys(self) -> list[tuple[str, str]]:
        return [
            (self.nav.item(i).data(Qt.ItemDataRole.UserRole), self.nav.item(i).text())
            for i in range(self.nav.count())
        ]

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self._pages[key])
        self.page_changed.emit(key)

    def _make_jobs_page(self) -> JobsPage | None:
        page = JobsPage(self.context, document=self.document)
        page.finding_activated.connect(self._on_job_form_finding)
        return page

    def _on_job_form_finding(self, finding: object) -> None:
        self.show_page("dataset")
        self.dataset_page.go_to_finding(finding)  # type: ignore[arg-type]

    def _make_compare_page(self) -> QWidget | None:
        from finetune_desktop.gui.compare.page import ComparePage

        return ComparePage(self.context, self.document)

    def _on_chat_requested(self, model_name: str) -> None:
        """"Chat with this checkpoint / model" on the Jobs screen: open it in Compare's chat."""
        if self.compare_page is not None:
            self.compare_page.open_with_model(model_name)  # type: ignore[attr-defined]
            self.show_page("compare")

    def _make_settings_page(self) -> QWidget | None:
        return SettingsPage(self.context)

    def _make_banner(self) -> QWidget | None:
        banner = SandboxBanner(self.context)
        banner.connect_account_requested.connect(lambda: self.show_page("settings"))
        banner.tour_requested.connect(self.start_tour)
        self.document.path_changed.connect(lambda: banner.set_sample_open(is_sample(self.document.path)))
        return banner

    # ------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        from finetune_desktop.gui.settings.profile_switcher import ProfileSwitcher

        self.profile_switcher = ProfileSwitcher(self.context)
        self.profile_switcher.setObjectName("backendSwitcher")
        self.profile_switcher.setAccessibleName(self.tr("Active backend"))
        self.statusBar().addPermanentWidget(self.profile_switcher)

    # ------------------------------------------------------------ menus
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        menu: QMenu | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        if menu is not None:
            menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        std = QKeySequence.StandardKey
        page = self.dataset_page
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New dataset"), self.new_dataset, std.New, file_menu)
        self.open_action = self._action(self.tr("&Open…"), self.ask_open, std.Open, file_menu)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action(self.tr("&Save"), self.save, std.Save, file_menu)
        self.save_as_action = self._action(self.tr("Save &As…"), self.ask_save_as, std.SaveAs, file_menu)
        file_menu.addSeparator()
        self.import_action = self._action(
            self.tr("&Import CSV or Excel…"), self.ask_import, "Ctrl+I", file_menu
        )
        self.export_action = self._action(self.tr("&Export JSONL…"), self.ask_export, "Ctrl+E", file_menu)
        self.split_action = self._action(
            self.tr("Split and export &train/validation…"), self.open_split_dialog, "Ctrl+Shift+E", file_menu
        )
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), self.close, std.Quit, file_menu)

        edit = mb.addMenu(self.tr("&Edit"))
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(std.Undo))
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(std.Redo))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self._action(self.tr("&Find"), self._focus_search, std.Find, edit)
        edit.addSeparator()
        self.new_example_action = self._action(
            self.tr("New e&xample"), page.new_example, "Ctrl+Shift+N", edit
        )
        self.add_turn_action = self._action(
            self.tr("Add &message"), page.editor.add_turn, "Ctrl+Return", edit
        )
        self.next_action = self._action(self.tr("Ne&xt example"), lambda: page.step(1), "Alt+Down", edit)
        self.prev_action = self._action(self.tr("&Previous example"), lambda: page.step(-1), "Alt+Up", edit)
        edit.addSeparator()
        self.delete_action = self._action(self.tr("&Delete examples"), page.delete_selected, std.Delete, edit)
        # Delete must not steal the key from text fields: it applies only while the list has focus.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        page.view.addAction(self.delete_action)
        self.duplicate_action = self._action(
            self.tr("D&uplicate examples"), page.duplicate_selected, "Ctrl+D", edit
        )
        self.system_action = self._action(
            self.tr("Set &system message…"), page.ask_system_message, "Ctrl+Shift+Y", edit
        )
        self.tag_action = self._action(self.tr("&Tag…"), page.ask_tag, "Ctrl+T", edit)
        self.validation_action = self._action(
            self.tr("Move to &validation"), page.move_to_validation, "Ctrl+Shift+V", edit
        )

        help_menu = mb.addMenu(self.tr("&Help"))
        self._action(self.tr("Take the &tour"), self.start_tour, None, help_menu)
        help_menu.addSeparator()
        self.about_action = self._action(self.tr("&About Finetune Desktop"), self.show_about, None, help_menu)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        page.editor.empty_label.setText(
            self.tr("Select an example in the list, or press %1 to add one.").replace(
                "%1", self.new_example_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = recent_files()
        if not items:
            act = self.recent_menu.addAction(self.tr("No recent files"))
            act.setEnabled(False)
        for path in items:
            act = self.recent_menu.addAction(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    @Slot()
    def _update_actions(self) -> None:
        has_rows = bool(self.dataset_page.selected_rows())
        for act in (
            self.delete_action,
            self.duplicate_action,
            self.system_action,
            self.tag_action,
            self.validation_action,
        ):
            act.setEnabled(has_rows)
        has_data = len(self.document) > 0
        self.export_action.setEnabled(has_data)
        self.split_action.setEnabled(has_data)

    def _focus_search(self) -> None:
        self.show_page("dataset")
        self.dataset_page.search.setFocus()
        self.dataset_page.search.selectAll()

    # ------------------------------------------------------------ file operations
    def new_dataset(self) -> None:
        self._after_unsaved_check(self.document.new)

    def ask_open(self) -> QFileDialog:
        dlg = QFileDialog(self, self.tr("Open dataset"), self._last_dir(), jsonl_filter())
        size_file_dialog(dlg, self)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.open_path(Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def open_path(self, path: Path) -> None:
        def go() -> None:
            self.show_page("dataset")
            self.document.open(path)
            add_recent_file(path)

        self._after_unsaved_check(go)

    def save(self) -> None:
        if self.document.path is None or self.document.path.suffix.lower() not in (".jsonl", ".json", ".txt"):
            self.ask_save_as()
            return
        save_dataset(self, self.document)

    def ask_save_as(self) -> QFileDialog:
        dlg = QFileDialog(self, self.tr("Save dataset as"), self._last_dir(), jsonl_filter())
        size_file_dialog(dlg, self)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix("jsonl")
        dlg.fileSelected.connect(lambda p: save_dataset(self, self.document, Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def ask_export(self) -> None:
        """Export a copy; a dataset with errors is warned about before the file dialog opens."""
        confirm_errors(self, self.document, self._ask_export_file)

    def _ask_export_file(self) -> QFileDialog:
        dlg = QFileDialog(self, self.tr("Export JSONL"), self._last_dir(), jsonl_filter())
        size_file_dialog(dlg, self)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix("jsonl")
        dlg.fileSelected.connect(lambda p: self.export_to(Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def export_to(self, path: Path) -> None:
        from finetune_desktop.gui.dataset import core_api

        (
            self.context.runner.op(core_api.save_examples, list(self.document.examples), path)
            .on_result(
                lambda _r: self.statusBar().showMessage(
                    self.tr("Exported to %1").replace("%1", str(path)), 8000
                )
            )
            .on_error(lambda exc, _tb: self.show_error(self.tr("Could not export"), str(exc)))
            .start(self)
        )

    def ask_import(self) -> QFileDialog:
        dlg = QFileDialog(
            self,
            self.tr("Import CSV or Excel"),
            self._last_dir(),
            table_filter(),
        )
        size_file_dialog(dlg, self)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.open_import_dialog(Path(p)))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def open_import_dialog(self, path: Path) -> QWidget:
        from finetune_desktop.gui.dataset.import_dialog import ImportDialog

        self.show_page("dataset")
        dlg = ImportDialog(self.document, path, self.context.runner, self)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def open_split_dialog(self) -> QWidget:
        from finetune_desktop.gui.dataset.split_dialog import SplitDialog

        dlg = SplitDialog(self.document, self.context.runner, self)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def _last_dir(self) -> str:
        if self.document.path is not None:
            return str(self.document.path.parent)
        items = recent_files()
        return str(items[0].parent) if items else str(Path.home())

    @Slot(str)
    def _on_document_saved(self, path: str) -> None:
        add_recent_file(Path(path))
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 6000)
        if self._pending_after_save is not None:
            action, self._pending_after_save = self._pending_after_save, None
            action()

    _pending_after_save: Callable[[], None] | None = None

    def _forget_pending_save(self) -> None:
        """The user cancelled the save the pending action waited for: the action is off too."""
        self._pending_after_save = None

    @Slot(bool)
    def _on_load_finished(self, ok: bool) -> None:
        self._update_actions()
        if ok and len(self.document) and not self.dataset_page.selected_rows():
            # on the next pass: building the editor in the same frame as the last rows lengthens it
            QTimer.singleShot(0, self._select_first_row)

    def _select_first_row(self) -> None:
        if len(self.document) and not self.dataset_page.selected_rows():
            self.dataset_page.select_rows([0])

    @Slot(str, str)
    def show_error(self, title: str, text: str) -> None:
        log.warning("%s: %s", title, text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.finished.connect(box.deleteLater)
        box.open()

    def _update_title(self, *_args: object) -> None:
        name = self.document.path.name if self.document.path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — Finetune Desktop")
        self.setWindowModified(self.document.dirty)

    # ------------------------------------------------------------ unsaved changes
    def _after_unsaved_check(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or after the user chose Save/Discard when there are unsaved changes."""
        if not self.document.dirty:
            action()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("The dataset has changes that are not saved yet."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Save them first?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)

        def answered(_r: int) -> None:
            button = box.standardButton(box.clickedButton()) if box.clickedButton() else None
            self.close_prompt = None
            if button == QMessageBox.StandardButton.Save:
                if self.document.path is None:
                    self.ask_save_as()
                    self._pending_after_save = action
                else:
                    self._pending_after_save = action
                    save_dataset(self, self.document, on_cancel=self._forget_pending_save)
            elif button == QMessageBox.StandardButton.Discard:
                self.autosave.remove_files()
                self.document.undo_stack.setClean()
                action()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.close_prompt = box
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_ok or not self.document.dirty:
            self._save_state()
            if self.jobs_page is not None:
                self.jobs_page.monitor.stop()
            self.autosave.close()
            self.document.cancel_load()
            event.accept()
            return
        event.ignore()

        def close_now() -> None:
            self._closing_ok = True
            QTimer.singleShot(0, self.close)

        self._after_unsaved_check(close_now)

    # ------------------------------------------------------------ state, recovery, tour
    def _restore_state(self) -> None:
        s = ui_settings()
        geometry = s.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        size = s.value("main/size")
        if isinstance(size, QSize) and not self.isMaximized():
            self.resize(size)  # restoreGeometry alone clamps to the screen on some platforms
        state = s.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        split = s.value("main/splitter")
        if isinstance(split, QByteArray):
            self.dataset_page.splitter.restoreState(split)

    def _save_state(self) -> None:
        s = ui_settings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/size", self.size())
        s.setValue("main/state", self.saveState())
        s.setValue("main/splitter", self.dataset_page.splitter.saveState())
        s.sync()

    def offer_recovery(self) -> QMessageBox | None:
        """If a crashed session left unsaved work, ask (non-blocking) whether to restore it."""
        orphans = autosave_mod.find_orphans()
        if not orphans:
            return None
        info = orphans[0]
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.saved_at))
        was = str(info.original) if info.original else self.tr("an unsaved dataset")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore unsaved work?"),
            self.tr(
                "Finetune Desktop did not close properly last time. Unsaved work from "
                "%1 (%2 examples, from %3) was kept."
            )
            .replace("%1", when)
            .replace("%2", f"{info.examples:,}")
            .replace("%3", was),
            parent=self,
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)

        def answered(_r: int) -> None:
            self.recovery_prompt = None
            if box.clickedButton() is restore:
                self.restore(info)
            else:
                autosave_mod.discard_recovery(info)

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.recovery_prompt = box
        box.open()
        return box

    def restore(self, info: RecoveryInfo) -> None:
        examples = autosave_mod.read_recovery(info)
        self.document.load_examples(examples, info.original)
        self.document.undo_stack.resetClean()  # restored work is unsaved until the user saves it
        autosave_mod.discard_recovery(info)
        self.autosave.save_now()
        if examples:
            self.dataset_page.select_rows([0])
        self.statusBar().showMessage(self.tr("Restored %n example(s). Save to keep them.", "", len(examples)))

    def show_about(self) -> None:
        """Read the About facts (the model catalog is a file) off the UI thread, then open the dialog."""
        from finetune_desktop.core.about import about_facts

        self.context.runner.op(about_facts).on_result(self._open_about).on_error(
            lambda exc, _tb: self.show_error(self.tr("About Finetune Desktop"), str(exc))
        ).start(self)

    def _open_about(self, facts: AboutFacts) -> None:
        from finetune_desktop.gui.about import AboutDialog

        dlg = AboutDialog(facts, self)
        dlg.finished.connect(dlg.deleteLater)
        self.about_dialog = dlg
        dlg.open()

    about_dialog: QWidget | None = None

    def start_tour(self) -> QWidget | None:
        tour = GuidedTour(self.page_keys(), ui_settings(), self)
        tour.page_requested.connect(self.show_page)
        tour.finished.connect(tour.deleteLater)
        tour.show()
        return tour
