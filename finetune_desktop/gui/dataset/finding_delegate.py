"""FindingDelegate: a findings row in two lines, the plain words first and the technical part below,
smaller and grey (a group's code, a finding's line and JSON path)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from finetune_desktop.gui.dataset.findings_model import SecondaryRole

_Index = QModelIndex | QPersistentModelIndex
_PAD = 2


class FindingDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        secondary = index.data(SecondaryRole)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        main_font = opt.font
        small = self._small_font(main_font)
        main_h = QFontMetrics(main_font).height()
        painter.save()
        painter.setFont(main_font)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
        elif brush is not None:
            painter.setPen(brush.color())
        else:
            painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
        line1 = QRect(rect.left() + _PAD, rect.top() + _PAD, rect.width() - 2 * _PAD, main_h)
        elided = QFontMetrics(main_font).elidedText(str(text), Qt.TextElideMode.ElideRight, line1.width())
        painter.drawText(line1, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), elided)
        if secondary:
            painter.setFont(small)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(opt.palette.color(role))
            line2 = QRect(
                line1.left(), line1.bottom() + 1, line1.width(), QFontMetrics(small).height() + _PAD
            )
            small_text = QFontMetrics(small).elidedText(
                str(secondary), Qt.TextElideMode.ElideMiddle, line2.width()
            )
            painter.drawText(
                line2, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), small_text
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        font = option.font
        height = QFontMetrics(font).height() + QFontMetrics(self._small_font(font)).height() + 4 * _PAD
        return QSize(base.width(), max(base.height(), height))

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        size = small.pointSizeF()
        if size > 0:
            small.setPointSizeF(size * 0.85)
        return small
