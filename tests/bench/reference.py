#!/usr/bin/env python3
"""The reference a new user would write: load a Statuspage export, time to resolve per impact."""
import json, statistics, sys
from datetime import datetime

doc = json.load(open(sys.argv[1], encoding="utf-8"))
by_impact = {}
for inc in doc["incidents"]:
    if inc.get("created_at") and inc.get("resolved_at"):
        start = datetime.fromisoformat(inc["created_at"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(inc["resolved_at"].replace("Z", "+00:00"))
        by_impact.setdefault(inc.get("impact"), []).append((end - start).total_seconds())
every = [d for ds in by_impact.values() for d in ds]
out = {k: {"n": len(v), "median": statistics.median(v), "mean": statistics.fmean(v)} for k, v in by_impact.items()}
print(json.dumps({"count": len(doc["incidents"]), "median": statistics.median(every), "by_impact": out}))
