"""`main.py consolidate` writes the regional workbook and the PDF brief, headless."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from app.cli import main
from app.i18n import translate_in
from app.i18n.formats import country_name

ROOT = Path(__file__).resolve().parent.parent


def test_consolidate_writes_the_workbook(secretariat_db, tmp_path, capsys):
    out = tmp_path / "regional.xlsx"
    code = main(["consolidate", "--db", str(secretariat_db.path), "--lang", "en", "--out", str(out),
                 "--from", "2025-H1", "--to", "2026-H1", "--country", "kz", "--country", "KG"])
    assert code == 0 and "Regional report written" in capsys.readouterr().out
    book = CalamineWorkbook.from_path(str(out))
    matrix = book.get_sheet_by_name("Completeness").to_python()
    assert matrix[0][2:5] == ["2025-H1", "2025-H2", "2026-H1"]
    assert [row[0] for row in matrix[1:3]] == ["Kazakhstan", "Kyrgyzstan"]


def test_consolidate_counts_members_unless_asked_for_other_roles(secretariat_db, tmp_path, capsys):
    """Observers and guests count by choice; the cover says which roles the figures count."""
    def matrix_and_roles(*extra: str) -> tuple[list[str], str]:
        out = tmp_path / f"regional{len(extra)}.xlsx"
        assert main(["consolidate", "--db", str(secretariat_db.path), "--lang", "en", "--out",
                     str(out), *extra]) == 0
        book = CalamineWorkbook.from_path(str(out))
        cover = {row[0]: row[1] for row in book.get_sheet_by_name("Report").to_python() if row}
        matrix = book.get_sheet_by_name("Completeness").to_python()
        return [row[0] for row in matrix[1:] if row and row[0]], str(cover.get("Roles counted"))

    members, counted = matrix_and_roles()
    everyone, counted_all = matrix_and_roles("--all-roles")
    assert counted == "Member" and "Observer" in counted_all
    with_observers = matrix_and_roles("--role", "member", "--role", "observer")[0]
    assert set(members) < set(with_observers) and "Turkmenistan" not in members
    assert "Turkmenistan" in with_observers and "Turkmenistan" in everyone


@pytest.mark.parametrize(("extra", "message"), [
    (["--from", "1999-H1"], "Unknown period"),
    (["--country", "XX"], "No country or period"),
])
def test_consolidate_refuses_what_it_cannot_do(secretariat_db, tmp_path, capsys, extra, message):
    out = tmp_path / "r.xlsx"
    assert main(["consolidate", "--db", str(secretariat_db.path), "--out", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                    reason="poppler-utils are installed by .ci/run")
def test_consolidate_writes_a_pdf_brief_with_every_country(secretariat_db, tmp_path):
    """Run in a process of its own: the brief needs a Qt GUI application of its own."""
    out, pdf = tmp_path / "regional.xlsx", tmp_path / "brief.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "main.py", "consolidate", "--db", str(secretariat_db.path), "--lang", "ru",
         "--out", str(out), "--pdf", str(pdf), "--all-roles"], cwd=ROOT, capture_output=True,
        text=True, env=env,
        timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists() and pdf.exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for code in ("KZ", "KG", "TJ", "TM"):
        assert country_name(code, "ru") in text
    assert "Казахстан" in text
    if shutil.which("pdfinfo"):  # the PDF's own title metadata is in the report's language too
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert translate_in("ru", "Regional progress brief") in info
    assert "Региональный отчёт записан" in result.stdout
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2 and all(p.stat().st_size > 2000 for p in pages)


def test_messages_speak_the_workspaces_language(db_path, tmp_path, capsys):
    """A Russian workspace's commands answer in Russian without --lang; --lang still wins."""
    assert main(["init", "--db", str(db_path), "--role", "secretariat", "--name", "Айгерим",
                 "--lang", "ru"]) == 0
    assert "Рабочее пространство создано" in capsys.readouterr().out
    out = tmp_path / "r.xlsx"
    assert main(["consolidate", "--db", str(db_path), "--out", str(out), "--country", "XX"]) == 2
    assert capsys.readouterr().err.strip() == (
        "ошибка: Ни одна страна или период не соответствует этим фильтрам.")
    assert main(["consolidate", "--db", str(db_path), "--lang", "tr", "--out", str(out),
                 "--country", "XX"]) == 2
    assert capsys.readouterr().err.startswith("hata: ")
