//! What a page is part of, for its printed header.

/// The document a printed register or risk page belongs to: the register's
/// title and version, in the print header.
pub fn with_document(mut ctx: tera::Context, reg: &crate::model::Register) -> tera::Context {
    let document = match &reg.version {
        Some(v) => format!("{}, version {v}", reg.title),
        None => reg.title.clone(),
    };
    ctx.insert("document", &document);
    ctx
}
