//! A raw register to a validated `Register`: ratings matched to scales,
//! statuses resolved, ids checked, score and level computed.

use super::framework;
use super::locator::Locator;
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::load::LoadedRegister;
use crate::load::spans::YamlPath;
use crate::model::{Action, Framework, Method, Register, Revision};
use crate::source::register::RawAction;
use std::collections::HashMap;
use std::sync::Arc;

mod fields;
mod risk;

use fields::Ctx;

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Validates one register. `site_fw` is the site's framework, used where
/// the register does not override it.
pub fn validate(
    loaded: &LoadedRegister,
    source: Option<&SourceFile>,
    site_fw: &Arc<Framework>,
) -> (Register, Vec<Diagnostic>) {
    let raw = &loaded.raw;
    let loc = Locator {
        file: &loaded.file,
        spans: &loaded.spans,
        source,
    };
    let mut diags = Vec::new();
    let (fw, shares) = register_framework(raw, site_fw, loc, &mut diags);
    let mut ctx = Ctx {
        loc,
        fw: &fw,
        diags: diags.into(),
    };
    let root = YamlPath::root();

    let mut risks = Vec::new();
    let mut seen: HashMap<String, (String, Location)> = HashMap::new();
    for (i, raw_risk) in raw.risks.iter().enumerate() {
        let path = root.key("risks").index(i);
        let id = ctx
            .required(&raw_risk.id, &path.key("id"), "the risk's id")
            .trim()
            .to_string();
        let id_loc = ctx.loc.at(&path.key("id"));
        if !id.is_empty() && !valid_id(&id) {
            ctx.diags.borrow_mut().push(
                Diagnostic::new(
                    Code::InvalidId,
                    id_loc.clone(),
                    format!("invalid risk id `{id}`"),
                )
                .with_label("ids are used in file names and links")
                .with_help("use only letters, digits, `.`, `_` and `-`, e.g. `R-001`"),
            );
        } else if id.eq_ignore_ascii_case("print") {
            // `registers/<reg>/print.html` is the register's printed document.
            ctx.diags.borrow_mut().push(
                Diagnostic::new(
                    Code::ReservedPath,
                    id_loc.clone(),
                    format!("risk id `{id}` is reserved"),
                )
                .with_label("its page would replace the register's printable document, print.html")
                .with_help("choose another id, e.g. `R-print`"),
            );
        }
        match seen.get(&id.to_lowercase()) {
            Some((first, first_loc)) => {
                let msg = if *first == id {
                    format!("duplicate risk id `{id}`")
                } else {
                    format!("risk ids `{first}` and `{id}` differ only in letter case")
                };
                ctx.diags.borrow_mut().push(
                    Diagnostic::new(Code::DuplicateRisk, id_loc.clone(), msg)
                        .with_label("second use")
                        .with_related(first_loc.clone(), "first used here")
                        .with_help("risk ids must be unique in a register (ignoring case: each risk gets its own page)"),
                );
                continue;
            }
            None => {
                seen.insert(id.to_lowercase(), (id.clone(), id_loc.clone()));
            }
        }
        if let Some(risk) = risk::risk(&mut ctx, raw_risk, &path, id, id_loc) {
            risks.push(risk);
        }
    }

    let sections = raw
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                ctx.required(
                    &s.title,
                    &root.key("sections").index(i).key("title"),
                    "the section title",
                ),
                ctx.md(&s.body, &root.key("sections").index(i).key("body")),
            )
        })
        .collect();
    let actions = raw
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = root.key("actions").index(i);
            match a {
                RawAction::Text(t) => Action {
                    text: ctx.md_scalar(t, &p),
                    done: false,
                    owner: None,
                    due: None,
                },
                RawAction::Item(e) => Action {
                    text: ctx.md_required(&e.text, &p.key("text"), "the action"),
                    done: e.done,
                    owner: e.owner.as_ref().map(|t| t.0.clone()),
                    due: e.due,
                },
            }
        })
        .collect();
    let revisions = raw
        .revisions
        .iter()
        .enumerate()
        .map(|(i, r)| Revision {
            version: r.version.as_ref().map(|t| t.0.clone()),
            date: r.date,
            author: r.author.as_ref().map(|t| t.0.clone()),
            changes: ctx.md_required(
                &r.changes,
                &root.key("revisions").index(i).key("changes"),
                "the revision's changes",
            ),
        })
        .collect();
    if let Some(q) = &raw.quadrants
        && q.len() != 4
    {
        ctx.diags.borrow_mut().push(
            Diagnostic::new(
                Code::WrongType,
                ctx.loc.at(&root.key("quadrants")),
                format!("`quadrants` names 4 quadrants, not {}", q.len()),
            )
            .with_help("list them as Mermaid does: top right, top left, bottom left, bottom right"),
        );
    }
    let title = ctx.required(&raw.title, &root.key("title"), "the register's title");
    let summary = raw
        .summary
        .as_ref()
        .map(|s| ctx.md(s, &root.key("summary")));
    let owners = ctx.owners(&raw.owner, &root.key("owner"));
    let extra = raw
        .extra
        .as_ref()
        .map(|e| ctx.loc.extra(e, &root.key("extra")));
    let Ctx { diags, .. } = ctx;
    let loss = super::quant::register_total(&mut risks, &loaded.id, &fw.quant);
    let register = Register {
        id: loaded.id.clone(),
        file: loaded.file.clone(),
        title,
        status: raw.status,
        version: raw.version.as_ref().map(|t| t.0.clone()),
        owners,
        scope: raw.scope.as_ref().map(|t| t.0.clone()),
        updated: raw.updated,
        summary,
        risks,
        sections,
        actions,
        revisions,
        issues: raw.issues.iter().map(|t| t.0.clone()).collect(),
        quadrants: raw
            .quadrants
            .as_ref()
            .filter(|q| q.len() == 4)
            .map(|q| q.iter().map(|t| t.0.clone()).collect()),
        extra,
        framework: fw.clone(),
        shares_site_matrix: shares,
        loss,
    };
    (register, diags.into_inner())
}
/// The framework a register rates its risks on: its method's (its own
/// `method:`, else the site's default), with its overrides over the
/// site's; and whether its risks share the site's matrix.
fn register_framework(
    raw: &crate::source::RawRegister,
    site_fw: &Arc<Framework>,
    loc: Locator,
    diags: &mut Vec<Diagnostic>,
) -> (Arc<Framework>, bool) {
    let overrides = raw.framework();
    let method = match &raw.method {
        Some(m) => super::method::resolve(m, &YamlPath::root().key("method"), loc, diags),
        None => site_fw.method.clone(),
    };
    if method != Method::Matrix {
        let fw = super::method::for_method(&method, &overrides, site_fw, loc, diags);
        return (Arc::new(fw), false);
    }
    if overrides.is_empty() && site_fw.method == Method::Matrix {
        return (site_fw.clone(), true);
    }
    let mut fw = framework::build(&overrides, site_fw, loc, diags);
    fw.method = Method::Matrix;
    let shares = fw.same_matrix(site_fw);
    (Arc::new(fw), shares)
}

/// The framework a register declares over the site's, without positions
/// (for old versions in the history).
pub fn framework_alone(
    raw: &crate::source::RawRegister,
    site_fw: &Arc<Framework>,
) -> Arc<Framework> {
    let spans = crate::load::spans::SpanIndex::default();
    let loc = Locator {
        file: std::path::Path::new(""),
        spans: &spans,
        source: None,
    };
    register_framework(raw, site_fw, loc, &mut Vec::new()).0
}

pub use risk::risk_alone;
