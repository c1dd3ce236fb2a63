"""Foreign and damaged files (issue 14): one clear refusal each, exit code 2, nothing changed.

Every case of `foreign.FOREIGN` and of `hostile.CASES`: read, it raises a refusal naming the file
and what it is, with no Python exception name in it and no warning let out; imported from the
command line, it exits 2 with one line on stderr and leaves the database byte for byte as it was;
in a secretariat's batch between two good files, those two are applied and the summary printed.
"""

from __future__ import annotations

import hashlib
import re
import warnings

import pytest

from app.cli import main
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.batch import import_batch
from app.reports.submission.read import read_submission
from app.reports.submission.receive import Outcome

from .foreign import FOREIGN
from .hostile import CASES
from .test_batch_import import ON_TIME, inbox, secretariat  # noqa: F401 - fixtures

#: What a user must never read: Python's exception and warning class names, or a traceback.
PYTHON_NAMES = re.compile(r"Traceback|\b\w*(Error|Exception|Warning)\b|zlib|openpyxl|invalid literal")
#: Every refused case: (maker, reason). The slow bombs of hostile.py are left to its own tests.
ALL = {**{name: (make, reason) for name, (make, reason, _words) in FOREIGN.items()},
       **{name: case for name, case in CASES.items()
          if name not in ("zip bomb", "1,048,576 rows", "high compression ratio")}}


def _file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", list(FOREIGN))
def test_foreign_file_is_refused_saying_what_it_is(case, exported, tmp_path):
    make, reason, words = FOREIGN[case]
    path = make(exported.path, tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(WorkbookRefusedError) as refused:
            read_submission(path)
    assert caught == []  # logged, never let out
    message = refused.value.message()
    assert refused.value.reason == reason
    assert words in message and path.name in message
    assert not PYTHON_NAMES.search(message), message
    if not path.name.endswith(".xlsx"):
        assert "even if its name says so" not in message


@pytest.mark.parametrize("case", list(ALL))
def test_command_line_refuses_with_one_line_and_exit_code_2(case, demo_db, exported, tmp_path,
                                                            capsys):
    make, _reason = ALL[case]
    path = make(exported.path, tmp_path)
    demo_db.close()  # the file as it rests on disk, nothing pending in its journal
    before = _file_digest(demo_db.path)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        code = main(["import", "--db", str(demo_db.path), str(path)])
    output = capsys.readouterr()
    lines = [line for line in output.err.splitlines() if line.strip()]
    assert code == 2
    assert len(lines) == 1, output.err
    assert lines[0].count(path.name) == 1
    assert not PYTHON_NAMES.search(output.err + output.out), output.err
    assert _file_digest(demo_db.path) == before


def test_a_batch_completes_whatever_its_files_do(secretariat, inbox, exported, tmp_path):  # noqa: F811
    folder = tmp_path / "foreign"
    folder.mkdir()
    bad = [make(exported.path, folder) for make, _reason in ALL.values()]
    files = [inbox.r1["KG"], *bad, inbox.r1["KZ"]]
    result = import_batch(secretariat, files, now=ON_TIME)
    assert [o.outcome for o in result.outcomes] == (
        [Outcome.APPLIED] + [Outcome.REFUSED] * len(bad) + [Outcome.APPLIED])
    for outcome in result.outcomes:
        line = outcome.line()
        assert line.count(outcome.path.name) == 1, line
        assert not PYTHON_NAMES.search(line), line
    assert result.summary().startswith(f"2 of {len(files)} files received and applied")
    assert f"{len(bad)} refused" in result.summary()


def test_command_line_batch_prints_a_line_per_file_and_the_summary(secretariat, inbox,  # noqa: F811
                                                                   exported, tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    bad = [FOREIGN[name][0](exported.path, folder) for name in
           ("damaged deflate stream in a sheet", "Strict Open XML", "PDF as .pdf")]
    path = str(secretariat.path)
    secretariat.close()
    code = main(["import", "--db", path, str(inbox.r1["TJ"]), *map(str, bad)])
    output = capsys.readouterr()
    assert code == 2
    assert output.err == ""
    lines = output.out.splitlines()
    assert lines[0].startswith("A backup of the workspace")
    assert len(lines) == 1 + 4 + 1 and lines[-1].startswith("1 of 4 files received and applied")


def test_a_batch_of_refused_files_makes_no_backup(secretariat, exported, tmp_path):  # noqa: F811
    bad = [FOREIGN[name][0](exported.path, tmp_path) for name in ("CSV as .csv", "ODS as .ods")]
    result = import_batch(secretariat, bad)
    assert result.backup is None and result.count(Outcome.REFUSED) == 2
    assert not list((secretariat.path.parent / "backups").glob("*before-import*"))


def test_a_dry_run_never_says_changes_were_applied(secretariat, inbox, capsys):  # noqa: F811
    path = str(secretariat.path)
    secretariat.close()
    assert main(["import", "--db", path, "--dry-run", str(inbox.r1["KZ"])]) == 0
    out = capsys.readouterr().out
    assert "changes applied" not in out and "Received" not in out
    assert "changes would be applied" in out and "Dry run: nothing was changed." in out
    assert "A backup" not in out
