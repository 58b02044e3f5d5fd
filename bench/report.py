"""The bench's output: one Markdown table for people, the same figures as JSON for tools."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def markdown_table(figures, context: dict) -> str:
    """Render the figures as the table docs/performance.md and closing notes carry."""
    lines = [
        f"Stockroom bench, {context['date']}, commit {context['commit']}: {context['mode']} run, "
        f"{context['bench_items']:,} items, {context['database']}{' + Redis' if context['redis'] else ''}, "
        f"{context['cpus']} CPUs, {context['api_server']}, {context.get('allocator', 'glibc malloc')}.",
        "",
        "| # | measured | ratio | target | result | detail |",
        "|---|---|---|---|---|---|",
    ]
    for figure in figures:
        verdict = "pass" if figure.passed else "FAIL"
        lines.append(
            f"| {figure.key} | {figure.title} | {figure.ratio:.2f} | {figure.target_text} | {verdict} | "
            f"{figure.detail} |"
        )
    return "\n".join(lines) + "\n"


def save(figures, context: dict, table: str) -> list[Path]:
    """Write bench/results/<scale>-<database>.json and .md (e.g. default-sqlite.json); return their paths."""
    RESULTS.mkdir(exist_ok=True)
    data = {
        "context": context,
        "figures": [
            {
                "key": f.key,
                "title": f.title,
                "ratio": round(f.ratio, 3),
                "target": f.target_text,
                "passed": f.passed,
                "detail": f.detail,
                "raw": f.raw,
            }
            for f in figures
        ],
    }
    name = f"{context['scale']}-{context['database']}"
    json_path, table_path = RESULTS / f"{name}.json", RESULTS / f"{name}.md"
    json_path.write_text(json.dumps(data, indent=2) + "\n")
    table_path.write_text(table)
    return [json_path, table_path]
