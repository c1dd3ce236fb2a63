"""The plan navigator tree and the detail pane beside it."""
