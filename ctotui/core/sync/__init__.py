"""One journal on two machines: per-device append-only logs in a shared folder,
merged field by field, last writer wins by hybrid logical clock (docs/sync.md)."""
