"""What `risks.json` must hold for each generated risk, and the check."""

from repair import blank, text, trim


def expected_risk(risk):
    """The risks.json fields a generated risk must carry, as written."""
    out = {"id": trim(text(risk["id"])), "title": text(risk["title"])}
    owner = risk.get("owner")
    if owner is not None:
        owners = owner if isinstance(owner, list) else [owner]
        out["owners"] = [trim(text(o)) for o in owners if not blank(o)]
    if risk.get("category") is not None and not blank(risk["category"]):
        out["category"] = trim(text(risk["category"]))
    for key in ("description",):
        if risk.get(key) is not None:
            out[key] = text(risk[key])
    for key in ("mitigation", "contingency"):
        v = risk.get(key)
        if v is None:
            continue
        items = v if isinstance(v, list) else [v]
        exp = []
        for it in items:
            if isinstance(it, dict):
                exp.append({
                    "text": text(it["action"]),
                    "done": bool(it.get("done", False)),
                    "due": it.get("due"),
                    "issue": None if it.get("issue") is None else text(it["issue"]),
                    "owner": None if it.get("owner") is None else text(it["owner"]),
                })
            else:
                exp.append({"text": text(it), "done": None, "due": None, "issue": None, "owner": None})
        out[key] = exp
    trig = risk.get("trigger")
    if isinstance(trig, dict):
        out["trigger"] = {k: (None if trig.get(k) is None else text(trig[k])) for k in ("metric", "op", "threshold", "window")}
    elif trig is not None:
        out["trigger"] = {"text": text(trig)}
    for key in ("signals", "issues", "tags", "playbooks", "related"):
        if risk.get(key) is not None:
            out[key] = [trim(text(x)) if key in ("playbooks", "related") else text(x) for x in risk[key]]
    out["watchlist"] = bool(risk.get("watchlist") or False)
    acc = risk.get("acceptance")
    if acc is not None:
        out["acceptance"] = {
            "by": None if acc.get("by") is None else text(acc["by"]),
            "date": acc.get("date"),
            "expires": acc.get("expires"),
            "rationale": None if acc.get("rationale") is None else text(acc["rationale"]),
        }
    if risk.get("reviewed") is not None:
        out["reviewed"] = risk["reviewed"]
    if risk.get("sections") is not None:
        out["sections"] = {k: text(v) for k, v in risk["sections"].items()}
    if risk.get("extra") is not None:
        out["extra"] = risk["extra"]
    if risk.get("position") is not None:
        out["position"] = risk["position"]
    if "probability" in risk:
        out["probability.text"] = text(risk["probability"])
        out["impact.text"] = text(risk["impact"])
    if "owasp" in risk:
        out["owasp.likelihood"] = risk["owasp"]["likelihood"]
        out["owasp.impact"] = risk["owasp"]["impact"]
    if "cvss" in risk:
        out["cvss.vector"] = risk["cvss"]
    for key in ("frequency", "loss"):
        if key in risk:
            out["quant.inherent." + key] = risk[key]
    if "frequency" in (risk.get("residual") or {}):
        out["quant.residual.frequency"] = risk["residual"]["frequency"]
        out["quant.residual.loss"] = risk["residual"]["loss"]
    if "factors" in risk:
        out["factors.likelihood"] = {k: risk["factors"][k] for k in ("exposure", "skill")}
        out["factors.impact"] = {k: risk["factors"][k] for k in ("customers", "data")}
    return out


def same(want, got, path):
    """Equal, with numbers compared by value (1.0 == 1; a big integer may be exported as text)."""
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float, str)):
        try:
            return float(want) == float(got) or abs(float(want) - float(got)) <= 1e-9 * abs(float(want))
        except (TypeError, ValueError, OverflowError):
            return False
    if isinstance(want, dict) and isinstance(got, dict):
        return want.keys() == got.keys() and all(same(want[k], got[k], path + "." + k) for k in want)
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(same(a, b, path) for a, b in zip(want, got))
    return want == got


def check_export(reg_id, reg, exported, failures):
    got_risks = [r for r in exported if r["register"] == reg_id]
    want_risks = reg.get("risks") or []
    if len(got_risks) != len(want_risks):
        failures.append(f"{reg_id}: {len(want_risks)} risks written, {len(got_risks)} exported")
        return
    for want_risk, got in zip(want_risks, got_risks):
        want = expected_risk(want_risk)
        for key, value in want.items():
            if "." in key:
                actual = got
                for part in key.split("."):
                    actual = actual.get(part) if isinstance(actual, dict) else None
            elif key == "trigger" and "metric" in value:
                actual = {k: got["trigger"].get(k) for k in value}
            else:
                actual = got.get(key)
            if not same(value, actual, key):
                failures.append(f"{reg_id}/{want['id']}: {key}: wrote {value!r}, exported {actual!r}")


def csv_cells(risk):
    """The cells of `risks.csv` that `risks.json` says, as the CSV writes them."""
    def joined(values):
        return "; ".join(v if isinstance(v, str) else v.get("text", "") for v in values or [])

    def number(n):
        return None if n is None else float(n)

    trigger = risk.get("trigger") or {}
    return {
        "register": risk["register"],
        "id": risk["id"],
        "title": risk["title"],
        "status": risk["status"],
        "active": "true" if risk["active"] else "false",
        "category": risk.get("category") or "",
        "probability": risk["probability"]["text"],
        "impact": risk["impact"]["text"],
        "score": number(risk.get("score")),
        "level": risk["level"],
        "severity": risk["severity"],
        "owners": joined(risk["owners"]),
        "watchlist": "true" if risk["watchlist"] else "false",
        "description": (risk.get("description") or "").strip(),
        "mitigation": joined(risk.get("mitigation")),
        "contingency": joined(risk.get("contingency")),
        "trigger": trigger.get("text") or "",
        "signals": joined(risk["signals"]),
        "playbooks": joined(risk["playbooks"]),
        "related": joined(risk["related"]),
        "tags": joined(risk["tags"]),
        "reviewed": risk.get("reviewed") or "",
        "url": risk["url"],
        "source": risk["source"],
    }


def check_csv(exported, rows, failures):
    """`risks.csv` (read by Python's csv module, RFC 4180) holds a row per
    risk of `risks.json`, in the same order, with the same values: text
    with quotes, commas, line breaks and any character survives."""
    if len(rows) != len(exported):
        failures.append(f"risks.csv: {len(rows)} rows, risks.json: {len(exported)} risks")
        return
    for risk, row in zip(exported, rows):
        for column, want in csv_cells(risk).items():
            got = row.get(column)
            if column == "score":
                ok = got == "" if want is None else (got != "" and float(got) == want)
            else:
                ok = got == want
            if not ok:
                failures.append(f"risks.csv {risk['register']}/{risk['id']}: {column}: risks.json says {want!r}, risks.csv {got!r}")
