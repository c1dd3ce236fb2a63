"""The app's log file: where library warnings and unexpected failures go instead of the screen.

A user sees one sentence in their language; what a developer needs (the warning's text, the
traceback) is written to `app.log` in the data folder. Until `log_to_file` is called (tests, a
library use) the records go nowhere: the `app` logger has a null handler, so Python never prints
them on stderr either.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER = "app"
LOG_FILE = "app.log"
MAX_BYTES = 1024 * 1024

logging.getLogger(LOGGER).addHandler(logging.NullHandler())
logging.getLogger(LOGGER).propagate = False


def log_to_file(folder: Path | None = None) -> Path | None:
    """Send the app's log records to `app.log` in `folder` (the data folder); None if impossible."""
    from app.paths import data_dir

    logger = logging.getLogger(LOGGER)
    try:
        path = (folder or data_dir()) / LOG_FILE
        if any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
               for h in logger.handlers):
            return path
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=1,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def get_logger(name: str) -> logging.Logger:
    """A child of the app's logger (`app.<name>`)."""
    return logging.getLogger(f"{LOGGER}.{name}")
