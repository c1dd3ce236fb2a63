"""The secretariat's view across countries: completeness, regional figures, acknowledgements."""
