#!/usr/bin/env python3
"""The last step of `make bench`: one table of the budgets (docs/requirements.md, "Budgets") — each budget, its
figure (the median the benchmark printed), met or missed — so the state is seen in one look. With `--write FILE`
(as `make bench` runs it) the same table, in Markdown, also replaces what stands between FILE's markers
`<!-- bench-table:start -->` and `<!-- bench-table:end -->` (docs/performance.md).

Reads what the benchmarks left: criterion's estimates (`target/criterion/**/new/`: the median of its samples), the
browser benchmarks' medians (`target/bench/browser.tsv`, written by `e2e/tests/bench.rs` and
`tools/bench/lighthouse.mjs`, each a median of >= 5 runs unless it says otherwise), and the pages' gzip sizes in dist/ (as scripts/size.sh counts them). A figure a run did
not produce shows as "not run". Prints; never fails (a benchmark is not a test)."""
import datetime
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# (what, where the figure comes from, budget, unit). The figure is criterion's "group/function" (native), the
# browser's id, or "size:<page>".
BUDGETS = [
    ("initial download, service page (gzip)", "size:index.html", 450, "KiB"),
    ("initial download, assessment page (gzip)", "size:assessment.html", 450, "KiB"),
    ("initial download, administration page (gzip)", "size:admin.html", 450, "KiB"),
    ("cold start to the first screen, 4x (local server, network not throttled)", "browser:cold-start", 2000, "ms"),
    ("repeat visit from the service worker, 4x", "browser:repeat-visit", 600, "ms"),
    ("open with 100k tickets: dashboard's first render, 4x", "browser:dashboard-first-render", 1500, "ms"),
    ("  the same with nothing kept beside the data (one run: the first opening after an import), 4x",
     "browser:dashboard-first-render-unkept", 1500, "ms"),
    ("open with 100k tickets: assessment page's first render, 4x", "browser:assessment-first-render", 1500, "ms"),
    ("open with 100k tickets: administration page's first render, 4x", "browser:admin-first-render", 1500, "ms"),
    ("recompute all KPIs over 100k tickets, browser 4x (kpi:all)", "browser:kpi-all", 50, "ms"),
    ("recompute all KPIs over 100k tickets, native",
     "native:kpi/all 21 KPIs, a month and the one before, 100k tickets", 10, "ms"),
    ("longest main-thread task while the dashboard recomputes, 4x", "browser:recompute-longest-task", 50, "ms"),
    ("fold + SLA clocks of 100k tickets, native", "native:tickets/fold + SLA clocks, 100k tickets", 100, "ms"),
    ("ticket list of 10k tickets: first rows painted, 1x", "browser:ticket-list-10k", 50, "ms"),
    ("save one edit beyond its write (apply + refold), 100k, native",
     "native:kpi/save one edit: a note applied and the tickets refolded, 100k", 20, "ms"),
    ("a month's statements for 50 providers, 100k tickets, 4x", "browser:statements", 50, "ms"),
    ("export of 100k tickets, 4x", "browser:export", 1500, "ms"),
    ("export: longest main-thread task, 4x", "browser:export-longest-task", 50, "ms"),
    ("import preview + apply of 100k tickets, 4x", "browser:import", 3000, "ms"),
    ("import: longest main-thread task, 4x", "browser:import-longest-task", 50, "ms"),
    # Lighthouse's mobile preset, each page's first start as a ratio to a bare Leptos app's (scripts/lighthouse.sh).
    ("first start, Lighthouse mobile: LCP, service page / a bare Leptos app", "browser:lighthouse-lcp-ratio:index.html", 1.3, "x"),
    ("  TTI, service page / the bare app", "browser:lighthouse-tti-ratio:index.html", 1.3, "x"),
    ("first start, Lighthouse mobile: LCP, assessment page / the bare app",
     "browser:lighthouse-lcp-ratio:assessment.html", 1.3, "x"),
    ("  TTI, assessment page / the bare app", "browser:lighthouse-tti-ratio:assessment.html", 1.3, "x"),
    ("first start, Lighthouse mobile: LCP, administration page / the bare app",
     "browser:lighthouse-lcp-ratio:admin.html", 1.3, "x"),
    ("  TTI, administration page / the bare app", "browser:lighthouse-tti-ratio:admin.html", 1.3, "x"),
]


def native(full_id):
    for path in glob.glob(os.path.join(ROOT, "target", "criterion", "**", "new", "benchmark.json"), recursive=True):
        with open(path) as f:
            if json.load(f).get("full_id") != full_id:
                continue
        with open(os.path.join(os.path.dirname(path), "estimates.json")) as f:
            return json.load(f)["median"]["point_estimate"] / 1e6  # ns → ms
    return None


def browser(figure_id):
    found = None
    path = os.path.join(ROOT, "target", "bench", "browser.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] == figure_id:
                found = float(parts[1])  # the last run's
    return found


def page_size(html):
    dist = os.path.join(ROOT, "dist")
    page = os.path.join(dist, html)
    if not os.path.exists(page):
        return None
    total = 0
    names = set(re.findall(r'"/([^"?#]+\.(?:wasm|js|css))"', open(page, encoding="utf-8").read()))
    for name in names:
        compressed = subprocess.run(["gzip", "-9", "-c", os.path.join(dist, name)], capture_output=True, check=True)
        total += len(compressed.stdout)
    return total / 1024


def figure(source):
    kind, _, name = source.partition(":")
    return {"native": native, "browser": browser, "size": page_size}[kind](name)


def main():
    rows = []
    for what, source, budget, unit in BUDGETS:
        value = figure(source)
        if value is None:
            rows.append((what, "not run", f"{budget} {unit}", "-"))
            continue
        shown = f"{value:.2f} {unit}" if unit == "x" else f"{value:.1f} {unit}" if value < 1000 else f"{value:.0f} {unit}"
        rows.append((what, shown, f"<= {budget} {unit}", "met" if value <= budget else "MISSED"))
    widths = [max(len(r[i]) for r in rows + [("budget", "figure", "allowed", "")]) for i in range(4)]
    print("\nThe budgets of docs/requirements.md (figures: medians; these machines are noisy)")
    print("  ".join(h.ljust(w) for h, w in zip(("budget", "figure", "allowed", ""), widths)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    met = sum(1 for r in rows if r[3] == "met")
    print(f"{met} of {len(rows)} met")
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        write_into(sys.argv[2], rows, met)


def write_into(path, rows, met):
    """Replaces the table between the markers of `path` with this run's, in Markdown."""
    start, end = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
    with open(path) as f:
        text = f.read()
    if start not in text or end not in text:
        print(f"{path} has no {start} ... {end}: not written")
        return
    table = [
        f"`make bench`, {datetime.date.today().isoformat()}: {met} of {len(rows)} met.",
        "",
        "| budget | figure | allowed | |",
        "|---|---|---|---|",
    ]
    table += [f"| {what.strip()} | {shown} | {allowed.replace('<=', '≤')} | {state} |" for what, shown, allowed, state in rows]
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    with open(path, "w") as f:
        f.write(before + start + "\n" + "\n".join(table) + "\n" + end + after)
    print(f"written into {path}")


if __name__ == "__main__":
    main()
