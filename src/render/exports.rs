//! Machine-readable outputs: `search-index.json` (and, with issue 6, the
//! full `risks.json` / `risks.csv` exports).

use super::{Env, urls};
use serde::Serialize;

#[derive(Serialize)]
struct SearchEntry<'a> {
    /// Title shown in results.
    t: String,
    /// Root-relative URL.
    u: String,
    /// Kind: risk, register or page.
    k: &'static str,
    /// Lowercased text searched: ids, owners, body text.
    x: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
}

pub fn all(env: &Env) -> Vec<(String, Vec<u8>)> {
    vec![("search-index.json".into(), search_index(env))]
}

fn search_index(env: &Env) -> Vec<u8> {
    let site = env.site;
    let mut entries = Vec::new();
    for rr in site.all_risks() {
        let row = env.row(rr);
        let r = site.risk(rr);
        let mut text = format!(
            "{} {} {}",
            r.id,
            r.title,
            row.owners
                .iter()
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        if let Some(c) = &r.category {
            text.push(' ');
            text.push_str(c);
        }
        if let Some(d) = &r.description {
            text.push(' ');
            text.push_str(&crate::markdown::plain_text(&d.text));
        }
        entries.push(SearchEntry {
            t: format!("{} {}", r.id, r.title),
            u: row.url.clone(),
            k: "risk",
            x: text.to_lowercase(),
            l: Some(&row.level.label),
        });
    }
    for reg in &site.registers {
        entries.push(SearchEntry {
            t: reg.title.clone(),
            u: urls::register(reg),
            k: "register",
            x: format!("{} {}", reg.id, reg.title).to_lowercase(),
            l: None,
        });
    }
    for p in &site.pages {
        let headings: Vec<&str> = p.headings.iter().map(|h| h.text.as_str()).collect();
        entries.push(SearchEntry {
            t: p.title.clone(),
            u: urls::page(p),
            k: "page",
            x: format!("{} {}", p.title, headings.join(" ")).to_lowercase(),
            l: None,
        });
    }
    serde_json::to_vec(&entries).unwrap_or_default()
}
