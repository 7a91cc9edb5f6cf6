"""sum_identity: a table identity (勾稽关系) holds: sum(lhs) = sum(rhs).

`axis: column` — lhs/rhs name rows, and the identity is checked in every column
(e.g. 一 + 二 = （七）总计 + 四). `axis: row` — lhs/rhs name columns, checked in every
row found (e.g. 总计 = 自然人 + …). A term `group:NAME` stands for every row of that group.
Cells that are blank, text or not placed are left to T202–T204: an identity is only
judged when every term is a number. The message names where, both sides and their values.
"""

from linter.findings import Hit


def _expand(spec, keys: list[str], axis: str) -> list[str]:
    if axis == "row":
        return keys
    out = []
    for key in keys:
        if key.startswith("group:"):
            out.extend(r.key for r in spec.rows_in_group(key[6:]))
        elif any(r.key == key for r in spec.rows):
            out.append(key)
    return out


def _side(terms, values, name: str | None) -> str:
    if name:
        return name
    return " + ".join(f"{label}({value})" for label, value in zip(terms, values))


def _judge(table, identity, axis, lhs, rhs, fixed):
    """Values of one identity (its terms expanded: `lhs`, `rhs`) along the axis at `fixed`;
    None when a term is not a number."""
    spec = table.spec
    if axis == "column":
        cells = [table.rows[key].cells.get(fixed) for key in lhs + rhs]
    else:
        cells = [table.rows[fixed].cells.get(key) for key in lhs + rhs]
    if not cells or any(c is None or c.value is None for c in cells):
        return None
    lhs_values, rhs_values = [c.value for c in cells[: len(lhs)]], [c.value for c in cells[len(lhs):]]
    lhs_sum, rhs_sum = sum(lhs_values), sum(rhs_values)
    if lhs_sum == rhs_sum:  # the usual case: no message to build
        return {"lhs": lhs_sum, "rhs": rhs_sum}
    label = (lambda k: spec.row(k).label) if axis == "column" else (lambda k: spec.column(k).label)
    return {
        "anchor": cells[0],
        "lhs": lhs_sum, "rhs": rhs_sum,
        "lhs_terms": _side([label(k) for k in lhs], lhs_values, identity.get("lhs_name")),
        "rhs_terms": _side([label(k) for k in rhs], rhs_values, identity.get("rhs_name")),
    }


def check(report, params):
    table = report.tables.get(params["table"])
    if table is None or not table.readable:
        return
    axis = params["axis"]
    spec = table.spec
    along = [c.key for c in spec.columns] if axis == "column" else [r.key for r in spec.rows if table.rows[r.key].found]
    for identity in params["identities"]:
        lhs, rhs = _expand(spec, identity["lhs"], axis), _expand(spec, identity["rhs"], axis)
        for fixed in along:
            result = _judge(table, identity, axis, lhs, rhs, fixed)
            if result is None or result["lhs"] == result["rhs"]:
                continue
            where = spec.column(fixed).label if axis == "column" else spec.row(fixed).label
            anchor = result.pop("anchor")
            place = {"column": where} if axis == "column" else {"row": where}
            yield Hit(anchor.line, anchor.column, {
                "table": spec.name, "where": where, **place,
                **{k: str(v) for k, v in result.items()},
            })
