"""Generated files are re-derived and compared with the committed copies."""

from conftest import ROOT
from schemas.tables import ddl


def test_tables_sql_is_generated_from_the_models():
    committed = (ROOT / "schemas" / "tables.sql").read_text(encoding="utf-8")
    assert committed == ddl(), "schemas/tables.sql is stale: run `python -m schemas.tables > schemas/tables.sql`"
