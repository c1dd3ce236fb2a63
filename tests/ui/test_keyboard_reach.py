"""Every control a mouse can use, a keyboard can reach: on each stop of both tours and in the
first-run dialog, every visible interactive widget takes focus by keyboard and is met by walking
the Tab chain (pressing Tab, as a user would), with no keyboard trap; it looks different while it
has the focus; in a dialog Tab follows the reading order, and Esc closes every dialog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.focus_ring import FocusRing, install_focus_ring

from .tour import Stop, coordinator_tour, secretariat_tour

#: What a mouse can act on: buttons, lists and tables, fields, tab bars, sliders, charts.
INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar,
               QTextEdit, QPlainTextEdit, QAbstractSlider, QChartView)
#: Tab presses allowed per focusable widget before the walk counts as trapped (a table that moves
#: cell by cell on Tab uses them up).
STEPS_PER_WIDGET = 3


def _linked(label: QLabel) -> bool:
    """A label whose links a mouse can follow."""
    return bool(label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse) and (
        "<a " in label.text())


def _inside_parts(widget: QWidget, root: QWidget) -> bool:
    """A part of a compound control (a combo's or spin box's field, a tab bar's scroll buttons, a
    view's cell editor, a scroll bar): reached through the control itself."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def interactive(root: QWidget) -> list[QWidget]:
    """The visible, enabled widgets of `root`'s window a mouse can act on."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root or not widget.isVisible() or not widget.isEnabled():
            continue
        if _inside_parts(widget, root):
            continue
        if isinstance(widget, INTERACTIVE) or (isinstance(widget, QLabel) and _linked(widget)):
            found.append(widget)
    return found


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    name = widget.objectName() or widget.accessibleName() or text
    parent = widget.parentWidget()
    where = type(parent).__name__ if parent is not None else ""
    return f"{type(widget).__name__}({name!r}) in {where}"


@dataclass
class Walk:
    """What pressing Tab round a window met: the ids of the widgets focus passed through (with
    their ancestors), each interactive one as it looked with the focus, and any trap."""

    reached: set[int] = field(default_factory=set)
    focused_looks: dict[int, tuple[QWidget, QImage]] = field(default_factory=dict)
    #: The widgets focus went to, in the order Tab took it there.
    order: list[QWidget] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def tab_walk(root: QWidget) -> Walk:
    """Press Tab from the first widget of the chain until focus comes round again."""
    root.activateWindow()
    for _wait in range(100):  # the focus ring follows the application's focus: the active window's
        QApplication.processEvents()
        if QApplication.activeWindow() is root:
            break
        QTest.qWait(10)
    focusable = [w for w in root.findChildren(QWidget)
                 if w.window() is root and w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if not focusable:
        return Walk()
    QTest.keyClick(root.focusWidget() or root, Qt.Key.Key_Tab)  # a key: Qt now shows focus
    QApplication.processEvents()
    walked = Walk()
    reached, problems = walked.reached, walked.problems
    shown = {id(widget): widget for widget in interactive(root)}
    start = root.focusWidget()
    steps, same, previous = 0, 0, None
    while steps < STEPS_PER_WIDGET * len(focusable) + 20:
        current = root.focusWidget()
        if current is None:
            problems.append("the Tab chain left the window")
            break
        if not walked.order or walked.order[-1] is not current:
            walked.order.append(current)
        walk: QWidget | None = current
        while walk is not None and walk is not root:
            reached.add(id(walk))
            if id(walk) in shown and id(walk) not in walked.focused_looks:
                walked.focused_looks[id(walk)] = (walk, look(walk))
            walk = walk.parentWidget()
        same = same + 1 if current is previous else 0
        if same >= 20:
            problems.append(f"keyboard trap: Tab stays in {_describe(current)}")
            break
        previous = current
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        steps += 1
        if root.focusWidget() is start:
            break
    else:
        problems.append(f"the Tab chain did not come round in {steps} presses")
    return walked


def look(widget: QWidget) -> QImage:
    """The widget as seen, with a few pixels round it (where a focus ring is drawn)."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return widget.grab().toImage()
    return parent.grab(widget.geometry().adjusted(-3, -3, 3, 3)).toImage()


def focus_unseen(walked: Walk) -> list[str]:
    """The widgets that look the same with and without the keyboard's focus (WCAG 2.4.7)."""
    problems = []
    for widget, focused in walked.focused_looks.values():
        focus = widget.window().focusWidget()
        if focus is not None:
            focus.clearFocus()
        QApplication.processEvents()
        if look(widget) == focused:
            problems.append(f"no visible focus: {_describe(widget)}")
    return problems


def _exclusive_siblings(widget: QWidget) -> list[QAbstractButton]:
    """The other buttons of an exclusive group (radio buttons): Tab stops at the checked one and
    the arrow keys move between them, Qt's documented route, so Qt takes the others off the chain."""
    if not isinstance(widget, QAbstractButton) or not widget.isCheckable():
        return []
    group = widget.group()
    if group is not None and group.exclusive():
        return [b for b in group.buttons() if b is not widget]
    parent = widget.parentWidget()
    if widget.autoExclusive() and parent is not None:
        return [b for b in parent.findChildren(QAbstractButton)
                if b is not widget and b.autoExclusive() and b.parentWidget() is parent]
    return []


def out_of_order(walked: Walk, root: QWidget) -> list[str]:
    """Tab going back up a dialog (its fields are one column: Tab reads them top to bottom, and
    goes up once, from the last button to the first field)."""
    round_trip = walked.order + walked.order[:1]  # with the step from the last back to the first
    tops = [(widget, widget.mapTo(root, QPoint(0, 0)).y()) for widget in round_trip]
    ups = [f"Tab goes up from {_describe(above)} to {_describe(below)}"
           for (above, top), (below, next_top) in pairwise(tops) if next_top + 4 < top]
    return ups if len(ups) > 1 else []


def unreachable(name: str, root: QWidget, dialog: bool = False) -> list[str]:
    """The interactive widgets of `root` a keyboard cannot reach or that do not show the keyboard's
    focus, any keyboard trap, and in a dialog a Tab order against the reading order."""
    walked = tab_walk(root)
    reached, problems = walked.reached, walked.problems
    if dialog:
        problems += out_of_order(walked, root)
    for widget in interactive(root):
        if any(id(sibling) in reached for sibling in _exclusive_siblings(widget)):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            problems.append(f"cannot take focus by keyboard: {_describe(widget)}")
        elif id(widget) not in reached:
            problems.append(f"not on the Tab chain: {_describe(widget)}")
    problems += focus_unseen(walked)
    return [f"{name}: {problem}" for problem in problems]


def _keyboard_problems(stops: Iterable[Stop]) -> list[str]:
    """At each stop every control reached by Tab; each dialog then closed by Esc."""
    problems: list[str] = []
    for stop in stops:
        dialog = stop.widget is not stop.window
        problems += unreachable(stop.name, stop.widget, dialog=dialog)
        if dialog:
            problems += _escape_closes(stop.name, stop.widget)
    return problems


def test_every_coordinator_control_is_reached_by_tab_and_esc_closes_each_dialog(
        qtbot, context, tmp_path):
    problems = _keyboard_problems(coordinator_tour(qtbot, context, tmp_path))
    assert problems == [], "\n".join(problems)


def test_every_secretariat_control_is_reached_by_tab_and_esc_closes_each_dialog(
        qtbot, secretariat_context, tmp_path):
    problems = _keyboard_problems(secretariat_tour(qtbot, secretariat_context, tmp_path))
    assert problems == [], "\n".join(problems)


def test_every_first_run_control_is_reached_by_tab(qtbot, empty_db, language):
    from app.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unreachable("first-run dialog", dialog, dialog=True) == []


def test_the_walker_finds_an_unreachable_control_and_a_trap(qtbot):
    install_focus_ring()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, mouse_only, trap = QPushButton("First"), QPushButton("Mouse only"), QPlainTextEdit()
    mouse_only.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table = QTableView()
    for widget in (first, mouse_only, table, trap):
        layout.addWidget(widget)
    window.show()
    problems = unreachable("test", window)
    assert any("cannot take focus by keyboard: QPushButton('Mouse only')" in p for p in problems)
    assert any("keyboard trap: Tab stays in QPlainTextEdit" in p for p in problems), problems
    trap.setTabChangesFocus(True)
    assert unreachable("test", window) == ["test: cannot take focus by keyboard: "
                                           "QPushButton('Mouse only') in QWidget"]


class Blank(QAbstractButton):
    """A button that draws nothing, focus or not."""

    def paintEvent(self, event: QPaintEvent) -> None:
        pass


def test_the_walker_finds_a_control_that_hides_its_focus(qtbot):
    keeper = install_focus_ring()
    assert keeper is not None
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    blank, button = Blank(), QPushButton("Button")
    for widget in (blank, button):
        layout.addWidget(widget)
    window.show()
    assert focus_unseen(tab_walk(window)) == []  # the ring shows where the keyboard is
    QApplication.instance().focusChanged.disconnect(keeper.follow)
    keeper.ring.hide()
    try:
        assert focus_unseen(tab_walk(window)) == ["no visible focus: Blank('') in QWidget"]
    finally:
        QApplication.instance().focusChanged.connect(keeper.follow)


def test_the_ring_shows_after_a_key_not_after_a_click(qtbot):
    install_focus_ring()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QPushButton("First"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Tab)
    ring = window.findChild(FocusRing)
    assert second.hasFocus() and ring is not None and ring.isVisible()
    assert ring.geometry().contains(second.geometry())
    QTest.mouseClick(first, Qt.MouseButton.LeftButton)
    assert first.hasFocus() and not ring.isVisible()


def test_the_walker_finds_a_tab_order_against_the_reading_order(qtbot):
    install_focus_ring()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    top, middle, bottom = QLineEdit(), QLineEdit(), QPushButton("OK")
    for widget in (top, middle, bottom):
        layout.addWidget(widget)
    dialog.show()
    assert out_of_order(tab_walk(dialog), dialog) == []
    QWidget.setTabOrder(top, bottom)
    QWidget.setTabOrder(bottom, middle)
    assert len(out_of_order(tab_walk(dialog), dialog)) == 2


def _escape_closes(stop_name: str, dialog: QWidget) -> list[str]:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the tour closes it later
    focus = dialog.focusWidget() or dialog
    QTest.keyClick(focus, Qt.Key.Key_Escape)
    QApplication.processEvents()
    return [f"{stop_name}: Esc does not close it"] if dialog.isVisible() else []
