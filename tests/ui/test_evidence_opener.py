"""The evidence editor's Open (issue 14): confirmed documents and web pages, nothing else."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.ui.coordinator import evidence_opener
from app.ui.coordinator.evidence_editor import EvidenceEditor


@pytest.fixture
def shell(monkeypatch):
    """What the desktop was asked to open, and the message boxes shown (answered `answer`)."""
    record = {"opened": [], "boxes": [], "answer": QMessageBox.StandardButton.Yes}

    def open_url(url):
        record["opened"].append(url.toString())
        return True

    def box(parent, icon, title, text, buttons=QMessageBox.StandardButton.Ok, default=None,
            selectable=False):
        record["boxes"].append(text)
        return record["answer"]

    monkeypatch.setattr(evidence_opener.QDesktopServices, "openUrl", open_url)
    monkeypatch.setattr(evidence_opener, "message_box", box)
    monkeypatch.setattr("app.ui.common.plain_text.message_box", box)
    return record


@pytest.mark.parametrize("location", ["javascript:alert(1)", "file:///usr/bin/xterm",
                                      "/usr/bin/xterm", "\\\\server\\share\\tool.exe",
                                      "report\u202efdp.exe", "C:\\Windows\\System32\\cmd.exe"])
def test_programs_schemes_and_network_paths_are_never_opened(qapp, shell, location):
    editor = EvidenceEditor()
    editor.set_items([("Report", location)], editable=False)
    editor.view.selectRow(0)
    editor.open_button.click()
    assert shell["opened"] == []
    assert len(shell["boxes"]) == 1
    assert "\u202e" not in shell["boxes"][0]  # shown as a visible mark, not obeyed


def test_a_web_address_opens_after_it_was_shown(qapp, shell):
    assert evidence_opener.open_evidence(None, "https://unhcr.org/a.pdf")
    assert "https://unhcr.org/a.pdf" in shell["boxes"][0]
    assert shell["opened"] == ["https://unhcr.org/a.pdf"]
    shell["answer"] = QMessageBox.StandardButton.No
    assert not evidence_opener.open_evidence(None, "https://unhcr.org/b.pdf")
    assert shell["opened"] == ["https://unhcr.org/a.pdf"]


def test_a_local_document_opens_after_its_full_path_was_shown(qapp, shell, tmp_path):
    document = tmp_path / "brief.pdf"
    document.write_bytes(b"%PDF-1.7")
    assert evidence_opener.open_evidence(None, str(document))
    assert str(document.resolve()) in shell["boxes"][0]
    assert shell["opened"] == [document.resolve().as_uri()]


def test_a_document_link_leading_to_a_program_is_not_opened(qapp, shell, tmp_path):
    program = tmp_path / "tool.sh"
    program.write_text("#!/bin/sh\n")
    disguised = tmp_path / "brief.pdf"
    disguised.symlink_to(program)
    assert not evidence_opener.open_evidence(None, str(disguised))
    assert shell["opened"] == []
