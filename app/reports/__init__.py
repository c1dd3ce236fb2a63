"""Workbooks in and out, consolidation and printable reports. No Qt: everything here runs headless."""
