#!/usr/bin/env python3
"""Writes a generated Atlassian Statuspage export (`{"page": …, "incidents": […]}`) for the
import benchmarks: about 1.3 KB per incident with three updates, impacts spread over the four
levels, a few years of dates. Deterministic for a given count.

usage: gen_statuspage.py COUNT OUT.json
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

COMPONENTS = ["API", "Dashboard", "Webhooks", "Billing", "Search", "CDN", "Auth", "Database"]
IMPACTS = ["critical", "major", "minor", "none"]
WHAT = ["Elevated error rates", "Degraded performance", "Partial outage", "Increased latency",
        "Delayed processing", "Intermittent failures"]


def incident(rng, i, start):
    created = start + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
    identified = created + timedelta(minutes=rng.randrange(2, 90))
    resolved = identified + timedelta(minutes=rng.randrange(5, 600))
    comp = rng.sample(COMPONENTS, rng.randrange(1, 3))
    title = f"{rng.choice(WHAT)} on {comp[0]}"
    iso = lambda t: t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    inc_id = f"{i:012x}"
    body = ("We are investigating reports of {} affecting {}. Some requests may fail or take "
            "longer than usual; retries should succeed. We will post an update as soon as we "
            "know more.").format(title.lower(), ", ".join(comp))
    return {
        "id": inc_id,
        "name": title,
        "status": "resolved",
        "created_at": iso(created),
        "updated_at": iso(resolved),
        "monitoring_at": None,
        "resolved_at": iso(resolved),
        "impact": IMPACTS[i % 4],
        "shortlink": f"https://stspg.io/{inc_id[-6:]}",
        "started_at": iso(created),
        "page_id": "bench0page",
        "incident_updates": [
            {"id": f"{inc_id}r", "status": "resolved", "body": "This incident has been resolved.",
             "incident_id": inc_id, "created_at": iso(resolved), "display_at": iso(resolved)},
            {"id": f"{inc_id}d", "status": "identified",
             "body": "The issue has been identified and a fix is being implemented.",
             "incident_id": inc_id, "created_at": iso(identified), "display_at": iso(identified)},
            {"id": f"{inc_id}v", "status": "investigating", "body": body,
             "incident_id": inc_id, "created_at": iso(created), "display_at": iso(created)},
        ],
        "components": [{"id": f"c{COMPONENTS.index(c)}", "name": c, "status": "operational"}
                       for c in comp],
    }


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(count)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    doc = {"page": {"id": "bench0page", "name": "Bench", "url": "https://status.example.org"},
           "incidents": [incident(rng, i, start) for i in range(count)]}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
