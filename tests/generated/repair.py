"""The semantic rules the JSON Schema cannot say, fixed in generated
registers and configs: ratings on the register's scales, existing
references, unique ids, consistent money ranges."""

import copy
import json


PLAYBOOK = "# Runbook\n\n## Rollback\n\nSteps.\n\n## Contain {#contain}\n\nMore.\n"
ANCHORS = ["docs/runbook.md", "docs/runbook.md#rollback", "docs/runbook.md#contain"]
DEFAULT_P = ["low", "medium", "high", "Low", "MEDIUM", "High"]
DEFAULT_I = ["low", "medium", "high", "critical", "Critical", "HIGH"]
DEFAULT_STATUSES = ["open", "triggered", "mitigated", "accepted", "closed", "Open"]

# Valid rating frameworks a register or site may declare, with the values
# its risks may use.
FRAMEWORKS = [
    None,
    (
        {
            "scales": {
                "probability": [{"id": "rare", "label": "Rare"}, {"id": "likely", "label": "Likely"}],
                "impact": [{"id": "minor"}, {"id": "major"}, {"id": "severe"}],
            },
            "scoring": "sum",
            "levels": [
                {"id": "ok", "min": 1, "color": "#2da44e", "severity": "low"},
                {"id": "bad", "min": 4, "color": "#cf222e", "severity": "High"},
            ],
        },
        ["rare", "Likely", "RARE"],
        ["minor", "Major", "severe"],
        ["open", "closed"],
    ),
    (
        {
            "scales": {
                "probability": [{"id": 1}, {"id": 2}, {"id": 3}],
                "impact": [{"id": 1}, {"id": 2}],
            },
            "scoring": "grid",
            "levels": [{"id": "low"}, {"id": "high"}],
            "grid": [["high", "high"], ["low", "high"], ["low", "low"]],
            "statuses": [{"id": "live", "active": True}, {"id": "done", "active": False}],
        },
        ["1", "2", "3"],
        ["1", "2"],
        ["live", "done", "Live"],
    ),
    (
        {
            "scales": {
                "probability": [{"id": "low"}, {"id": "high"}],
                "impact": [{"id": "low"}, {"id": "high"}],
            },
            "scoring": "grid",
            "grid": [[5, 9.5], ["1", 7]],
            "levels": [{"id": "low", "min": 1}, {"id": "high", "min": 7}],
        },
        ["low", "High"],
        ["LOW", "high"],
        ["open", "closed"],
    ),
]


# Unicode White_Space, what Rust's `str::trim` removes (Python's `strip`
# also removes the separators U+001C..U+001F).
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def trim(s):
    return s.strip(WHITE_SPACE)


def text(v):
    """How riskbook shows a scalar written by `yaml_scalar`."""
    if isinstance(v, str):
        return v
    return json.dumps(v)


def blank(v):
    return v is None or (isinstance(v, str) and not trim(v))


