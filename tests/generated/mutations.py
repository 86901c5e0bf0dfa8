"""Each valid register mutated into an invalid one, one way per kind,
with the diagnostic code `check` must give."""

import copy
import re

from repair import OWASP_LIKELIHOOD, OWASP_TECHNICAL


MUTATIONS = ["wrong-type", "unknown-key", "missing-key", "empty-value", "missing-page", "missing-risk", "unknown-value", "invalid-date", "unmapped-level", "invalid-quantity"]


def mutate(reg, kind, rnd):
    """One fault, and the diagnostic code it must produce."""
    reg = copy.deepcopy(reg)
    risks = reg.get("risks") or []
    if not risks:
        reg["risks"] = risks = [{"id": "R-1", "title": "t", "probability": "low", "impact": "low"}]
        reg.pop("method", None)
        if reg.get("scales") or reg.get("levels"):
            for k in ("scales", "scoring", "levels", "grid", "statuses"):
                reg.pop(k, None)
    risk = rnd.choice(risks)
    method = reg.get("method")
    if method not in (None, "matrix") and kind in ("missing-key", "empty-value", "unknown-value", "unmapped-level"):
        return mutate_method(reg, risk, kind, rnd)
    if kind == "wrong-type":
        field = rnd.choice(["watchlist", "position", "reviewed", "title", "score", "done"])
        if field == "done":
            risk["mitigation"] = [{"action": "x", "done": {"not": "a bool"}}]
        elif field == "reviewed":
            risk["reviewed"] = ["a", "list"]
        elif field == "title":
            risk["title"] = {"a": "mapping"}
        else:
            risk[field] = "not a number" if field in ("score", "position") else [1, 2]
        return reg, "wrong-type"
    if kind == "unknown-key":
        risk["severity_level"] = "x"
        return reg, "unknown-key"
    if kind == "missing-key":
        risk.pop(rnd.choice(["id", "title", "probability", "impact"]))
        return reg, "missing-key"
    if kind == "empty-value":
        risk[rnd.choice(["title", "probability", "impact"])] = rnd.choice(["", "  "])
        return reg, "empty-value"
    if kind == "missing-page":
        risk["playbooks"] = ["docs/runbook.md#no-such-section"]
        return reg, "missing-anchor"
    if kind == "missing-risk":
        risk["related"] = ["NOPE-404"]
        return reg, "missing-risk"
    if kind == "unknown-value":
        risk["probability"] = "mdium"
        return reg, "unknown-value"
    if kind == "invalid-quantity":
        fault = rnd.choice(["upside-down", "outside", "alone", "negative", "too-often", "too-wide"])
        risk["frequency"], risk["loss"] = 0.5, 1000
        if fault == "upside-down":
            risk["loss"] = {"low": 5000, "high": 50}
        elif fault == "outside":
            risk["frequency"] = {"min": 1, "likely": 9, "max": 3}
        elif fault == "alone":
            risk.pop("frequency")
        elif fault == "too-often":
            # More than 1,000 loss events a year on average.
            risk["frequency"] = rnd.choice([rnd.uniform(1001, 1e9), {"min": 10, "likely": 5000, "max": 9000}])
        elif fault == "too-wide":
            # A 90% range whose mean passes 10^15.
            risk["loss"] = {"low": 1e-6, "high": 1e15}
        else:
            risk["loss"] = -rnd.uniform(1, 1e6)
        return reg, "invalid-quantity"
    if kind == "invalid-date":
        risk["reviewed"] = "2026-02-30"
        return reg, "invalid-date"
    if kind == "unmapped-level":
        # A level that names a severity the site does not have.
        if reg.get("levels"):
            reg["levels"][0]["severity"] = "sev-9"
        else:
            reg["levels"] = [
                {"id": "low", "min": 1},
                {"id": "medium", "min": 3},
                {"id": "high", "min": 6},
                {"id": "critical", "min": 9, "severity": "sev-9"},
            ]
        return reg, "unmapped-level"
    raise ValueError(kind)


def mutate_method(reg, risk, kind, rnd):
    """A fault in a method-rated register's factors or vector."""
    method = reg["method"]
    if kind == "unmapped-level":
        # Levels are the method's own: writing them is the fault.
        if method in ("owasp", "cvss"):
            reg["levels"] = [{"id": "low", "min": 0}]
            return reg, "wrong-method"
        reg["levels"] = [{"id": "low", "min": 0}, {"id": "grave", "min": 5, "severity": "sev-9"}]
        return reg, "unmapped-level"
    if kind in ("missing-key", "empty-value"):
        if method == "owasp":
            risk["owasp"]["likelihood"].pop(rnd.choice(OWASP_LIKELIHOOD))
        elif method == "cvss":
            risk.pop("cvss")
        else:
            risk["factors"].pop(rnd.choice(["exposure", "skill", "customers", "data"]))
        return reg, "missing-key"
    # unknown-value: a factor out of range, or a metric no version has.
    if method == "owasp":
        risk["owasp"]["impact"][rnd.choice(OWASP_TECHNICAL)] = rnd.choice([10, -1, 9.5])
        return reg, "invalid-factor"
    if method == "cvss":
        risk["cvss"] = re.sub(r"AV:[A-Z]", "AV:Q", risk["cvss"], count=1)
        return reg, "invalid-vector"
    risk["factors"][rnd.choice(["exposure", "data"])] = rnd.choice([0, 5.5, 99])
    return reg, "invalid-factor"
