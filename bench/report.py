"""Turns ingresskit_bench's JSON into the markdown report and the plot.

    python3 bench/report.py RESULTS.json OUT_DIR

OUT_DIR/python.json, when bench/report wrote it (bench/python_bench.py
--json), adds the Python target.

Standard library only; the plot is drawn by gnuplot (Debian's gnuplot-nox).
"""

import collections
import json
import os
import shutil
import subprocess
import sys

MATCHERS = ["table", "capi", "capi-match", "linear", "regex", "r3", "floor", "floor-request"]
MIXES = ["uniform", "zipf", "miss", "messy", "deep"]


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    match = {}
    others = {}  # name -> fastest repetition, in first-seen order
    routes = {}
    bytes_per_route = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" or b.get("error_occurred"):
            continue
        # Options Google Benchmark appends to a name (`/min_time:2.000`).
        name = "/".join(p for p in b["name"].split("/")
                        if p.split(":")[0] not in ("min_time", "min_warmup_time", "repeats", "iterations"))
        b["name"] = name
        parts = name.split("/")
        # Each benchmark runs several times: the machine is shared, and
        # noise only ever adds time, so the fastest repetition is kept.
        if parts[0] == "match" and len(parts) == 4:
            _, matcher, table, mix = parts
            key = (matcher, table, mix)
            match[key] = min(match.get(key, float("inf")), b["cpu_time"])  # ns
            routes[table] = int(b.get("routes", 0))
            if "bytes_per_route" in b:
                bytes_per_route[table] = b["bytes_per_route"]
        else:
            kept = others.get(name)
            if kept is None or b["real_time"] < kept["real_time"]:
                others[name] = b
    other = list(others.values())
    return data.get("context", {}), match, routes, bytes_per_route, other


def targets(match, bytes_per_route, other, python=None):
    """The second performance round's targets (issue #16), each with the
    figure this run measured. `floor` is one hash probe per request in a
    map with one entry per route, the answer read."""
    def ns(matcher, table, mix="uniform"):
        return match.get((matcher, table, mix))

    def quotient(a, b):
        return a / b if a and b else None

    def named(name):
        return next((b for b in other if b["name"] == name), None)

    rows = []

    def row(name, value, fmt, ok):
        if value is None:
            rows.append("| %s | not measured | – |" % name)
        else:
            rows.append("| %s | %s | %s |" % (name, fmt % value, "met" if ok(value) else "**not met**"))

    for table in ("T1", "T3"):
        for mix in ("uniform", "zipf"):
            row("%s %s: table ÷ floor ≤ 2" % (table, mix),
                quotient(ns("table", table, mix), ns("floor", table, mix)), "%.2f×", lambda v: v <= 2)
    row("T1 uniform: linear ÷ table ≥ 2", quotient(ns("linear", "T1"), ns("table", "T1")), "%.2f×",
        lambda v: v >= 2)
    for table in ("T1", "T3"):
        for mix in ("uniform", "zipf"):
            row("%s %s: capi ÷ table ≤ 1.25" % (table, mix),
                quotient(ns("capi", table, mix), ns("table", table, mix)), "%.2f×", lambda v: v <= 1.25)
    row("T6 uniform: table ÷ floor ≤ 1.5", quotient(ns("table", "T6"), ns("floor", "T6")), "%.2f×",
        lambda v: v <= 1.5)
    row("memory at T3 ≤ 200 B/route", bytes_per_route.get("T3"), "%.0f B", lambda v: v <= 200)
    compile_t3 = named("compile/T3")
    row("compile/T3 ≤ 250 ms", compile_t3["real_time"] if compile_t3 else None, "%.0f ms", lambda v: v <= 250)
    for how in ("match", "reader"):
        one = named("router/%s/T3/real_time/threads:1" % how)
        two = named("router/%s/T3/real_time/threads:2" % how)
        row("router/%s T3: 2 threads ÷ 1 thread throughput ≥ 1.7" % how,
            quotient(two and two.get("items_per_second"), one and one.get("items_per_second")), "%.2f×",
            lambda v: v >= 1.7)
    first_call = (python or {}).get("match_many_distinct_first_call")
    row("Python match_many, %s distinct str pairs, first call ≥ 1M/s"
        % "{:,}".format((python or {}).get("distinct_pairs", 1000000)),
        first_call, "%.0f matches/s", lambda v: v >= 1e6)
    rows.append("| allocations per match, C++ and C ABI = 0 | 0 (AllocationTest, in ctest) | met |")
    return "\n".join(["| target | measured | |", "|---|---:|---|"] + rows) + "\n"


