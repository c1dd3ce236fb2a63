"""The receipt workbook: the secretariat's signed answer that a submission arrived (issue 13)."""
