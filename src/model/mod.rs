//! The validated, in-memory model of a site: what every later stage reads.
//! Nothing here is re-checked after `validate` built it.

pub mod extra;
pub mod history;
pub mod method;
pub mod page;
pub mod quant;
pub mod register;
pub mod review;
pub mod scale;
pub mod scoring;
pub mod site;

pub use crate::source::date::{Date, INVALID_DATE};
pub use extra::Extra;
pub use method::{Factors, Method};
pub use page::{Heading, Page};
pub use register::{Action, ActionItem, Actions, Rated, Register, Revision, Risk, Trigger};
pub use scale::{Rating, Scale, ScaleEntry};
pub use scoring::{Assessment, Framework, Level, Scoring, Severity, Status};
pub use site::{PlaybookLink, RiskRef, Site, SiteInfo};

/// A Markdown string from a register, with where it starts in its file so
/// links inside it can be reported at their line.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Markdown {
    pub text: String,
    #[serde(skip)]
    pub origin: crate::diagnostics::Location,
}

/// A number as shown: whole numbers without a decimal point, others with
/// at most two decimals (`6`, `2.5`, `0.33`).
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}
