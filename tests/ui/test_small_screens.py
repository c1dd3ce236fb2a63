"""Every window and dialog of both workspaces is usable on a small laptop screen with large text:
1280×720 and 1366×768 effective pixels (1920×1080 at 150 %, the common 1366×768) with the text at
150 %, in Russian (long words) and Persian (right to left). Nothing larger than the screen's free
area, nothing off-screen, no widget cut by its parent, no label or button narrower than its text,
no form or page that scrolls sideways (downwards is fine).

The screen is simulated where the app asks for it (`screen_fit.available_room`), so the windows'
own fitting — at opening, on restoring a remembered geometry, on showing a dialog — is what runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.ui.common import screen_fit
from app.ui.common.elided_label import ElidedLabel
from app.ui.common.screen_fit import FRAME_ALLOWANCE, OnScreenMixin
from app.ui.common.settings import app_settings
from app.ui.shell.first_run import FirstRunDialog

from .tour import coordinator_tour, open_window, secretariat_tour, settle, tab_stops

#: Windows 11's taskbar, in effective pixels: what the screen's free area loses at the bottom.
TASKBAR = 48
SCREENS = {"1280x720": (1280, 720), "1366x768": (1366, 768)}
LANGUAGES = ["ru", "fa"]
#: "150 %" text: the application's font this much larger (what Windows' text size setting does).
TEXT_SCALE = 1.5


def screen_room(screen: str) -> QRect:
    width, height = SCREENS[screen]
    return QRect(0, 0, width, height - TASKBAR)


@pytest.fixture
def large_text(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[None]:
    """The application's font at 150 % (or the size given) for widgets built during the test."""
    before = QApplication.font()
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * getattr(request, "param", TEXT_SCALE))
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


@pytest.fixture
def small_screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The free area of the simulated screen, given to every window that asks for its screen's."""
    room = screen_room(request.param)
    monkeypatch.setattr(screen_fit, "available_room", lambda _widget=None: QRect(room))
    settings = app_settings()
    settings.clear()  # no window geometry remembered by an earlier test
    settings.sync()
    return room


def shown_text(widget: QLabel | QAbstractButton) -> str:
    """The text as drawn: without the access key's ampersand (kept where doubled)."""
    text = widget.text()
    if isinstance(widget, QAbstractButton) or widget.buddy() is not None:
        text = re.sub(r"&(.)", r"\1", text)
    return text


