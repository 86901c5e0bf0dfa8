//! What rendering a Markdown text needs to know of where it is shown: the
//! site's links, the output page, the source position for diagnostics.

use super::slug::Slugger;
use crate::diagnostics::{Location, SourceFile};
use crate::links::{LinkSource, Resolver, Target};
use crate::model::Heading;

/// Where the Markdown text sits in its source file, to report links at their line.
pub enum Origin<'a> {
    /// A page body starting at `offset` in `file`.
    Body { file: &'a SourceFile, offset: usize },
    /// A register field; links are found by searching from the field's start.
    Field {
        file: Option<&'a SourceFile>,
        at: &'a Location,
    },
}

pub struct RenderCtx<'a> {
    pub resolver: &'a Resolver<'a>,
    pub from: LinkSource,
    /// Site-root-relative URL of a resolved target (no leading `/`).
    pub url_of: &'a dyn Fn(&Target) -> String,
    /// Prefix from the output page to the site root (`../` per folder).
    pub to_root: &'a str,
    pub origin: Origin<'a>,
    /// Heading ids precomputed for a page body; `None` to slug as we go.
    pub headings: Option<&'a [Heading]>,
    /// Back-link HTML for a heading id, inserted after sanitizing (trusted).
    pub after_heading: &'a dyn Fn(&str) -> Option<String>,
    /// The ids already used on the output page, when several Markdown
    /// fields share one page; `None` for a text that is a page of its own.
    pub page_ids: Option<&'a std::cell::RefCell<Slugger>>,
    /// False when only the diagnostics matter (`check`): a text without
    /// raw HTML is then not turned into HTML at all.
    pub want_html: bool,
    /// For a field shown under a section heading: the level its top
    /// heading takes (`shift_headings`). `None` keeps the levels written.
    pub heading_base: Option<u8>,
}
