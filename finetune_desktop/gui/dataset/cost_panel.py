"""CostPanel: model choice, token distribution and the training price before anything is paid."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finetune_desktop.core.catalog import pricing
from finetune_desktop.core.catalog.pricing import TrainingFigures
from finetune_desktop.gui.dataset import core_api
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.dataset.histogram import TokenHistogram
from finetune_desktop.gui.dataset.ui_state import ui_settings
from finetune_desktop.gui.model_names import model_label


class CostPanel(QWidget):
    def __init__(self, document: DatasetDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.models, catalog_problems, self.catalog = core_api.load_models()
        settings = ui_settings()
        cur_code, cur_rate = self.catalog.currency.code, float(self.catalog.currency.rate_per_usd)
        #: the figures shown now (core's, the same ``check`` prints); None until the first refresh
        self.figures: TrainingFigures | None = None

        self.model_box = QComboBox()
        for m in self.models:
            self.model_box.addItem(model_label(m.id), m.id)
        saved = str(settings.value("cost/model", document.model))
        idx = self.model_box.findData(saved)
        self.model_box.setCurrentIndex(max(0, idx))
        self.model_info = QLabel()
        self.model_info.setWordWrap(True)

        self.histogram = TokenHistogram()
        self.stats = QLabel()
        self.stats.setWordWrap(True)

        self.auto_epochs = QCheckBox(self.tr("Automatic"))
        self.auto_epochs.setChecked(True)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 50)
        self.epochs.setEnabled(False)
        epochs_row = QHBoxLayout()
        epochs_row.addWidget(self.epochs)
        epochs_row.addWidget(self.auto_epochs)
        epochs_row.addStretch(1)

        self.currency = QLineEdit(str(settings.value("cost/currency", cur_code)))
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(60)
        self.rate = QDoubleSpinBox()
        self.rate.setDecimals(4)
        self.rate.setRange(0.0001, 100000)
        self.rate.setValue(float(str(settings.value("cost/rate", cur_rate))))
        rate_row = QHBoxLayout()
        rate_row.addWidget(QLabel(self.tr("1 USD =")))
        rate_row.addWidget(self.rate)
        rate_row.addWidget(self.currency)
        rate_row.addStretch(1)

        self.billed = QLabel()
        self.cost = QLabel()
        self.cost.setObjectName("costValue")
        self.cost.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.cost.setWordWrap(True)
        self.price_note = QLabel()
        self.price_note.setWordWrap(True)
        # Why a figure is not exact: counts estimated without a vocabulary, or a broken price file.
        self.catalog_problems = catalog_problems
        self.notice = QLabel()
        self.notice.setObjectName("costNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00;")
        self.notice.setVisible(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Model"), self.model_box)
        form.addRow("", self.model_info)
        form.addRow(self.tr("Epochs"), epochs_row)
        form.addRow(self.tr("Second currency"), rate_row)
        form.addRow(self.tr("Billed tokens"), self.billed)
        form.addRow(self.tr("Estimated cost"), self.cost)
        form.addRow("", self.price_note)
        form.addRow("", self.notice)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(form)
        layout.addWidget(self.histogram, 1)
        layout.addWidget(self.stats)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = False
        document.tokens_changed.connect(self._timer.start)
        document.rows_inserted.connect(self._timer.start)
        document.rows_removed.connect(self._timer.start)
        document.reset_done.connect(self._timer.start)
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        self.auto_epochs.toggled.connect(self._on_auto_toggled)
        self.epochs.valueChanged.connect(self.refresh)
        self.rate.valueChanged.connect(self._on_rate_changed)
        self.currency.textChanged.connect(self._on_rate_changed)
        self._on_model_changed()

    def current_model(self) -> core_api.ModelChoice:
        return self.models[max(0, self.model_box.currentIndex())]

    @Slot()
    def _on_model_changed(self) -> None:
        m = self.current_model()
        ui_settings().setValue("cost/model", m.id)
        bits = [self.tr("Training context: %1 tokens").replace("%1", _n(m.training_context))]
        if m.new_jobs_until:
            bits.append(self.tr("new jobs until %1").replace("%1", m.new_jobs_until))
        if m.shutdown_date:
            bits.append(self.tr("shuts down %1").replace("%1", m.shutdown_date))
        self.model_info.setText(" · ".join(bits))
        self.doc.set_model(m.id, m.training_context)
        self.refresh()

    @Slot(bool)
    def _on_auto_toggled(self, on: bool) -> None:
        self.epochs.setEnabled(not on)
        self.refresh()

    @Slot()
    def _on_rate_changed(self) -> None:
        s = ui_settings()
        s.setValue("cost/rate", self.rate.value())
        s.setValue("cost/currency", self.currency.text().strip().upper() or "CNY")
        self.refresh()

    def epochs_value(self) -> int:
        if self.auto_epochs.isChecked():
            return pricing.default_epochs(len(self.doc))
        return self.epochs.value()

    def _rate(self, currency: str) -> float | None:
        """The rate the user set; None while it is the catalog's own (then its exact value and date)."""
        cur = self.catalog.currency
        value = self.rate.value()
        if currency == cur.code and round(value, 4) == round(float(cur.rate_per_usd), 4):
            return None
        return value

    @Slot()
    def refresh(self) -> None:
        m = self.current_model()
        totals, billed_each, estimated = self.doc.token_columns()
        n = len(self.doc)
        cur = self.currency.text().strip().upper() or "CNY"
        fig = core_api.training_figures(
            totals,
            billed_each,
            n,
            m,
            self.catalog,
            estimated=estimated,
            epochs=None if self.auto_epochs.isChecked() else self.epochs.value(),
            rate=self._rate(cur),
            currency=cur,
        )
        self.figures = fig
        totals.sort()  # for the histogram
        self.histogram.set_values(totals, m.training_context)
        billed = fig.tokens.billed
        epochs = fig.epochs
        if self.auto_epochs.isChecked():
            self.epochs.blockSignals(True)
            self.epochs.setValue(epochs)
            self.epochs.blockSignals(False)
        counted = len(totals)
        approx = "≈" if estimated else ""
        self.billed.setText(
            f"{approx}{_n(billed)}"
            + (
                self.tr("  (counted %1 of %2 examples)").replace("%1", _n(counted)).replace("%2", _n(n))
                if counted < n
                else ""
            )
        )
        usd, local = fig.cost.usd, fig.cost.local
        if usd is None:
            self.cost.setText(self.tr("No published price for this model"))
        else:
            text = f"{approx}${_money(core_api.money(usd))}"
            if local is not None:
                text += f"  ·  {approx}{_money(core_api.money(local))} {fig.cost.currency}"
            self.cost.setText(text)
        price = "—" if m.training_price_per_1m is None else f"${_money(m.training_price_per_1m)}"
        self.price_note.setText(
            self.tr(
                "%1 per 1M training tokens × %2 epochs × billed tokens. Prices as last published on %3; "
                "validation examples are free."
            )
            .replace("%1", price)
            .replace("%2", str(epochs))
            .replace("%3", m.prices_date or "?")
        )
        notices = list(self.catalog_problems)
        if estimated:
            notices.insert(
                0,
                self.tr(
                    "Figures marked ≈ are estimates: the tokenizer's vocabulary could not be loaded (it is "
                    "downloaded once, so this computer may be offline). Exact counts appear after the "
                    "vocabulary loads; reopen the file once you are online."
                ),
            )
        self.notice.setText("\n".join(notices))
        self.notice.setVisible(bool(notices))
        st = fig.tokens
        over = st.truncated_examples
        text = (
            self.tr("Per example: min %1 · median %2 · 90%% %3 · max %4")
            .replace("%1", _n(st.min))
            .replace("%2", _n(st.p50))
            .replace("%3", _n(st.p90))
            .replace("%4", _n(st.max_example))
        )
        text = text.replace("%%", "%")
        if over:
            text += "  ·  " + self.tr("%n example(s) longer than the training context are cut", "", over)
        self.stats.setText(text)

    @Slot()
    def _refresh_if_shown(self) -> None:
        """Hidden tabs only note the change: summing 100k examples for nobody costs a frame."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


def _n(value: int) -> str:
    """A whole number with the locale's thousands separators."""
    return QLocale().toString(int(value))


def _money(value: float | Decimal) -> str:
    return QLocale().toString(float(value), "f", 2)
