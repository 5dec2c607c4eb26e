"""Owning the data: export, import (JSON and jrnl), the brag document, backups, checks, salvage, the rules every stored row obeys."""
