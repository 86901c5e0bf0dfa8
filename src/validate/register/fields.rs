//! What every part of a register is validated with: the file's locator,
//! the framework its ratings are on, the diagnostics so far, and the
//! conversions of its common fields (texts that must not be blank,
//! owners, ratings on a scale, actions).

use crate::diagnostics::{Code, Diagnostic};
use crate::load::spans::YamlPath;
use crate::model::{ActionItem, Actions, Framework, Markdown, Rating, Scale};
use crate::source::register::{RawActionItem, RawActions};
use crate::source::text::{OneOrMany, Text};
use crate::validate::locator::Locator;

pub(super) struct Ctx<'a> {
    pub(super) loc: Locator<'a>,
    pub(super) fw: &'a Framework,
    /// A cell, so the field conversions below can all take `&self`.
    pub(super) diags: std::cell::RefCell<Vec<Diagnostic>>,
}

impl Ctx<'_> {
    pub(super) fn md(&self, text: &Text, path: &YamlPath) -> Markdown {
        Markdown {
            text: text.0.clone(),
            origin: self.loc.at(path),
        }
    }

    /// Markdown from the scalar arm of an either-form, as written.
    pub(super) fn md_scalar(&self, s: &crate::source::text::Scalar, path: &YamlPath) -> Markdown {
        Markdown {
            text: self.loc.written(s, path),
            origin: self.loc.at(path),
        }
    }

    pub(super) fn owners(&self, raw: &Option<OneOrMany>, path: &YamlPath) -> Vec<String> {
        match raw {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![self.loc.written(s, path).trim().to_string()],
            Some(OneOrMany::Many(v)) => v.iter().map(|t| t.0.trim().to_string()).collect(),
        }
        .into_iter()
        .filter(|o| !o.is_empty())
        .collect()
    }

    /// A key the risk must have: its value (checked not blank), or a
    /// `missing-key` error at the risk and an empty text.
    pub(super) fn required_key(&self, t: &Option<Text>, risk: &YamlPath, key: &str) -> String {
        match t {
            Some(t) => self.required(t, &risk.key(key), key),
            None => {
                self.diags.borrow_mut().push(crate::load::yaml::missing_key(
                    self.loc.at(risk),
                    risk,
                    key,
                ));
                String::new()
            }
        }
    }

    pub(super) fn required(&self, t: &Text, path: &YamlPath, what: &str) -> String {
        self.loc
            .required(t, path, what, &mut self.diags.borrow_mut())
    }

    /// Markdown that must not be blank (the text of an action, a revision).
    pub(super) fn md_required(&self, t: &Text, path: &YamlPath, what: &str) -> Markdown {
        self.required(t, path, what);
        self.md(t, path)
    }

    pub(super) fn rating(
        &mut self,
        scale: &Scale,
        written: &str,
        what: &str,
        path: &YamlPath,
    ) -> Option<Rating> {
        if written.trim().is_empty() {
            return None; // reported as an empty required value
        }
        match scale.rate(written) {
            Ok(r) => Some(r),
            Err(e) => {
                let known = scale.ids().collect::<Vec<_>>().join(", ");
                self.diags.borrow_mut().push(
                    Diagnostic::new(
                        Code::UnknownValue,
                        self.loc.at(path),
                        format!("unknown {what} `{}`", e.part),
                    )
                    .with_label(format!("not on the {what} scale"))
                    .with_help(match e.suggestion {
                        Some(s) => format!("did you mean `{s}`? ({what} is one of: {known})"),
                        None => format!("{what} is one of: {known}"),
                    }),
                );
                None
            }
        }
    }

    pub(super) fn actions(&self, raw: &RawActions, path: &YamlPath) -> Actions {
        match raw {
            RawActions::Text(t) => Actions::Text(self.md_scalar(t, path)),
            RawActions::List(items) => Actions::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let p = path.index(i);
                        match item {
                            RawActionItem::Text(t) => ActionItem {
                                text: self.md_scalar(t, &p),
                                done: None,
                                due: None,
                                issue: None,
                                owner: None,
                            },
                            RawActionItem::Item(a) => ActionItem {
                                text: self.md_required(&a.action, &p.key("action"), "the action"),
                                done: Some(a.done),
                                due: a.due,
                                issue: a.issue.as_ref().map(|t| t.0.clone()),
                                owner: a.owner.as_ref().map(|t| t.0.clone()),
                            },
                        }
                    })
                    .collect(),
            ),
        }
    }
}