def repair(reg, rnd, register_id):
    """Only the rules the schema cannot state; everything else as generated."""
    fw = rnd.choice(FRAMEWORKS)
    for key in ("scales", "scoring", "levels", "grid", "statuses"):
        reg.pop(key, None)
    # Rated on the matrix; other methods' keys would be `wrong-method`.
    if reg.get("method") not in (None, "matrix"):
        reg.pop("method")
    for risk in reg.get("risks") or []:
        for key in ("owasp", "cvss", "factors"):
            risk.pop(key, None)
    probs, imps, statuses = DEFAULT_P, DEFAULT_I, DEFAULT_STATUSES
    if fw:
        reg.update(copy.deepcopy(fw[0]))
        probs, imps, statuses = fw[1], fw[2], fw[3]
    if blank(reg.get("title")):
        reg["title"] = "Register"
    if reg.get("quadrants") is None:
        reg.pop("quadrants", None)
    for s in reg.get("sections") or []:
        if blank(s.get("title")):
            s["title"] = "Section"
    for a in reg.get("actions") or []:
        if isinstance(a, dict) and blank(a.get("text")):
            a["text"] = "act"
    for r in reg.get("revisions") or []:
        if blank(r.get("changes")):
            r["changes"] = "changed"
    risks = reg.get("risks") or []
    ids = []
    for i, risk in enumerate(risks):
        rid = risk.get("id")
        if blank(rid) or not all(c.isascii() and (c.isalnum() or c in "._-") for c in trim(text(rid))) or trim(text(rid)).lower() in {x.lower() for x in ids}:
            risk["id"] = "R-%d" % (i + 1)
        ids.append(trim(text(risk["id"])))
        if blank(risk.get("title")):
            risk["title"] = "Risk %d" % (i + 1)
        risk["probability"] = rnd.choice(probs)
        risk["impact"] = rnd.choice(imps)
        for key in ("frequency", "loss", "mitigation_cost"):
            risk.pop(key, None)
        if "residual" in risk and risk["residual"] is not None:
            risk["residual"] = {"probability": rnd.choice(probs), "impact": rnd.choice(imps)}
        # A fifth of the risks in money.
        if rnd.random() < 0.2:
            risk["frequency"] = estimate(rnd, 5)
            risk["loss"] = estimate(rnd, 1e7)
            if rnd.random() < 0.5:
                risk["mitigation_cost"] = round(rnd.uniform(0, 1e5), 2)
            if risk.get("residual") is not None and rnd.random() < 0.5:
                risk["residual"]["frequency"] = estimate(rnd, 1)
                risk["residual"]["loss"] = estimate(rnd, 1e6)
        if "status" in risk and risk["status"] is not None:
            risk["status"] = rnd.choice(statuses)
        if "position" in risk and risk["position"] is not None:
            risk["position"] = {"probability": rnd.random(), "impact": rnd.random()}
        if risk.get("score") is not None:
            risk.pop("score")  # a mismatch is only a warning; keep builds clean of noise
        if "playbooks" in risk:
            risk["playbooks"] = rnd.sample(ANCHORS, rnd.randint(0, 2))
        if "related" in risk:
            risk["related"] = []
        for key in ("mitigation", "contingency"):
            items = risk.get(key)
            if isinstance(items, list):
                for it in items:
                    if isinstance(it, dict) and blank(it.get("action")):
                        it["action"] = "do it"
            elif blank(items) and key in risk:
                risk[key] = "see runbook"
        trig = risk.get("trigger")
        if isinstance(trig, dict) and blank(trig.get("metric")):
            trig["metric"] = "error_rate"
        elif blank(trig) and "trigger" in risk:
            risk.pop("trigger")
        if isinstance(risk.get("owner"), (str, int, float, bool)) and blank(risk.get("owner")):
            risk.pop("owner")
    # `related` between risks of this register, now that ids are known.
    for risk in risks:
        if "related" in risk and ids:
            risk["related"] = rnd.sample(ids, min(len(ids), rnd.randint(0, 2)))
    if reg.get("review_every_days") is not None:
        reg["review_every_days"] = reg["review_every_days"] % 100000
    # A quarter of the registers rated by another method.
    if rnd.random() < 0.25:
        rate_by_method(reg, rnd.choice(["owasp", "cvss", "factors"]), rnd)
    return reg


def estimate(rnd, top):
    """A valid estimate: a number, a 90% range or PERT, below `top`."""
    kind = rnd.choice(["fixed", "range", "pert"])
    if kind == "fixed":
        return rnd.choice([0, round(rnd.uniform(0, top), 3), int(rnd.uniform(0, top))])
    if kind == "range":
        low = rnd.uniform(top / 1000, top / 2)
        return {"low": round(low, 3), "high": round(low * rnd.uniform(1.5, 100), 3)}
    lo = rnd.uniform(0, top / 2)
    hi = lo + rnd.uniform(top / 1000, top)
    return {"min": round(lo, 3), "likely": round(rnd.uniform(lo, hi), 3), "max": round(hi, 3)}


