//! The Markdown summary of a comparison, for a pull request comment.

use super::{Comparison, Problem};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn problem_line(p: &Problem) -> String {
    let at = match p.line {
        Some(l) => format!("{}:{l}", p.file),
        None => p.file.clone(),
    };
    format!(
        "- **{}** `{}` {}: {}\n",
        p.severity,
        p.code,
        at,
        cell(&p.message)
    )
}

pub fn markdown(c: &Comparison) -> String {
    let added = c.risks.iter().filter(|r| r.kind == "added").count();
    let removed = c.risks.iter().filter(|r| r.kind == "removed").count();
    let changed = c.risks.iter().filter(|r| r.kind == "changed").count();
    let mut out = format!("## Risk changes: {} → {}\n\n", c.base, c.head);
    let mut headline = vec![
        count(added, "risk added", "risks added"),
        count(removed, "removed", "removed"),
        count(changed, "changed", "changed"),
    ];
    if !c.new_problems.is_empty() || !c.fixed_problems.is_empty() {
        headline.push(format!(
            "{} new, {} fixed",
            count(c.new_problems.len(), "problem", "problems"),
            count(c.fixed_problems.len(), "problem", "problems")
        ));
    }
    if c.overdue_after != c.overdue_before || c.overdue_after > 0 {
        headline.push(format!(
            "{} past review (was {})",
            count(c.overdue_after, "risk", "risks"),
            c.overdue_before
        ));
    }
    if let Some((before, after)) = c.expected_loss {
        let (b, a) = (before.unwrap_or(0.0), after.unwrap_or(0.0));
        if (a - b).abs() >= 1.0 {
            headline.push(format!(
                "{} expected annual loss (now {})",
                super::signed_money(&c.currency, a - b),
                crate::model::quant::money(&c.currency, a)
            ));
        }
    }
    let suspect: usize = c.sections.iter().map(|s| s.risks.len()).sum();
    if suspect > 0 {
        headline.push(format!(
            "{} rewritten under {}",
            count(c.sections.len(), "runbook section", "runbook sections"),
            count(suspect, "risk", "risks")
        ));
    }
    out.push_str(&format!("**{}.**\n\n", headline.join("; ")));
    if c.risks.is_empty() {
        out.push_str("No risk was added, removed or changed.\n\n");
    } else {
        out.push_str("| Register | Risk | Change |\n| --- | --- | --- |\n");
        for r in &c.risks {
            let what = match r.kind {
                "added" => "added".to_string(),
                "removed" => "removed".to_string(),
                _ => r.changes.join("; "),
            };
            out.push_str(&format!(
                "| {} | {} {} | {} |\n",
                cell(&r.register),
                cell(&r.risk),
                cell(&r.title),
                cell(&what)
            ));
        }
        out.push('\n');
    }
    if !c.sections.is_empty() {
        out.push_str("### Runbook sections rewritten\n\nThe risks that rely on these sections become suspect: re-read them, then `riskbook review REG/ID`.\n\n");
        for s in &c.sections {
            out.push_str(&format!(
                "- `{}#{}` ({}), used by {}\n",
                s.page,
                s.anchor,
                cell(&s.heading),
                s.risks.join(", ")
            ));
        }
        out.push('\n');
    }
    if !c.new_problems.is_empty() {
        out.push_str("### New problems\n\n");
        for p in &c.new_problems {
            out.push_str(&problem_line(p));
        }
        out.push('\n');
    }
    if !c.fixed_problems.is_empty() {
        out.push_str("### Fixed problems\n\n");
        for p in &c.fixed_problems {
            out.push_str(&problem_line(p));
        }
        out.push('\n');
    }
    out
}
