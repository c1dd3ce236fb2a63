"""The workspace file: opening, migrating, backing up and locking it. No Qt."""
