//! Calendar dates as written in sources (`2026-02-17`), validated when parsed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// Message prefix that marks a date error in a serde message, so the loader
/// can classify it as an `invalid-date` diagnostic.
pub const INVALID_DATE: &str = "invalid date";

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let t = text.trim();
        let shape_ok = t.len() == 10
            && t.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(format!(
                "{INVALID_DATE} `{text}`: expected YYYY-MM-DD, e.g. 2026-02-17"
            ));
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<i16>().unwrap_or(0);
        let (y, m, d) = (num(0..4), num(5..7) as i8, num(8..10) as i8);
        jiff::civil::Date::new(y, m, d)
            .map(Date)
            .map_err(|_| format!("{INVALID_DATE} `{text}`: no such day in the calendar"))
    }

    pub fn from_ymd(y: i16, m: i8, d: i8) -> Option<Date> {
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i16, i8, i8) {
        (self.0.year(), self.0.month(), self.0.day())
    }

    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` when set (reproducible builds).
    pub fn today() -> Date {
        let ts = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
            .unwrap_or_else(jiff::Timestamp::now);
        Date(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
    }

    pub fn from_unix_seconds(secs: i64) -> Option<Date> {
        jiff::Timestamp::from_second(secs)
            .ok()
            .map(|ts| Date(ts.to_zoned(jiff::tz::TimeZone::UTC).date()))
    }

    pub fn add_days(self, days: u32) -> Date {
        Date(
            self.0
                .checked_add(jiff::Span::new().days(days as i64))
                .unwrap_or(jiff::civil::Date::MAX),
        )
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later
            .0
            .since(self.0)
            .map(|s| s.get_days() as i64)
            .unwrap_or(0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = super::text::Text::deserialize(d)?;
        Date::parse(&text.0).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In the JSON Schema: a string of the one shape a date is written in.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2026-02-17").unwrap().to_string(), "2026-02-17");
        assert!(
            Date::parse("2026-02-30")
                .unwrap_err()
                .contains("no such day")
        );
        assert!(Date::parse("2026-2-3").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn arithmetic() {
        let d = Date::parse("2026-02-25").unwrap();
        assert_eq!(d.add_days(7).to_string(), "2026-03-04");
        assert_eq!(d.days_until(Date::parse("2026-03-04").unwrap()), 7);
        assert_eq!(Date::parse("2026-03-04").unwrap().days_until(d), -7);
    }
}
