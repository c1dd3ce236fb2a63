"""The Qt layer: windows, dialogs, item models. The only package that imports PySide6."""
