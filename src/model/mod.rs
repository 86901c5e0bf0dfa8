//! The validated, in-memory model of a site: what every later stage reads.
//! Nothing here is re-checked after `validate` built it.

mod date;
pub mod extra;
pub mod history;
pub mod page;
pub mod register;
pub mod review;
pub mod scale;
pub mod scoring;
pub mod site;

pub use date::{Date, INVALID_DATE};
pub use extra::Extra;
pub use page::{Heading, Page};
pub use register::{Action, ActionItem, Actions, Rated, Register, Revision, Risk, Trigger};
pub use scale::{Rating, Scale, ScaleEntry};
pub use scoring::{Assessment, Framework, Level, Scoring, Status};
pub use site::{PlaybookLink, RiskRef, Site, SiteInfo};

/// A Markdown string from a register, with where it starts in its file so
/// links inside it can be reported at their line.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Markdown {
    pub text: String,
    #[serde(skip)]
    pub origin: crate::diagnostics::Location,
}