def in_scrolled_content(widget: QWidget) -> bool:
    """Whether `widget` is placed in a scroll area's (or item view's) viewport: it may lie outside
    it, reached by scrolling."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def label_problem(label: QLabel) -> str | None:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.wordWrap():
        width = label.width()
        if label.hasHeightForWidth() and label.heightForWidth(width) > label.height() + 1:
            return f"wraps to {label.heightForWidth(width)} px but is {label.height()} px tall"
        return None
    if label.textFormat() == Qt.TextFormat.PlainText or not QtGui.Qt.mightBeRichText(label.text()):
        room = label.contentsRect().width() - 2 * max(label.margin(), 0)
        needed = max(label.fontMetrics().horizontalAdvance(line)
                     for line in shown_text(label).split("\n"))
        if needed > room + 1:
            return f"text needs {needed} px, has {room}"
        return None
    if label.width() < label.minimumSizeHint().width():
        return f"{label.width()} px wide, its text needs {label.minimumSizeHint().width()}"
    return None


def button_problem(button: QAbstractButton) -> str | None:
    if not shown_text(button):
        return None
    if button.width() < button.minimumSizeHint().width():
        return f"{button.width()} px wide, its text needs {button.minimumSizeHint().width()}"
    return None


def describe(widget: QWidget) -> str:
    text = shown_text(widget) if isinstance(widget, QLabel | QAbstractButton) else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:40]!r}" if text else name


def with_frame(window: QWidget) -> QRect:
    """Where the window would be with a Windows title bar and frame around it."""
    return QRect(window.x(), window.y(), window.width() + FRAME_ALLOWANCE[0],
                 window.height() + FRAME_ALLOWANCE[1])


def fit_problems(name: str, window: QWidget, room: QRect) -> list[str]:
    """What is off the screen, larger than it, cut off or squeezed below its text in `window`."""
    problems = []
    if not room.contains(with_frame(window)):
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        problems.append(
            f"{name}: {window.width()}×{window.height()} at ({window.x()}, {window.y()}) with its "
            f"frame is not inside the screen's free {room.width()}×{room.height()} "
            f"(its minimum is {minimum.width()}×{minimum.height()})")
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(window):
            continue
        parent = widget.parentWidget()
        assert parent is not None
        # One pixel of slack: a splitter right to left places its panes one pixel too far.
        inside = parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry())
        if not in_scrolled_content(widget) and not inside:
            box = widget.geometry()
            problems.append(f"{name}: {describe(widget)} at ({box.x()}, {box.y()}) "
                            f"{box.width()}×{box.height()} is cut off by its "
                            f"{parent.width()}×{parent.height()} {describe(parent)}")
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisibleTo(window):
            problems.append(f"{name}: {describe(widget)} of {describe(widget.widget())} scrolls "
                            f"sideways ({widget.widget().width()} px in "
                            f"{widget.viewport().width()})")
        if isinstance(widget, QTabBar) and widget.count():
            last = widget.tabRect(widget.count() - 1).united(widget.tabRect(0))
            if last.width() > widget.width():
                problems.append(f"{name}: the tabs of {describe(widget.parentWidget())} need "
                                f"{last.width()} px, have {widget.width()} (some behind arrows)")
        problem = (None if isinstance(widget, ElidedLabel)  # shortened with "…" when narrow
                   else label_problem(widget) if isinstance(widget, QLabel)
                   else button_problem(widget) if isinstance(widget, QAbstractButton) else None)
        if problem:
            problems.append(f"{name}: {describe(widget)}: {problem}")
    return problems


def tour_problems(stops, room: QRect) -> tuple[list[str], int]:
    problems, count = [], 0
    for stop in stops:
        count += 1
        problems += fit_problems(stop.name, stop.widget, room)
    return problems, count


class Screens:
    """The simulated screen, changed while a tour runs: every window that asks for its screen's
    free area (`screen_fit.available_room`) gets the current one's."""

    def __init__(self) -> None:
        self.room = screen_room(LARGEST)

    def set(self, screen: str) -> QRect:
        self.room = screen_room(screen)
        return self.room


#: The tour is built on the largest screen and each stop then fitted to the smaller ones, as the
#: window does when shown there: fitting only shrinks, so a window built on the large screen and
#: fitted to a small one is the size it would be built there.
LARGEST = max(SCREENS, key=lambda screen: SCREENS[screen][0] * SCREENS[screen][1])
LARGEST_FIRST = sorted(SCREENS, key=lambda screen: -SCREENS[screen][0] * SCREENS[screen][1])


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> Screens:
    """The simulated screens, the largest one current; no window geometry remembered."""
    simulated = Screens()
    monkeypatch.setattr(screen_fit, "available_room",
                        lambda _widget=None: QRect(simulated.room))
    settings = app_settings()
    settings.clear()
    settings.sync()
    return simulated


