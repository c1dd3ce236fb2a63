"""Generic .xlsx machinery: column kinds, cells, rows, layout, safety, atomic save, digest."""
