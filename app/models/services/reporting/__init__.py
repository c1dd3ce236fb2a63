"""A country's reporting: commitments, progress, indicator values, periods."""
