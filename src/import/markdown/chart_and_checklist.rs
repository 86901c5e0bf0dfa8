//! Two parts of a Markdown register beside its risk tables and cards: a
//! Mermaid `quadrantChart` (each risk's position, the quadrants' names)
//! and a checklist under an "actions" heading (the register's actions).

use crate::import::index::RiskIndex;
use crate::import::{OutAction, OutRegister, OutRisk};

/// `quadrant-1 Mitigate urgently` names a quadrant; `R1: [0.3, 0.85]`
/// places risk R1 (found through `index`). Lines read are `consumed`.
pub(super) fn quadrant_chart(
    lines: &[&str],
    index: &RiskIndex,
    risks: &mut [OutRisk],
    reg: &mut OutRegister,
    consumed: &mut [bool],
) {
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("quadrant-") {
            if let Some((n, name)) = rest.split_once(' ') {
                let q = reg.quadrants.get_or_insert_with(|| vec![String::new(); 4]);
                if let Ok(n) = n.parse::<usize>().map(|n| n.saturating_sub(1))
                    && n < 4
                {
                    q[n] = name.trim().to_string();
                }
            }
        } else if let Some((id, pos)) = t.split_once(": [") {
            let nums: Vec<f64> = pos
                .trim_end_matches(']')
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            if let (Some(k), [p, im]) = (index.id(id.trim()), nums.as_slice()) {
                risks[k].position = Some(serde_json::json!({ "probability": p, "impact": im }));
                consumed[i] = true;
            }
        }
    }
}

/// `- [x] Done` and `- [ ] Open` under a `## ...Actions...` heading: the
/// register's actions. Lines read are `consumed`.
pub(super) fn actions(
    lines: &[&str],
    fenced: &[bool],
    reg: &mut OutRegister,
    consumed: &mut [bool],
) {
    let mut heading = String::new();
    for (i, line) in lines.iter().enumerate() {
        if fenced[i] {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.to_lowercase();
        }
        if heading.contains("action") {
            let t = line.trim_start();
            if let Some(rest) = t
                .strip_prefix("- [x] ")
                .or_else(|| t.strip_prefix("- [X] "))
            {
                reg.actions.push(OutAction {
                    text: rest.to_string(),
                    done: true,
                });
                consumed[i] = true;
            } else if let Some(rest) = t.strip_prefix("- [ ] ") {
                reg.actions.push(OutAction {
                    text: rest.to_string(),
                    done: false,
                });
                consumed[i] = true;
            }
        }
    }
}
