//! Typed YAML: serde_yaml for the values, the span index for their places,
//! and serde's errors turned into located diagnostics.

use super::spans::{self, SpanIndex, YamlPath};
use crate::diagnostics::suggest;
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use serde::de::DeserializeOwned;

/// A parsed YAML file: the typed value and where each of its nodes is.
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanIndex,
}

/// Parses `file` as `T`; an empty document (nothing but comments) is `T`'s
/// default, as for `site.yaml`, where every key is optional.
pub fn parse_or_default<T: DeserializeOwned + Default>(
    file: &SourceFile,
) -> Result<Parsed<T>, Diagnostic> {
    parse_with(file, || Ok(T::default()))
}

/// Parses `file` as `T`. `what` names the document in messages ("register").
pub fn parse<T: DeserializeOwned>(file: &SourceFile, what: &str) -> Result<Parsed<T>, Diagnostic> {
    parse_with(file, || {
        Err(Diagnostic::new(
            Code::MissingKey,
            Location::new(&file.path, Some(file.span(0..0))),
            format!("the {what} file is empty"),
        )
        .with_help(format!(
            "a {what} is a YAML mapping; see `riskbook schema` for its keys"
        )))
    })
}

/// Parses `file` as `T`, or takes `when_empty` for a document with no node.
fn parse_with<T: DeserializeOwned>(
    file: &SourceFile,
    when_empty: impl FnOnce() -> Result<T, Diagnostic>,
) -> Result<Parsed<T>, Diagnostic> {
    let spans = spans::index(file).map_err(|e| {
        let d = Diagnostic::new(
            Code::YamlSyntax,
            Location::new(&file.path, Some(e.span)),
            format!("YAML syntax error: {}", e.message),
        );
        if e.message.contains("recursion limit") {
            d.with_help("the YAML is nested too deeply")
        } else {
            d
        }
    })?;
    if spans.is_empty() {
        return when_empty().map(|value| Parsed { value, spans });
    }
    // Tracking the path costs on every node, and only a failure needs it:
    // a document that fails is read a second time, with the tracking.
    if let Ok(value) = T::deserialize(serde_yaml::Deserializer::from_str(&file.text)) {
        return Ok(Parsed { value, spans });
    }
    let de = serde_yaml::Deserializer::from_str(&file.text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(value) => Ok(Parsed { value, spans }),
        Err(err) => {
            let path = YamlPath::from_serde(err.path());
            Err(serde_error(file, &spans, &path, err.inner()))
        }
    }
}

/// serde_yaml prefixes nested errors with their path (`risks[1].owner: `)
/// and appends " at line L column C"; the diagnostic carries both itself.
fn strip_position(message: &str) -> &str {
    let message = match message.split_once(": ") {
        Some((path, rest)) if !path.is_empty() && !path.contains(' ') => rest,
        _ => message,
    };
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// libyaml's scanner and parser errors, as serde_yaml passes them on.
fn is_syntax(message: &str) -> bool {
    [
        "while scanning",
        "while parsing",
        "could not find expected",
        "did not find expected",
        "mapping values are not allowed",
        "found character that cannot start",
        "found unexpected end of stream",
        "control characters are not allowed",
    ]
    .iter()
    .any(|p| message.contains(p))
}

/// The text between the first pair of backticks after `prefix`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split('`').next()
}

/// The names in serde's "expected one of `a`, `b`" tail.
fn expected_names(message: &str) -> Vec<&str> {
    match message.find("expected ") {
        Some(i) => message[i..].split('`').skip(1).step_by(2).collect(),
        None => Vec::new(),
    }
}

fn serde_error(
    file: &SourceFile,
    spans: &SpanIndex,
    path: &YamlPath,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let full = err.to_string();
    let message = strip_position(&full);
    // Where serde_yaml itself stopped, when the path does not lead anywhere.
    let fallback = err
        .location()
        .map(|l| file.span_at(l.line(), l.column(), 1));
    let at_value = spans.exact(path).or(fallback).or_else(|| spans.value(path));
    let loc = |span| Location::new(&file.path, span);

    if let Some(field) = quoted_after(message, "unknown field ") {
        let known = expected_names(message);
        // serde_path_to_error may or may not have recorded the unknown key itself.
        let names_field = path.as_str() == field || path.as_str().ends_with(&format!(".{field}"));
        let key_path = if spans.exact(path).is_some() && names_field {
            path.clone()
        } else {
            path.key(field)
        };
        let span = spans
            .exact(&key_path)
            .and(spans.key(&key_path))
            .or(fallback);
        let help = match suggest::nearest(field, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (custom data goes under `extra`)"),
            None => format!(
                "known keys: {}; custom data goes under `extra`",
                known.join(", ")
            ),
        };
        return Diagnostic::new(
            Code::UnknownKey,
            loc(span),
            format!("unknown key `{field}`"),
        )
        .with_label("not a known key here")
        .with_help(help);
    }
    if let Some(variant) = quoted_after(message, "unknown variant ") {
        let known = expected_names(message);
        return Diagnostic::new(
            Code::UnknownValue,
            loc(at_value),
            format!("unknown value `{variant}` for `{}`", path.as_str()),
        )
        .with_help_opt(
            suggest::nearest(variant, known.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some(format!("expected one of: {}", known.join(", ")))),
        );
    }
    if let Some(field) = quoted_after(message, "missing field ") {
        let span = spans.value(path).or(fallback);
        return missing_key(loc(span), path, field);
    }
    if message.contains(crate::model::INVALID_DATE) {
        let text = message
            .find(crate::model::INVALID_DATE)
            .map(|i| &message[i..])
            .unwrap_or(message);
        return Diagnostic::new(Code::InvalidDate, loc(at_value), text.to_string())
            .with_label("not a valid date");
    }
    if is_syntax(message) {
        // libyaml (under serde_yaml) stopped where yaml-rust2 did not, e.g.
        // on a NEL or LS character, which YAML 1.1 takes for a line break.
        return Diagnostic::new(
            Code::YamlSyntax,
            loc(fallback.or(at_value)),
            format!("YAML syntax error: {message}"),
        )
        .with_help("check the quoting and indentation on this line, and for invisible line-break characters");
    }
    if message.contains("recursion limit") {
        return Diagnostic::new(
            Code::YamlSyntax,
            loc(at_value),
            "the YAML is nested too deeply",
        )
        .with_help("riskbook reads at most 128 levels of nesting");
    }
    let p = path.as_str();
    let at = match p.char_indices().rev().nth(60) {
        _ if p.is_empty() => String::new(),
        Some((i, _)) => format!(" at `…{}`", &p[i..]),
        None => format!(" at `{p}`"),
    };
    Diagnostic::new(Code::WrongType, loc(at_value), format!("{message}{at}"))
}

/// `missing-key`: `owner` (a mapping at that path) lacks `field`.
pub fn missing_key(at: Location, owner: &YamlPath, field: &str) -> Diagnostic {
    let owner = if owner.as_str().is_empty() {
        "the document".to_string()
    } else {
        format!("`{}`", owner.as_str())
    };
    Diagnostic::new(
        Code::MissingKey,
        at,
        format!("missing required key `{field}` in {owner}"),
    )
    .with_label(format!("add `{field}:` here"))
}
