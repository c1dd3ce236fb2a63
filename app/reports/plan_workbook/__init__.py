"""The plan workbook the secretariat publishes and coordinators import."""