OWASP_LIKELIHOOD = ["skill", "motive", "opportunity", "size", "discovery", "exploit", "awareness", "detection"]
OWASP_TECHNICAL = ["confidentiality", "integrity", "availability", "accountability"]
OWASP_BUSINESS = ["financial", "reputation", "compliance", "privacy"]
VECTORS = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N",
    "CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:L/SI:L/SA:N/E:U",
]
FACTOR_METHOD = {
    "factors": {
        "likelihood": [{"id": "exposure", "weight": 2}, {"id": "skill", "label": "Skill needed"}],
        "impact": [{"id": "customers", "weight": 0.5}, {"id": "data"}],
    },
    "scale": [1, 5],
}


def rate_by_method(reg, method, rnd):
    """The register rated by `method`: its matrix keys gone, each risk's
    factors or vector generated within their bounds."""
    for key in ("scales", "scoring", "grid"):
        reg.pop(key, None)
    if method == "factors":
        reg["method"] = copy.deepcopy(FACTOR_METHOD)
    else:
        reg["method"] = method
        reg.pop("levels", None)
    factor = lambda hi: rnd.choice([rnd.randint(0, hi), round(rnd.uniform(0, hi), 3)])
    for risk in reg.get("risks") or []:
        for key in ("probability", "impact", "residual"):
            risk.pop(key, None)
        if method == "owasp":
            impact = OWASP_TECHNICAL + (OWASP_BUSINESS if rnd.random() < 0.5 else [])
            risk["owasp"] = {
                "likelihood": {k: factor(9) for k in OWASP_LIKELIHOOD},
                "impact": {k: factor(9) for k in impact},
            }
        elif method == "cvss":
            risk["cvss"] = rnd.choice(VECTORS)
        else:
            risk["factors"] = {k: 1 + factor(4) for k in ("exposure", "skill", "customers", "data")}


def repair_config(cfg, rnd):
    for key in ("scales", "scoring", "levels", "grid", "statuses"):
        cfg.pop(key, None)
    if cfg.get("method") not in (None, "matrix"):
        cfg.pop("method")
    fw = rnd.choice(FRAMEWORKS)
    if fw:
        cfg.update(copy.deepcopy(fw[0]))
    # A severity scale every framework's levels map onto (by id, label or
    # `severity:`), with the generated labels and descriptions kept.
    if cfg.get("severities") is not None:
        generated = [s for s in cfg["severities"] if isinstance(s, dict)]
        scale = []
        for k, sid in enumerate(["low", "medium", "high", "critical"]):
            s = {"id": sid}
            base = generated[k] if k < len(generated) else {}
            for key in ("label", "description"):
                if base.get(key) is not None:
                    s[key] = base[key]
            scale.append(s)
        cfg["severities"] = scale
    else:
        # Without `severities:` each of the site's levels is its own
        # severity; a level naming another one is an error.
        for level in cfg.get("levels") or []:
            level.pop("severity", None)
    q = cfg.get("quantitative")
    if isinstance(q, dict):
        cfg["quantitative"] = {
            "currency": rnd.choice(["EUR", "USD", "JPY", "CHF"]),
            "trials": rnd.randint(1000, 3000),
            "seed": rnd.randint(0, 2**64 - 1),
            "appetite": [{"loss": rnd.uniform(1, 1e7), "probability": rnd.uniform(0.001, 0.999)}],
        }
    elif "quantitative" in cfg:
        cfg.pop("quantitative")
    for key in ("base_url", "issue_url"):
        if key in cfg:
            cfg[key] = rnd.choice([None, "https://docs.example.internal/x/", "https://example.com/{n}"])
    if cfg.get("review_every_days") is not None:
        cfg["review_every_days"] = cfg["review_every_days"] % 100000
    return cfg, fw
