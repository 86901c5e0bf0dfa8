//! `content/site.yaml` and the scale/scoring/level/status keys a register may override.

pub use super::method::RawMethod;
use super::text::Text;
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScaleEntry {
    pub id: Text,
    pub label: Option<Text>,
    pub value: Option<f64>,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScales {
    pub probability: Option<Vec<RawScaleEntry>>,
    pub impact: Option<Vec<RawScaleEntry>>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawScoring {
    Product,
    Sum,
    Grid,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub id: Text,
    pub label: Option<Text>,
    pub min: Option<f64>,
    pub color: Option<Text>,
    pub description: Option<Text>,
    /// The site-wide severity (section `severities:` of `site.yaml`) this
    /// level counts as; by default the one whose id or label equals the
    /// level's.
    pub severity: Option<Text>,
}

/// One step of the site's severity scale (`severities:` in `site.yaml`):
/// what dashboards count by across registers with their own levels.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSeverity {
    pub id: Text,
    pub label: Option<Text>,
    pub color: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub id: Text,
    pub label: Option<Text>,
    #[serde(default = "yes")]
    pub active: bool,
    pub description: Option<Text>,
}

fn yes() -> bool {
    true
}

/// The keys shared by the site config and registers: how risks are rated.
#[derive(Debug, Clone, Default)]
pub struct RawFramework {
    pub labels: Option<RawLabels>,
    pub scales: Option<RawScales>,
    pub scoring: Option<RawScoring>,
    pub levels: Option<Vec<RawLevel>>,
    pub grid: Option<Vec<Vec<Text>>>,
    pub statuses: Option<Vec<RawStatus>>,
    pub review_every_days: Option<u32>,
}

/// Declares a source struct that takes the framework keys after its own:
/// the site config, where they are the defaults, and a register, where they
/// override them. `serde(flatten)` cannot be combined with
/// `deny_unknown_fields`, so the keys are written here, once, together with
/// `framework()`, which gathers them into a [`RawFramework`].
macro_rules! with_framework_keys {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
            /// The organisation's words for the axes and the score.
            pub labels: Option<$crate::source::config::RawLabels>,
            /// The probability and impact scales, lowest step first.
            pub scales: Option<$crate::source::config::RawScales>,
            /// How a score is made from the two ratings.
            pub scoring: Option<$crate::source::config::RawScoring>,
            /// The levels a score falls into, lowest first.
            pub levels: Option<Vec<$crate::source::config::RawLevel>>,
            /// With `scoring: grid`: a level id for each probability (rows,
            /// highest first) and impact (columns, lowest first).
            pub grid: Option<Vec<Vec<$crate::source::text::Text>>>,
            /// The statuses a risk may have.
            pub statuses: Option<Vec<$crate::source::config::RawStatus>>,
            /// Days after which a risk's last review counts as overdue.
            pub review_every_days: Option<u32>,
            /// How risks are rated (default `matrix`); a register without
            /// one is rated the site's way.
            pub method: Option<$crate::source::method::RawMethod>,
        }

        impl $name {
            /// The framework keys this source sets, without `method`.
            pub fn framework(&self) -> $crate::source::config::RawFramework {
                $crate::source::config::RawFramework {
                    labels: self.labels.clone(),
                    scales: self.scales.clone(),
                    scoring: self.scoring,
                    levels: self.levels.clone(),
                    grid: self.grid.clone(),
                    statuses: self.statuses.clone(),
                    review_every_days: self.review_every_days,
                }
            }
        }
    };
}
pub(crate) use with_framework_keys;

/// The organisation's words for the axes and the score (`Likelihood`,
/// `Severity`, `Risk priority`), used wherever riskbook names them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLabels {
    pub probability: Option<Text>,
    pub impact: Option<Text>,
    pub score: Option<Text>,
}

impl RawFramework {
    pub fn is_empty(&self) -> bool {
        self.labels.is_none()
            && self.scales.is_none()
            && self.scoring.is_none()
            && self.levels.is_none()
            && self.grid.is_none()
            && self.statuses.is_none()
    }
}

with_framework_keys! {
    #[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct RawSiteConfig {
        pub title: Option<Text>,
        pub description: Option<Text>,
        pub base_url: Option<Text>,
        pub issue_url: Option<Text>,
        /// `https://host/repo/edit/main/{path}`: an "Edit source" link on every
        /// page made from one source file; `{path}` is that file's path from
        /// the site root.
        pub edit_url: Option<Text>,
        /// The one severity scale of the whole site, lowest first (default:
        /// the site's levels). Every level of every register maps to one.
        pub severities: Option<Vec<RawSeverity>>,
        /// Risks in money: currency, trials, seed and appetite.
        pub quantitative: Option<super::quant::RawQuantConfig>,
    }
}
