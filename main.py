"""Almaty Process Tracker: start the desktop app, or run a command headless (see --help)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
