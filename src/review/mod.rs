//! `riskbook review REG/ID...`: stamp `reviewed:` on risks a person has
//! just re-read, as a minimal edit of their register files (see `stamp`).

pub mod stamp;

use crate::model::{Date, RiskRef, Site};
use crate::{Options, UsageError};
use std::collections::BTreeMap;
use std::io::Write;

/// Stamps `date` on the named risks (`register/risk-id`) and, with
/// `all_suspect`, on every suspect risk. Returns one line per stamped risk.
pub fn run(
    opts: &Options,
    targets: &[String],
    all_suspect: bool,
    date: Date,
) -> Result<Vec<String>, UsageError> {
    let (site, _, _) = crate::load_and_validate(opts)?;
    let mut chosen: Vec<RiskRef> = targets
        .iter()
        .map(|t| resolve(&site, t))
        .collect::<Result<_, _>>()?;
    if all_suspect {
        if let Some(why) = &site.history.suspects_off {
            return Err(UsageError(format!("--all-suspect: {why}")));
        }
        chosen.extend(site.history.suspects.iter().map(|s| s.risk));
    }
    if chosen.is_empty() {
        return Err(UsageError(if all_suspect {
            "no risk is suspect: nothing to stamp".into()
        } else {
            "name the risks to stamp as REGISTER/RISK-ID, or give --all-suspect".into()
        }));
    }
    chosen.sort();
    chosen.dedup();
    let mut by_register: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for rr in chosen {
        by_register.entry(rr.register).or_default().push(rr.risk);
    }
    let mut report = Vec::new();
    for (ri, risks) in by_register {
        let reg = &site.registers[ri];
        let path = opts.root.join(&reg.file);
        let fail = |e: String| UsageError(format!("{}: {e}", reg.file.display()));
        let mut text = std::fs::read_to_string(&path).map_err(|e| fail(e.to_string()))?;
        for k in risks {
            let id = &reg.risks[k].id;
            let i = stamp::find(&text, id)
                .map_err(fail)?
                .ok_or_else(|| fail(format!("risk `{id}` is not written in this file")))?;
            text = stamp::stamp(&text, i, date).map_err(fail)?;
            report.push(format!(
                "{}/{id}: reviewed {date} ({})",
                reg.id,
                reg.file.display()
            ));
        }
        write_in_place(&path, &text).map_err(|e| fail(e.to_string()))?;
    }
    Ok(report)
}

/// `register/risk-id` to a risk, with the nearest names when it is unknown.
fn resolve(site: &Site, target: &str) -> Result<RiskRef, UsageError> {
    let (reg_id, risk_id) = target.split_once('/').ok_or_else(|| {
        UsageError(format!(
            "`{target}`: name a risk as REGISTER/RISK-ID, e.g. `ops/R-001`"
        ))
    })?;
    let ri = site
        .registers
        .iter()
        .position(|r| r.id == reg_id)
        .ok_or_else(|| {
            let ids: Vec<&str> = site.registers.iter().map(|r| r.id.as_str()).collect();
            UsageError(format!(
                "`{target}`: no register `{reg_id}`{}",
                nearest(reg_id, &ids)
            ))
        })?;
    let reg = &site.registers[ri];
    let k = reg
        .risks
        .iter()
        .position(|r| r.id == risk_id)
        .or_else(|| {
            reg.risks
                .iter()
                .position(|r| r.id.eq_ignore_ascii_case(risk_id))
        })
        .ok_or_else(|| {
            let ids: Vec<&str> = reg.risks.iter().map(|r| r.id.as_str()).collect();
            UsageError(format!(
                "`{target}`: register `{reg_id}` has no risk `{risk_id}`{}",
                nearest(risk_id, &ids)
            ))
        })?;
    Ok(RiskRef {
        register: ri,
        risk: k,
    })
}

fn nearest(wanted: &str, candidates: &[&str]) -> String {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Replaces `path` with `text` atomically, keeping its permissions.
fn write_in_place(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