def on_every_screen(stops, screens: Screens, code: str) -> tuple[list[str], int]:
    """Each stop on each simulated screen in turn, largest first: the window is sized for the
    screen as when it opens there (`fit_to_screen`), a window or dialog fitted as when shown."""
    problems, count = [], 0
    for stop in stops:
        count += 1
        for screen in LARGEST_FIRST:
            room = screens.set(screen)
            if stop.widget is stop.window:
                stop.window.fit_to_screen()
            if isinstance(stop.widget, OnScreenMixin):
                screen_fit.fit_to_room(stop.widget)
            settle()
            problems += fit_problems(f"{code} {screen}: {stop.name}", stop.widget, room)
    return problems, count


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_coordinators_windows_fit_a_small_screen_with_large_text(
        qtbot, context, language, large_text, screens, tmp_path, code):
    language.set_language(code)
    problems, stops = on_every_screen(coordinator_tour(qtbot, context, tmp_path), screens, code)
    assert stops >= 18
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_secretariats_windows_fit_a_small_screen_with_large_text(
        qtbot, secretariat_context, language, large_text, screens, tmp_path, code):
    language.set_language(code)
    problems, stops = on_every_screen(secretariat_tour(qtbot, secretariat_context, tmp_path),
                                      screens, code)
    assert stops >= 12
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("large_text", [1.0, 1.25], indirect=True, ids=["100%", "125%"])
@pytest.mark.parametrize("small_screen", ["1280x720"], indirect=True)
@pytest.mark.parametrize("workspace", ["context", "secretariat_context"])
def test_the_windows_fit_a_small_screen_with_smaller_text_too(
        qtbot, request, language, large_text, small_screen, workspace):
    """The layouts that change with the room (charts side by side or not) at the sizes between."""
    language.set_language("ru")
    window = open_window(qtbot, request.getfixturevalue(workspace))
    problems, stops = tour_problems(tab_stops(window, workspace), small_screen)
    assert stops >= 6
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("small_screen", list(SCREENS), indirect=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_first_run_dialog_fits_a_small_screen_with_large_text(
        qtbot, empty_db, language, large_text, small_screen, code):
    language.set_language(code)
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    problems = fit_problems("first-run dialog", dialog, small_screen)
    dialog.secretariat_radio.setChecked(True)
    dialog.error_label.setText(dialog.error_label.text() or "—")
    settle()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("small_screen", ["1280x720"], indirect=True)
def test_a_window_remembered_on_a_bigger_screen_opens_inside_the_small_one(
        qtbot, context, language, small_screen):
    """A laptop taken from its office's 1920×1200 monitor: the window it remembers (and the
    history dialog's) are larger than this screen and partly beyond its right edge."""
    window = open_window(qtbot, context)
    window.setGeometry(600, 200, 1800, 1100)
    window.close()  # remembers that geometry
    settle()
    assert app_settings().value("MainWindow/geometry") is not None
    again = open_window(qtbot, context)
    assert small_screen.contains(with_frame(again)), again.geometry()
    assert again.statusBar().isVisible()


@pytest.mark.parametrize("small_screen", ["1280x720"], indirect=True)
def test_a_dialog_remembered_larger_than_the_screen_is_shown_inside_it(
        qtbot, context, language, small_screen):
    from app.ui.files.backups_dialog import BackupsDialog

    settings = app_settings()
    window = open_window(qtbot, context)
    big = BackupsDialog(context, window)
    qtbot.addWidget(big)
    big.setGeometry(300, 100, 1500, 1000)
    settings.setValue("BackupsDialog/geometry", QByteArray(big.saveGeometry()))
    settings.sync()
    dialog = BackupsDialog(context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert not fit_problems("backups dialog", dialog, small_screen)


class Window(OnScreenMixin, QWidget):
    """A window with one child, whose minimum width the test changes."""

    def __init__(self) -> None:
        super().__init__()
        self.child = QWidget()
        self.child.setMinimumWidth(600)
        QVBoxLayout(self).addWidget(self.child)


@pytest.mark.parametrize("small_screen", ["1280x720"], indirect=True)
def test_a_window_enlarged_by_a_passing_minimum_returns_inside_the_screen(qtbot, small_screen):
    """Qt enlarges a window for a page wider than the screen while it is built, and never makes
    it smaller again by itself; a window the user made larger stays as the user left it."""
    window = Window()
    qtbot.addWidget(window)
    window.resize(800, 400)
    window.show()
    settle()
    window.child.setMinimumWidth(1500)
    settle()
    assert window.width() == window.minimumWidth() > 1500
    window.child.setMinimumWidth(600)
    settle()
    assert small_screen.contains(with_frame(window)), window.geometry()
    window.resize(1500, 400)  # the user's choice: left alone
    settle()
    window.child.setMinimumWidth(700)
    settle()
    assert window.width() == 1500
