#!/usr/bin/python3
"""Schedules an event with festmatch's Python module and writes an organiser's report, with
numpy and the standard library only (no pandas).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/report.py \\
        examples/techfest-haiphong --output report/

prints a summary and writes into the output folder:
    schedule.json      the schedule file, exactly as `festmatch schedule` writes it
    participants.csv   one row per startup and investor: meetings, minimum (0 for an
                       investor), mean score, and why it has fewer than its minimum or none
                       (empty when it does not)
    report.md          the summary, the busiest slots, the best-matched investors, and every
                       request not met, as Markdown tables
"""
import argparse
import csv
import pathlib
import sys

import numpy as np

import festmatch

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_EVENT = HERE.parent / "techfest-haiphong"


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |"
              for row in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event", nargs="?", default=DEFAULT_EVENT,
                        help="event file or folder (default: the bundled Techfest example)")
    parser.add_argument("--output", type=pathlib.Path, help="folder for the report files")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    try:
        event = festmatch.read_event(args.event)
    except (festmatch.InputError, festmatch.InfeasibleError) as error:
        sys.exit(str(error))  # every problem, one a line, located as the command line does
    for warning in event.warnings:
        where = f"{warning['file']}:{warning['line']}" if warning["line"] else warning["file"]
        print(f"{where}: warning: {warning['message']}", file=sys.stderr)

    plan = festmatch.schedule(event, seed=args.seed)  # Ctrl-C stops it
    stats, meetings = plan.stats, plan.meetings_array
    score, base, eligible = festmatch.score_matrix(event)
    data = event.to_dict()  # the event file's fields: names, minimums, ...
    names = {p["id"]: p["name"] for key in ("startups", "investors") for p in data[key]}
    minimum = {s["id"]: s.get("min_meetings", data["options"]["min_meetings"])
               for s in data["startups"]}

    # Counts per participant and per slot straight from the structured array.
    n_startups, n_investors = len(event.startup_ids), len(event.investor_ids)
    per_startup = np.bincount(meetings["startup"], minlength=n_startups)
    per_investor = np.bincount(meetings["investor"], minlength=n_investors)
    per_slot = np.bincount(meetings["slot"], minlength=len(event.slot_ids))
    score_sum = np.bincount(meetings["investor"], weights=meetings["score"], minlength=n_investors)
    must = sum(u["priority"] == "must" for u in plan.unscheduled)

    summary = [
        f"{event.name}: {stats['meetings']} meetings for {n_startups} startups and "
        f"{n_investors} investors ({int(eligible.sum())} eligible pairs of {eligible.size}).",
        f"Mean score of a meeting {meetings['score'].mean():.3f}; of an eligible pair "
        f"{score[eligible].mean():.3f}.",
        f"Requests not met: {must} must, {len(plan.unscheduled) - must} want.",
        f"Below their minimum: {stats['startups_below_min']} startups; no meeting: "
        f"{int((per_startup == 0).sum())} startups, {int((per_investor == 0).sum())} investors.",
        "Best possible (proven)." if stats["gap"] <= 1e-9 else
        f"At most {stats['gap'] * 100:.3f} % below the best possible schedule.",
    ]
    print("\n".join(summary))
    if args.output is None:
        return

    out = args.output
    out.mkdir(parents=True, exist_ok=True)
    (out / "schedule.json").write_text(plan.to_json(), encoding="utf-8")

    short = {(f["side"], f["id"]): f for f in plan.shortfalls}
    with open(out / "participants.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["side", "id", "name", "meetings", "minimum", "mean_score", "reason"])
        for side, ids, counts in (("startup", event.startup_ids, per_startup),
                                  ("investor", event.investor_ids, per_investor)):
            column = "startup" if side == "startup" else "investor"
            for k, pid in enumerate(ids):
                mine = meetings["score"][meetings[column] == k]
                entry = short.get((side, pid), {})
                writer.writerow([side, pid, names[pid], int(counts[k]), minimum.get(pid, 0),
                                 f"{mine.mean():.3f}" if len(mine) else "",
                                 entry.get("reason", "")])

    busiest = np.argsort(-per_slot, kind="stable")[:5]
    best = np.argsort(-np.divide(score_sum, per_investor, out=np.zeros(n_investors),
                                 where=per_investor > 0), kind="stable")[:5]
    report = "\n\n".join([
        f"# {event.name}",
        "\n".join(f"- {line}" for line in summary),
        "## Busiest slots",
        markdown_table(["slot", "meetings"],
                       [(event.slot_ids[t], int(per_slot[t])) for t in busiest]),
        "## Investors with the best-matched meetings",
        markdown_table(["investor", "name", "meetings", "mean score"],
                       [(event.investor_ids[i], names[event.investor_ids[i]],
                         int(per_investor[i]), f"{score_sum[i] / per_investor[i]:.3f}")
                        for i in best]),
        "## Requests not met",
        markdown_table(["startup", "investor", "by", "priority", "reason"],
                       [(u["startup"], u["investor"], u["by"], u["priority"], u["reason"])
                        for u in plan.unscheduled]),
    ]) + "\n"
    (out / "report.md").write_text(report, encoding="utf-8")
    print(f"Wrote {out / 'schedule.json'}, {out / 'participants.csv'} and {out / 'report.md'}.")


if __name__ == "__main__":
    main()
