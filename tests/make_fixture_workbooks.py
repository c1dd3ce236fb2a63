"""Write the fixture workbooks of the current submission format into tests/fixtures/.

Run once whenever FORMAT_VERSION is bumped, and commit the new file next to the older ones:
`python tests/make_fixture_workbooks.py`. Older fixtures are never regenerated or deleted; the
tests import every one of them, so every format the app ever wrote stays importable.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo.generator import create_demo_workspace  # noqa: E402
from app.reports.submission.export import export_submission  # noqa: E402
from app.reports.submission.format import FORMAT_VERSION  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = create_demo_workspace(Path(folder) / "demo.sqlite", size="small", seed=7, today=TODAY)
        try:
            result = export_submission(db, "KZ", "2026-H2", "en", Path(folder), history=True, now=NOW)
        finally:
            db.close()
        target = FIXTURES / f"submission_v{FORMAT_VERSION}.xlsx"
        if target.exists():
            print(f"{target} exists already; fixtures of a released format never change")
            return 1
        FIXTURES.mkdir(exist_ok=True)
        target.write_bytes(result.path.read_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
