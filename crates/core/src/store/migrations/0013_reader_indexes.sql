-- Readers' speed (SPEC §9: ranking, award list and dashboard at 10,000 entries under 200 ms). An
-- entry's row carries its whole JSON (`data`, `raw`: about 1 KB), so every reader that filtered on
-- `missing` or sorted by import order read the whole table (10 MB at 10,000 entries). This covering
-- index of the current entries, in the entries' order, answers the effective-verdict query and the
-- dashboard's counts without reading the rows.
CREATE INDEX IF NOT EXISTS entries_current ON entries(
    first_import_id, source_row, id, key, project_no, group_code, project_name, entrant_name, unit,
    content_hash, problem_count, county, field, missing
) WHERE missing = 0;
