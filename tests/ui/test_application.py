"""Start-up: `start_gui` opens the workspace in its own language, switching only when it differs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.i18n import current_language
from app.ui.common.language import LanguageController
from app.ui.shell.application import AppController, start_gui


@pytest.fixture
def switches(monkeypatch) -> list[str]:
    """Every language the controller is set to, in order."""
    calls: list[str] = []
    original = LanguageController.set_language

    def recording(self: LanguageController, language: str) -> None:
        calls.append(language)
        original(self, language)

    monkeypatch.setattr(LanguageController, "set_language", recording)
    return calls


@pytest.fixture
def started(qapp, qtbot, tmp_path, today, workspace_templates) -> Iterator[Callable[[str], AppController]]:
    controllers: list[AppController] = []

    def start(language: str) -> AppController:
        path = tmp_path / f"{language}.sqlite"
        workspace_templates.demo_at(path, language=language, today=today).close()
        controller = start_gui(path)
        controllers.append(controller)
        for window in controller.windows:
            qtbot.addWidget(window)
        return controller

    yield start
    for controller in controllers:
        controller.language.set_language("en")
        controller.language.deleteLater()


def test_start_opens_the_workspace_in_its_language(started, switches):
    controller = started("ru")
    assert switches == ["en", "ru"]
    assert current_language() == "ru"
    window = controller.windows[0]
    assert window.windowTitle().startswith("Казахстан")
    assert window.file_menu.title() == "&Файл"


def test_start_in_the_current_language_switches_once(started, switches):
    controller = started("en")
    assert switches == ["en"]
    assert len(controller.windows) == 1
    assert controller.windows[0].windowTitle().startswith("Kazakhstan")


def test_a_started_app_puts_its_start_out_of_the_collectors_way(qapp, qtbot, tmp_path, today,
                                                                monkeypatch, capsys,
                                                                workspace_templates):
    """`run_gui` freezes the start's objects once the window is up (full collections then walk
    only what came after); garbage of the start is collected first. (The event loop is not run:
    its quit would end every later test's waiting loop.)"""
    import gc

    from app.ui.shell import application

    path = tmp_path / "en.sqlite"
    workspace_templates.demo_at(path, language="en", today=today).close()
    scheduled: list[object] = []
    monkeypatch.setattr(application.QTimer, "singleShot",
                        lambda _ms, call: scheduled.append(call))
    monkeypatch.setattr(application.QApplication, "exec", lambda _self: 0)
    started: list[AppController] = []
    real_start = application.start_gui
    monkeypatch.setattr(application, "start_gui",
                        lambda *a: started.append(real_start(*a)) or started[-1])
    assert application.run_gui(path, quit_after_show=True) == 0
    for window in started[0].windows:
        qtbot.addWidget(window)
    assert "shown" in capsys.readouterr().out
    assert application.settle_after_start in scheduled
    order: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *a: order.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: order.append("freeze"))
    application.settle_after_start()
    assert order == ["collect", "freeze"]
    started[0].language.set_language("en")
    started[0].language.deleteLater()
