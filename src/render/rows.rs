//! Each risk's row, as every page that lists risks shows it: the view
//! (`views::RiskRow`), its template value, and its HTML in a risk table.

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

    /// Row `i` in a risk table on a page at `root` (with the register
    /// column when `register`): the site's own `rb.risk_row` when its
    /// `components.html` defines one, else the built-in row
    /// (`components::risk_row`). A row the site's component fails on is
    /// the built-in one, and the failure is reported once
    /// (`take_row_error`).
    pub fn row_html(&self, i: usize, root: &str, register: bool) -> String {
        const COMPONENT: &str = "rb.risk_row";
        let tera = &self.templates.tera;
        if tera.contains_component(COMPONENT) {
            let mut ctx = tera::Context::new();
            ctx.insert_value("r", self.row_value(i));
            ctx.insert("root", root);
            ctx.insert("register", &register);
            match tera.render_component(COMPONENT, &ctx, None, true) {
                Ok(html) => return html,
                Err(e) => {
                    let mut first = self.row_error.lock().unwrap_or_else(|p| p.into_inner());
                    first.get_or_insert_with(|| {
                        super::template_error("components.html", &self.row_at(i).url, &e)
                    });
                }
            }
        }
        super::components::risk_row(self.row_at(i), root, register)
    }

    /// The first failure of the site's `rb.risk_row`, if any.
    pub(super) fn take_row_error(&self) -> Option<crate::diagnostics::Diagnostic> {
        self.row_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }

    /// Row `i` as a risk table at `root` gets it: every field of the row
    /// and its `html` (`row_html`).
    pub fn table_row(&self, i: usize, root: &str, register: bool) -> tera::Value {
        let value = self.row_value(i);
        let html = self.row_html(i, root, register);
        let Some(map) = value.as_map() else {
            return value;
        };
        let mut row = map.clone();
        row.insert("html".into(), tera::Value::safe_string(&html));
        tera::Value::from(row)
    }

    /// The rows of `risks` (indices into `rows`) for one table at `root`
    /// (`table_row`).
    pub fn table_rows_value(
        &self,
        risks: impl IntoIterator<Item = usize>,
        root: &str,
        register: bool,
    ) -> tera::Value {
        tera::Value::from(
            risks
                .into_iter()
                .map(|i| self.table_row(i, root, register))
                .collect::<Vec<_>>(),
        )
    }

    /// Row `i` as the related-risk tables of a risk's page show it (at
    /// `urls::RISK_PAGE_ROOT`, with the register column), made once: a
    /// risk is in the tables of every risk it names and that names it.
    pub fn related_row(&self, i: usize) -> tera::Value {
        self.related_rows[i]
            .get_or_init(|| self.table_row(i, urls::RISK_PAGE_ROOT, true))
            .clone()
    }
}
