"""The regional report: its workbook and the printable brief."""
