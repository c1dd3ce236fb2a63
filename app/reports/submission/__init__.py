"""The submission workbook: a country's report for a period, out (export) and in (import)."""
