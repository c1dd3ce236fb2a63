"""The workspace itself: profile, countries and memberships, reference data, backups."""
