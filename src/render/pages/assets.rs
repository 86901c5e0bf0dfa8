//! `assets/`: the stylesheet and script (built-in or the site's own), and
//! mermaid for a site whose Markdown holds a diagram.

use super::Out;
use crate::render::Env;

/// mermaid (npm, MIT), bundled so diagrams draw offline and from `file://`.
const MERMAID: &[u8] = include_bytes!("../builtin/vendor/mermaid.min.js");
const MERMAID_LICENSE: &[u8] = include_bytes!("../builtin/vendor/mermaid.LICENSE");

pub fn render(env: &Env, out: &Out) {
    out.file(
        "assets/style.css".into(),
        env.templates.css.clone().into_bytes(),
    );
    out.file(
        "assets/app.js".into(),
        env.templates.js.clone().into_bytes(),
    );
    if has_diagram(env.site) {
        out.file("assets/mermaid.min.js".into(), MERMAID.to_vec());
        out.file("assets/mermaid.LICENSE".into(), MERMAID_LICENSE.to_vec());
    }
}

/// Whether any page or register text of the site holds a diagram: only
/// such a site carries mermaid.
fn has_diagram(site: &crate::model::Site) -> bool {
    use crate::markdown::code::has_diagram;
    site.pages.iter().any(|p| has_diagram(&p.body))
        || site
            .registers
            .iter()
            .any(|r| r.markdown_texts().iter().any(|m| has_diagram(&m.text)))
}
