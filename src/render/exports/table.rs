//! The table of risks: one row per risk, the same columns in `risks.csv`
//! and in the first sheet of `risks.xlsx`. Each cell is typed (text,
//! number, yes/no, date, level), so the spreadsheet holds numbers as
//! numbers and dates as dates, and CSV writes each as text.

use super::{ExportAction, export_risk};
use crate::model::{Date, Site};
use crate::render::views::num;
use std::borrow::Cow;
use std::io::{self, Write};

/// The columns, in order.
pub const COLUMNS: [&str; 34] = [
    "register",
    "id",
    "title",
    "status",
    "active",
    "category",
    "probability",
    "impact",
    "score",
    "level",
    "severity",
    "owners",
    "watchlist",
    "description",
    "mitigation",
    "contingency",
    "trigger",
    "signals",
    "playbooks",
    "related",
    "issues",
    "tags",
    "reviewed",
    "review_due",
    "acceptance_by",
    "acceptance_expires",
    "url",
    "source",
    "cvss",
    "expected_annual_loss",
    "probability_of_loss",
    "p95_annual_loss",
    "residual_expected_annual_loss",
    "factors",
];

/// One cell of the table.
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(Option<f64>),
    Bool(bool),
    Date(Option<Date>),
    /// A level's or a severity's id, with its colours (background, text;
    /// `None` when unrated).
    Badge(&'a str, Option<(&'a str, &'a str)>),
}

impl Cell<'_> {
    /// The cell as CSV writes it.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) => Cow::Owned(n.map(num).unwrap_or_default()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Cell::Date(d) => Cow::Owned(d.map(|d| d.to_string()).unwrap_or_default()),
            Cell::Badge(id, _) => Cow::Borrowed(id),
        }
    }
}

/// Every risk's row, in register order.
pub fn rows(site: &Site) -> impl Iterator<Item = Vec<Cell<'_>>> {
    site.all_risks().map(move |rr| {
        let e = export_risk(site, rr);
        let fw = &site.registers[rr.register].framework;
        let level = site.risk(rr).level();
        let level_colours = level.map(|l| {
            let l = &fw.levels[l];
            (l.color.as_str(), l.text_color.as_str())
        });
        let severity_colours = level.map(|l| {
            let s = fw.severity(l);
            (s.color.as_str(), s.text_color.as_str())
        });
        let join = |v: &[&str]| Cell::Text(Cow::Owned(v.join("; ")));
        let strs = |v: &'_ [String]| join(&v.iter().map(String::as_str).collect::<Vec<_>>());
        let acts = |a: &Option<Vec<ExportAction>>| match a {
            Some(v) => join(&v.iter().map(|x| x.text).collect::<Vec<_>>()),
            None => Cell::Text(Cow::Borrowed("")),
        };
        let date = |d: Option<&str>| Cell::Date(d.and_then(|d| Date::parse(d).ok()));
        let text = |t: &str| Cell::Text(Cow::Owned(t.to_string()));
        let acc = e.acceptance.as_ref();
        let quant = site.risk(rr).quant.as_ref();
        // Whole currency units, probabilities to four decimals: what a
        // spreadsheet reader needs, without the simulation's noise digits.
        let amount = |x: Option<f64>| Cell::Number(x.map(f64::round));
        let probability = |x: Option<f64>| Cell::Number(x.map(|x| (x * 1e4).round() / 1e4));
        vec![
            text(e.register),
            text(e.id),
            text(e.title),
            text(e.status),
            Cell::Bool(e.active),
            text(e.category.unwrap_or("")),
            text(e.probability.text),
            text(e.impact.text),
            Cell::Number(e.score),
            Cell::Badge(e.level, level_colours),
            Cell::Badge(e.severity, severity_colours),
            strs(e.owners),
            Cell::Bool(e.watchlist),
            text(e.description.unwrap_or("").trim()),
            acts(&e.mitigation),
            acts(&e.contingency),
            text(
                e.trigger
                    .as_ref()
                    .and_then(|t| t["text"].as_str())
                    .unwrap_or(""),
            ),
            join(&e.signals),
            join(&e.playbooks),
            join(&e.related),
            strs(e.issues),
            strs(e.tags),
            date(e.reviewed.as_deref()),
            date(e.review_due.as_deref()),
            text(acc.and_then(|a| a["by"].as_str()).unwrap_or("")),
            date(acc.and_then(|a| a["expires"].as_str())),
            text(&e.url),
            text(&e.source),
            text(match &site.risk(rr).factors {
                Some(crate::model::Factors::Cvss(c)) => &c.vector,
                _ => "",
            }),
            // Losses in money, in the site's currency (empty when not quantified).
            amount(quant.and_then(|q| q.figures.as_ref()).map(|f| f.mean)),
            probability(quant.and_then(|q| q.figures.as_ref()).map(|f| f.p_any)),
            amount(quant.and_then(|q| q.figures.as_ref()).map(|f| f.p95)),
            amount(
                quant
                    .and_then(|q| q.residual_figures.as_ref())
                    .map(|f| f.mean),
            ),
            // `skill=6; motive=4; ...`: OWASP's or the register's own
            // factors, which `import` reads back.
            Cell::Text(Cow::Owned(
                site.risk(rr)
                    .factors
                    .as_ref()
                    .map(|f| {
                        f.values()
                            .iter()
                            .map(|(id, v)| format!("{id}={}", num(*v)))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default(),
            )),
        ]
    })
}

/// `risks.csv`: RFC 4180, one row per risk, list fields joined with `; `;
/// written to `w` as it is made.
pub fn write_risks_csv(site: &Site, w: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    w.write_record(COLUMNS)?;
    for row in rows(site) {
        w.write_record(row.iter().map(|c| c.text().into_owned()))?;
    }
    w.flush()
}
