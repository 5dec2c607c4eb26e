"""Which version of the metric parser read a database's numbers (core/journal/metric_store.py).

The file keeps it in SQLite's ``user_version`` (a header field for the application's own use;
the schema's steps are kept by sqlite-utils' ``Migrations`` in their own table): it is no row of
the journal, so an export, an import and a sync neither carry nor count it, and a backup, a
rebuild or a copy keep it with the file. 0, a file's first value, means the numbers were read
by a parser older than this setting. This module is alone so that a command that only reads
(core/dbread.py) can ask without importing the parser.
"""

PARSER_VERSION = 20  # raise it when the parser reads any text differently (tests/unit/test_metric_reread.py)
