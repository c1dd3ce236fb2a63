"""The Regional Action Plan: reading, editing, versions, outlines."""
