"""The coordinator's workspace: dashboard, commitments, progress, indicators, decisions."""
