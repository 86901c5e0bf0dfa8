//! Each risk's row, as every page that lists risks shows it: the view
//! (`views::RiskRow`), its template value, and its HTML as the
//! `rb.risk_row` component writes it.

use super::{Env, urls, views};
use crate::model::RiskRef;

impl Env<'_> {
    pub fn row(&self, rr: RiskRef) -> &views::RiskRow {
        self.row_at(self.row_index(rr))
    }

    /// Row `i`, in register order.
    pub fn row_at(&self, i: usize) -> &views::RiskRow {
        self.rows[i].get_or_init(|| views::risk_row(self.site, self.refs[i]))
    }

    /// Every risk's row, in register order.
    pub fn all_rows(&self) -> impl ExactSizeIterator<Item = &views::RiskRow> {
        self.fill_rows();
        (0..self.rows.len()).map(|i| self.row_at(i))
    }

    /// Makes every row not made yet, in parallel.
    pub(super) fn fill_rows(&self) {
        use rayon::prelude::*;
        (0..self.rows.len()).into_par_iter().for_each(|i| {
            self.row_at(i);
        });
    }

    /// The index of a risk's row in `rows` and `row_values`.
    pub fn row_index(&self, rr: RiskRef) -> usize {
        self.row_start[rr.register] + rr.risk
    }

    /// Row `i` (an index into `rows`) as a template value.
    pub fn row_value(&self, i: usize) -> tera::Value {
        self.row_values[i]
            .get_or_init(|| tera::Value::from_serializable(self.row_at(i)))
            .clone()
    }

    /// The rows of `risks` (indices into `rows`) as one template value.
    pub fn rows_value(&self, risks: impl IntoIterator<Item = usize>) -> tera::Value {
        tera::Value::from(
            risks
                .into_iter()
                .map(|i| self.row_value(i))
                .collect::<Vec<_>>(),
        )
    }

    /// Row `i` with `html` added: the row as the `rb.risk_row` component
    /// renders it in a table at `root` (with the register column when
    /// `register`). None when that component is missing or fails on the
    /// row; the page then renders the row itself, and reports the error.
    pub fn rendered_row(&self, i: usize, root: &str, register: bool) -> Option<tera::Value> {
        const COMPONENT: &str = "rb.risk_row";
        if let Some(row) = self.written_row(i, root, register) {
            return Some(row);
        }
        let tera = &self.templates.tera;
        if !tera.contains_component(COMPONENT) {
            return None;
        }
        let value = self.row_value(i);
        let mut ctx = tera::Context::new();
        ctx.insert_value("r", value.clone());
        ctx.insert("root", root);
        ctx.insert("register", &register);
        let html = tera.render_component(COMPONENT, &ctx, None, true).ok()?;
        Self::with_html(&value, &html)
    }

    /// Row `i` with `html` written by `row_html`, without Tera: only while
    /// the row component is the built-in one.
    fn written_row(&self, i: usize, root: &str, register: bool) -> Option<tera::Value> {
        if !self.templates.is_builtin("components.html") {
            return None;
        }
        let value = self.row_value(i);
        let html = super::row_html::risk_row(self.row_at(i), root, register);
        Some(Self::with_html(&value, &html).unwrap_or(value))
    }

    /// A row's template value with `html` added.
    fn with_html(value: &tera::Value, html: &str) -> Option<tera::Value> {
        let mut row = value.as_map()?.clone();
        row.insert("html".into(), tera::Value::safe_string(html));
        Some(tera::Value::from(row))
    }

    /// The rows of `risks` (indices into `rows`) for one table at `root`:
    /// each with its `html` while the row component is the built-in one
    /// (`written_row`); else plain rows, which the table renders through
    /// the site's component.
    pub fn table_rows_value(
        &self,
        risks: impl IntoIterator<Item = usize>,
        root: &str,
        register: bool,
    ) -> tera::Value {
        tera::Value::from(
            risks
                .into_iter()
                .map(|i| {
                    self.written_row(i, root, register)
                        .unwrap_or_else(|| self.row_value(i))
                })
                .collect::<Vec<_>>(),
        )
    }

    /// Row `i` as the related-risk tables of a risk's page show it (at
    /// `urls::RISK_PAGE_ROOT`, with the register column), rendered once:
    /// a risk is in the tables of every risk it names and that names it.
    pub fn related_row(&self, i: usize) -> tera::Value {
        self.related_rows[i]
            .get_or_init(|| {
                self.rendered_row(i, urls::RISK_PAGE_ROOT, true)
                    .unwrap_or_else(|| self.row_value(i))
            })
            .clone()
    }
}
