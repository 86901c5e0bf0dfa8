//! Runbook sections a change rewrites, and the risks that rely on them:
//! "this change rewrites the rollback section used by R-001, R-008". The
//! risks become suspect once it lands, until someone re-reads them.

use crate::markdown::sections;
use crate::model::Site;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionChange {
    /// The page's path under `content/` and the heading id.
    pub page: String,
    pub anchor: String,
    pub heading: String,
    /// The page's output path (`docs/run.html`).
    pub url: String,
    /// The risks (`REG/ID`) whose `playbooks:` name this section.
    pub risks: Vec<String>,
}

/// Sections referenced by risks in `head` whose text differs from `base`'s.
/// A section new in `head` is not a change to anything reviewed.
pub fn changed(base: &Site, head: &Site) -> Vec<SectionChange> {
    // Sections named in `playbooks:` and linked from risks' fields.
    let mut users: std::collections::BTreeMap<(usize, &String), Vec<crate::model::RiskRef>> =
        Default::default();
    for ((pi, anchor), risks) in &head.backlinks {
        users.entry((*pi, anchor)).or_default().extend(risks);
    }
    for (rr, links) in &head.field_section_links {
        for l in links {
            if let Some(a) = &l.anchor {
                users.entry((l.page, a)).or_default().push(*rr);
            }
        }
    }
    let mut out = Vec::new();
    let mut last_page = None;
    let mut texts = (None, Default::default());
    for ((pi, anchor), mut risks) in users {
        risks.sort();
        risks.dedup();
        let page = &head.pages[pi];
        if last_page != Some(pi) {
            last_page = Some(pi);
            let before = base.pages.iter().find(|p| p.path == page.path);
            texts = (
                before.map(|p| sections::texts(&p.body)),
                sections::texts(&page.body),
            );
        }
        let (Some(before), now) = (&texts.0, &texts.1) else {
            continue;
        };
        let (Some(old), Some(new)) = (before.get(anchor), now.get(anchor)) else {
            continue;
        };
        if old == new {
            continue;
        }
        let ids: Vec<String> = risks
            .iter()
            .map(|rr| format!("{}/{}", head.registers[rr.register].id, head.risk(*rr).id))
            .collect();
        out.push(SectionChange {
            page: page.path.to_string_lossy().replace('\\', "/"),
            anchor: anchor.clone(),
            heading: page.heading_text(anchor).to_string(),
            url: page.output_path(),
            risks: ids,
        });
    }
    out
}
