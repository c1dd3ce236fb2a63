"""Widgets and plumbing every panel shares: context, change bus, background work, undo, guards."""
