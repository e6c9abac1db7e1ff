"""One row of the benchmark table, and the table printer every driver shares."""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    figure: str
    value: float
    baseline: str
    base_value: float
    target: str
    unit: str = "s"  # "s" seconds, "B" bytes, "/s" a rate
    key: str = ""  # rows of one key, at several store sizes, are one line of the growth table
    size: int = 0


def fmt(value: float, unit: str = "s") -> str:
    if unit == "B":
        return f"{value / 2**20:.0f} MB"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.0f} s"


def print_table(rows: list[Row], markdown: bool = False) -> None:
    if markdown:  # as the README has it
        print("| figure | value | baseline | value | ratio | target |\n|---|---:|---|---:|---:|---|")
        for r in rows:
            print(f"| {r.figure} | {fmt(r.value, r.unit)} | {r.baseline} | {fmt(r.base_value, r.unit)} | "
                  f"{r.value / r.base_value:.2f}× | {r.target} |")
        return
    print(f"{'figure':52} {'value':>10}  {'baseline':44} {'value':>10} {'ratio':>8}  target")
    for r in rows:
        print(f"{r.figure:52} {fmt(r.value, r.unit):>10}  {r.baseline:44} {fmt(r.base_value, r.unit):>10} "
              f"{r.value / r.base_value:7.2f}×  {r.target}")


def print_growth(rows: list[Row], markdown: bool = False) -> None:
    """How each figure grows with the store: one line per key, one column per size."""
    sizes = sorted({r.size for r in rows if r.key})
    keys = list(dict.fromkeys(r.key for r in rows if r.key))
    if not keys:
        return
    values = {(r.key, r.size): r for r in rows if r.key}
    cells = [[fmt(values[k, n].value, values[k, n].unit) if (k, n) in values else "" for n in sizes] for k in keys]
    if markdown:
        print("\n| figure | " + " | ".join(f"{n:,} briefings" for n in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        for key, line in zip(keys, cells):
            print(f"| {key} | " + " | ".join(line) + " |")
        return
    print(f"\n{'figure':52} " + " ".join(f"{f'{n:,}':>12}" for n in sizes))
    for key, line in zip(keys, cells):
        print(f"{key:52} " + " ".join(f"{c:>12}" for c in line))
