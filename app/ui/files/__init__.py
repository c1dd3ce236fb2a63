"""File dialogs: export, import (one or many), previews, backups, PDF rendering."""