def ratio(a, b):
    return "%.1f×" % (b / a) if a and b else "–"


def markdown(context, match, routes, bytes_per_route, other, python=None):
    lines = []
    lines.append("Machine: %s CPUs at %s MHz; %s" % (
        context.get("num_cpus", "?"), context.get("mhz_per_cpu", "?"),
        context.get("date", "")))
    lines.append("")
    lines.append(targets(match, bytes_per_route, other, python))
    lines.append("| matcher | table | routes | mix | ns/match | matches/s | linear ÷ this | this ÷ floor |")
    lines.append("|---|---|---:|---|---:|---:|---:|---:|")
    tables = sorted({t for (_, t, _) in match})
    for table in tables:
        for mix in MIXES:
            for matcher in MATCHERS:
                ns = match.get((matcher, table, mix))
                if ns is None:
                    continue
                linear = match.get(("linear", table, mix))
                floor = match.get(("floor", table, mix))
                lines.append("| %s | %s | %s | %s | %.0f | %s | %s | %s |" % (
                    matcher, table, "{:,}".format(routes.get(table, 0)), mix, ns,
                    "{:,.0f}".format(1e9 / ns),
                    ratio(ns, linear) if matcher != "linear" else "1.0×",
                    "%.1f×" % (ns / floor) if floor else "–"))
    if other:
        lines.append("")
        lines.append("| benchmark | time | counters |")
        lines.append("|---|---:|---|")
        for b in other:
            counters = ", ".join(
                "%s=%s" % (k, "{:,.0f}".format(v) if isinstance(v, (int, float)) else v)
                for k, v in b.items()
                if k in ("routes", "ingresses", "bytes", "text_bytes", "output_bytes", "version",
                         "items_per_second"))
            lines.append("| %s | %.1f %s | %s |" % (
                b["name"], b["real_time"], b.get("time_unit", "ns"), counters))
    return "\n".join(lines) + "\n"


def plot(match, routes, out_dir):
    if not shutil.which("gnuplot"):
        print("gnuplot not found: no plot", file=sys.stderr)
        return
    series = collections.defaultdict(list)
    for (matcher, table, mix), ns in match.items():
        # T1-T5 grow the number of hosts; T6 (one host) would share T2's
        # route count, and the `-exact` variants (for r3) are another
        # shape: both are left to the table.
        if (mix == "uniform" and table != "T6" and "-exact" not in table
                and routes.get(table)):
            series[matcher].append((routes[table], ns))
    data_files = []
    for matcher in MATCHERS:
        points = sorted(series.get(matcher, []))
        if not points:
            continue
        path = os.path.join(out_dir, "match-%s.dat" % matcher)
        with open(path, "w", encoding="utf-8") as f:
            for r, ns in points:
                f.write("%d %f\n" % (r, ns))
        data_files.append((matcher, path))
    png = os.path.join(out_dir, "match.png")
    script = [
        "set terminal pngcairo size 900,560" if _has_cairo() else "set terminal png size 900,560",
        "set output '%s'" % png,
        "set logscale xy",
        "set xlabel 'routes in the table'",
        "set ylabel 'ns per match (uniform mix)'",
        "set title 'Tables T1-T5: 10 paths per host (T4: 2), more hosts'",
        "set key left top",
        "set grid",
        "plot " + ", ".join("'%s' using 1:2 with linespoints title '%s'" % (p, m)
                            for m, p in data_files),
    ]
    subprocess.run(["gnuplot"], input="\n".join(script), text=True, check=True)
    print("plot: %s" % png, file=sys.stderr)


def _has_cairo():
    result = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    return "pngcairo" in (result.stdout + result.stderr)


def main():
    results, out_dir = sys.argv[1], sys.argv[2]
    context, match, routes, bytes_per_route, other = load(results)
    python = None
    python_path = os.path.join(out_dir, "python.json")
    if os.path.exists(python_path):
        with open(python_path, encoding="utf-8") as f:
            python = json.load(f)
    report = markdown(context, match, routes, bytes_per_route, other, python)
    with open(os.path.join(out_dir, "report.md"), "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    plot(match, routes, out_dir)


if __name__ == "__main__":
    main()
