"""The kinds of check, each implemented once; rules/*.yaml choose one and set its parameters."""

from linter.checks import (
    format_signature,
    heading_wording,
    measures_required,
    pattern_forbidden,
    personal_info,
    prose_balance,
    prose_claim_vs_table,
    prose_vs_table,
    publication_deadline,
    report_property,
    row_label_wording,
    section_nonempty,
    section_order,
    section_present,
    statement_required,
    sum_identity,
    table_blank,
    table_numeric,
    table_present,
    table_rows,
    table_unreadable,
    year_consistency,
)

KINDS = {
    module.__name__.rsplit(".", 1)[1]: module.check
    for module in (
        format_signature, heading_wording, measures_required, pattern_forbidden, personal_info,
        prose_balance, prose_claim_vs_table, prose_vs_table, publication_deadline, report_property,
        row_label_wording, section_nonempty, section_order, section_present, statement_required, sum_identity,
        table_blank, table_numeric, table_present, table_rows, table_unreadable, year_consistency,
    )
}
