#!/usr/bin/env python3
"""Markdown tables from an engine_bench JSON report and engine_memory JSON lines.

    python3 bench/summarize.py engine_bench.json [memory.jsonl]
"""
import json
import sys

UNIT = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
KINDS = ["Normalize", "Analyze", "Engine", "Service", "ServiceText"]


def fmt_ms(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def size(b):
    if b < 1024 * 1024:
        return f"{b / 1024:.0f} KiB" if b >= 1024 else f"{b} B"
    return f"{b / 1048576:.1f} MiB"


def main(argv):
    report = json.load(open(argv[1]))
    rows = {}  # run_name -> {aggregate: entry}
    for b in report["benchmarks"]:
        agg = b.get("aggregate_name", "single")
        name = b.get("run_name", b["name"]).removesuffix("/real_time")
        rows.setdefault(name, {})[agg] = b

    def pick(name):
        r = rows.get(name)
        if not r:
            return None
        return r.get("median") or r.get("single") or r.get("mean")

    def ms(b, key="real_time"):
        return b[key] * UNIT[b["time_unit"]] if b else None

    ctx = report.get("context", {})
    reps = max((b.get("repetitions", 1) for b in report["benchmarks"]), default=1)
    print(f"Machine: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz; load average at start "
          f"{', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}; medians of "
          f"{reps} repetitions per benchmark.\n")

    print("Compile (median wall time, ms)\n")
    print("| policy | ms | CPU ms |")
    print("|---|---:|---:|")
    for p in ["readme", "flow", "ten_rules"]:
        b = pick(f"Compile/{p}")
        print(f"| {p}.inv | {fmt_ms(ms(b))} | {fmt_ms(ms(b, 'cpu_time'))} |")

    print("\nAnalysis (median wall time, ms; CPU time in parentheses)\n")
    print("| workload | events | violations | " + " | ".join(KINDS) + " | engine events/s |")
    print("|---|---:|---:|" + "---:|" * len(KINDS) + "---:|")
    workloads = []
    for name in rows:
        if name.startswith("Engine/"):
            workloads.append(name[len("Engine/"):])
    for w in workloads:
        eng = pick(f"Engine/{w}")
        cells = []
        for k in KINDS:
            b = pick(f"{k}/{w}")
            cells.append(f"{fmt_ms(ms(b))} ({fmt_ms(ms(b, 'cpu_time'))})" if b else "–")
        events = int(round(eng["events/s"] * ms(eng) / 1000)) if eng else 0
        viol = int(eng.get("violations", 0)) if eng else 0
        rate = f"{eng['events/s']:,.0f}" if eng else "–"
        print(f"| {w} | {events:,} | {viol:,} | " + " | ".join(cells) + f" | {rate} |")

    if len(argv) > 2:
        mem = [json.loads(l) for l in open(argv[2]) if l.strip()]
        eng = [m for m in mem if m["mode"] == "engine"]
        svc = {m["workload"]: m for m in mem if m["mode"] == "service"}
        print("\nMemory (one process per workload; heap = live bytes allocated with operator new)\n")
        print("| workload | trace JSON text | JSON DOM | normalised trace | B/node | analyze peak | result "
              "| result B/violation | output strings | request peak (service) | response | maxrss engine / service |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for m in eng:
            s = svc.get(m["workload"], {})
            per_violation = m["result_bytes"] / m["violations"] if m["violations"] else 0
            print(f"| {m['workload']} | {size(m['trace_text_bytes'])} | {size(m['json_dom_bytes'])} "
                  f"| {size(m['trace_bytes'])} | {m['trace_bytes'] / max(1, m['trace_nodes']):.0f} "
                  f"| {size(m['analyze_peak_bytes'])} | {size(m['result_bytes'])} | {per_violation:,.0f} "
                  f"| {size(m['output_string_bytes'])} | {size(s.get('request_peak_bytes', 0))} "
                  f"| {size(s.get('response_bytes', 0))} "
                  f"| {m['maxrss_kib'] / 1024:.0f} / {s.get('maxrss_kib', 0) / 1024:.0f} MiB |")


if __name__ == "__main__":
    main(sys.argv)
