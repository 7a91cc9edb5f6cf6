"""`path:line:col: SEVERITY RULE message`, one finding a line, then a summary line."""

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def render(results, summary: dict, lang: str) -> str:
    out = []
    for result in results:
        if result.status == "unreadable":
            out.append(f"{result.path}: UNREADABLE {result.error}")
            continue
        for f in result.findings:
            where = f.where(lang)
            suffix = f" [{where}]" if where else ""
            out.append(f"{result.path}:{f.line}:{f.column}: {_SEVERITY[f.severity]} {f.rule} {f.message}{suffix}")
    if lang == "en":
        out.append(
            f"{summary['files']} file(s): {summary['errors']} error(s), {summary['warnings']} warning(s), "
            f"{summary['infos']} info, {summary['unreadable']} unreadable"
        )
    else:
        out.append(
            f"共 {summary['files']} 个文件：错误 {summary['errors']}，警告 {summary['warnings']}，"
            f"提示 {summary['infos']}，无法读取 {summary['unreadable']}"
        )
    return "\n".join(out) + "\n"
