"""The receipt workbook's contract: sheet names, identity keys, the signature's context."""

from __future__ import annotations

FORMAT = "almaty-process-receipt"
FORMAT_VERSION = 1
#: The hidden sheet with the machine-readable receipt (it tells a receipt from other workbooks).
META_SHEET = "_receipt"
#: Distinguishes a receipt's signature from the other workbooks the same key signs.
CONTEXT = b"AlmatyProcess receipt v1\n"
#: What the seal covers, in this order.
FIELDS = ("format", "format_version", "country", "period", "revision", "digest", "received_at",
          "acknowledged_at", "note", "edited_cells")


def file_name(country: str, period: str, revision: int) -> str:
    """`AP_RECEIPT_<ISO>_<period>_r<revision>.xlsx`, beside the submission it answers."""
    return f"AP_RECEIPT_{country}_{period}_r{revision}.xlsx"
