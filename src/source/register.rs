//! A register file, `content/registers/**/<id>.yaml`, as written.

use super::config::with_framework_keys;
use super::date::Date;
use super::text::{OneOrMany, RawExtra, Scalar, Text, text_or, text_or_schema};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RegisterStatus {
    Draft,
    Active,
    Archived,
}

with_framework_keys! {
    #[derive(Debug, Clone, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct RawRegister {
        pub title: Text,
        pub status: Option<RegisterStatus>,
        pub version: Option<Text>,
        pub owner: Option<OneOrMany>,
        pub scope: Option<Text>,
        pub updated: Option<Date>,
        pub summary: Option<Text>,
        #[serde(default)]
        pub risks: Vec<RawRisk>,
        #[serde(default)]
        pub sections: Vec<RawSection>,
        #[serde(default)]
        pub actions: Vec<RawAction>,
        #[serde(default)]
        pub revisions: Vec<RawRevision>,
        #[serde(default)]
        pub issues: Vec<Text>,
        /// Names of the quadrant chart's quadrants, in Mermaid's order:
        /// top right, top left, bottom left, bottom right.
        #[schemars(length(equal = 4))]
        pub quadrants: Option<Vec<Text>>,
        pub extra: Option<RawExtra>,
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    pub id: Text,
    pub title: Text,
    pub status: Option<Text>,
    pub category: Option<Text>,
    /// A value of the probability scale (`medium`, a range `low/medium`),
    /// or `unrated` (with `impact: unrated`) for a risk not analysed yet.
    /// Required with `method: matrix`.
    pub probability: Option<Text>,
    /// A value of the impact scale, or `unrated`. Required with `method: matrix`.
    pub impact: Option<Text>,
    /// The OWASP Risk Rating factors, 0..9 each (`method: owasp`).
    pub owasp: Option<RawOwasp>,
    /// A CVSS 3.0, 3.1 or 4.0 vector (`method: cvss`).
    pub cvss: Option<Text>,
    /// The register's own factors by id, each within its `scale`
    /// (`method: { factors: ... }`).
    pub factors: Option<IndexMap<Text, f64>>,
    /// Loss events per year: a rate, a 90% range or PERT (with `loss`),
    /// averaging at most 1,000.
    pub frequency: Option<super::quant::RawEstimate>,
    /// One event's loss in the site's currency: an amount, a 90% range or
    /// PERT (with `frequency`), averaging at most 10^15.
    pub loss: Option<super::quant::RawEstimate>,
    /// The yearly cost of the mitigations.
    pub mitigation_cost: Option<f64>,
    pub owner: Option<OneOrMany>,
    pub description: Option<Text>,
    pub mitigation: Option<RawActions>,
    pub contingency: Option<RawActions>,
    pub trigger: Option<RawTrigger>,
    #[serde(default)]
    pub signals: Vec<Text>,
    #[serde(default)]
    pub playbooks: Vec<Text>,
    #[serde(default)]
    pub related: Vec<Text>,
    #[serde(default)]
    pub issues: Vec<Text>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub watchlist: bool,
    pub score: Option<f64>,
    pub position: Option<RawPosition>,
    pub residual: Option<RawResidual>,
    pub acceptance: Option<RawAcceptance>,
    pub reviewed: Option<Date>,
    #[serde(default)]
    pub sections: IndexMap<String, Text>,
    pub extra: Option<RawExtra>,
}

/// The factors of the OWASP Risk Rating Methodology, each 0..9.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOwasp {
    pub likelihood: RawOwaspLikelihood,
    pub impact: RawOwaspImpact,
}

/// Threat agent (skill, motive, opportunity, size) and vulnerability
/// (discovery, exploit, awareness, detection) factors: all eight.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOwaspLikelihood {
    pub skill: Option<f64>,
    pub motive: Option<f64>,
    pub opportunity: Option<f64>,
    pub size: Option<f64>,
    pub discovery: Option<f64>,
    pub exploit: Option<f64>,
    pub awareness: Option<f64>,
    pub detection: Option<f64>,
}

/// Technical impact (all four) and business impact (all four, or none).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOwaspImpact {
    pub confidentiality: Option<f64>,
    pub integrity: Option<f64>,
    pub availability: Option<f64>,
    pub accountability: Option<f64>,
    pub financial: Option<f64>,
    pub reputation: Option<f64>,
    pub compliance: Option<f64>,
    pub privacy: Option<f64>,
}

/// `mitigation:` / `contingency:` — one Markdown text, or a list of items.
#[derive(Debug, Clone)]
pub enum RawActions {
    Text(Scalar),
    List(Vec<RawActionItem>),
}

text_or_schema!(RawActions, "Markdown text, or a list of actions", seq => Vec<RawActionItem>);
text_or!(
    RawActions,
    "a Markdown string, or a list of strings or { action, done, due, issue }",
    Text,
    seq => List(Vec<RawActionItem>)
);

#[derive(Debug, Clone)]
pub enum RawActionItem {
    Text(Scalar),
    Item(RawActionStruct),
}

text_or_schema!(RawActionItem, "an action: text, or { action, done, due, issue, owner }", map => RawActionStruct);
text_or!(RawActionItem, "a string or { action, done, due, issue, owner }", Text, map => Item(RawActionStruct));

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActionStruct {
    pub action: Text,
    #[serde(default)]
    pub done: bool,
    pub due: Option<Date>,
    pub issue: Option<Text>,
    pub owner: Option<Text>,
}

/// `trigger:` — free text, or a structured threshold.
#[derive(Debug, Clone)]
pub enum RawTrigger {
    Text(Scalar),
    Threshold(RawThreshold),
}
text_or_schema!(RawTrigger, "a rollback trigger: Markdown text, or { metric, op, threshold, window }", map => RawThreshold);
text_or!(RawTrigger, "a string, or { metric, op, threshold, window }", Text, map => Threshold(RawThreshold));

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawThreshold {
    pub metric: Text,
    pub op: Option<Text>,
    pub threshold: Option<Text>,
    pub window: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    pub probability: f64,
    pub impact: f64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResidual {
    pub probability: Text,
    pub impact: Text,
    /// Loss events per year after the mitigations.
    pub frequency: Option<super::quant::RawEstimate>,
    /// One event's loss after the mitigations.
    pub loss: Option<super::quant::RawEstimate>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAcceptance {
    pub by: Option<Text>,
    pub date: Option<Date>,
    pub expires: Option<Date>,
    pub rationale: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub title: Text,
    #[serde(default)]
    pub body: Text,
}

#[derive(Debug, Clone)]
pub enum RawAction {
    Text(Scalar),
    Item(RawActionEntry),
}
text_or_schema!(RawAction, "a checklist item: text, or { text, done, owner, due }", map => RawActionEntry);
text_or!(RawAction, "a string or { text, done, owner, due }", Text, map => Item(RawActionEntry));

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActionEntry {
    pub text: Text,
    #[serde(default)]
    pub done: bool,
    pub owner: Option<Text>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRevision {
    pub version: Option<Text>,
    pub date: Option<Date>,
    pub author: Option<Text>,
    pub changes: Text,
}
