"""Almaty Process Tracker: commitments and progress of the Almaty Process Regional Action Plan."""

__version__ = "0.1.0"
APP_NAME = "Almaty Process Tracker"
APP_ID = "AlmatyProcessTracker"
ORG_NAME = "Almaty Process"
