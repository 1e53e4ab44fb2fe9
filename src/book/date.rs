//! Partial dates that keep their precision: `2025`, `2025-H1`, `2025-Q3`, `2025-10`, `2025-10-06`.

use std::fmt;

/// How precisely a date is known. A date written `2025` stays a year; it never becomes 2025-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Half,
    Quarter,
    Month,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: u16,
    pub precision: Precision,
    /// Half (1–2), quarter (1–4) or month (1–12), by precision; 0 for a year.
    pub part: u8,
    /// Day of the month for `Precision::Day`, else 0.
    pub day: u8,
}

/// Why a date did not parse; the text says what would be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl Date {
    /// Parses a deal or source date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let date = Self::parse_any(text)?;
        let text = super::diag::clip(text, 40);
        match date.precision {
            Precision::Half | Precision::Quarter => Err(DateError(format!(
                "'{text}' is a {} — only metrics take halves and quarters; write YYYY, YYYY-MM or YYYY-MM-DD",
                if date.precision == Precision::Half {
                    "half-year"
                } else {
                    "quarter"
                }
            ))),
            _ => Ok(date),
        }
    }

    /// Parses a metric date, which also accepts `YYYY-Qn` and `YYYY-Hn`.
    pub fn parse_metric(text: &str) -> Result<Date, DateError> {
        Self::parse_any(text)
    }

    fn parse_any(input: &str) -> Result<Date, DateError> {
        // Messages quote the value, clipped: a 5 MB "date" must not make a 5 MB message.
        let text = &super::diag::clip(input, 40);
        let bad = || {
            DateError(format!(
                "'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (metrics also take YYYY-Qn and YYYY-Hn)"
            ))
        };
        let t = input.trim();
        let mut parts = t.split('-');
        let year_s = parts.next().ok_or_else(bad)?;
        if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: u16 = year_s.parse().map_err(|_| bad())?;
        let Some(second) = parts.next() else {
            return Ok(Date {
                year,
                precision: Precision::Year,
                part: 0,
                day: 0,
            });
        };
        let upper = second.to_ascii_uppercase();
        if let Some(n) = upper.strip_prefix('Q').or_else(|| upper.strip_prefix('H')) {
            let half = upper.starts_with('H');
            let max = if half { 2 } else { 4 };
            let part: u8 = n.parse().map_err(|_| bad())?;
            if parts.next().is_some() || n.len() != 1 || part == 0 || part > max {
                return Err(bad());
            }
            return Ok(Date {
                year,
                precision: if half {
                    Precision::Half
                } else {
                    Precision::Quarter
                },
                part,
                day: 0,
            });
        }
        if second.len() != 2 || !second.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let month: u8 = second.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(DateError(format!(
                "'{text}' has month {month}; months run from 01 to 12"
            )));
        }
        let Some(third) = parts.next() else {
            return Ok(Date {
                year,
                precision: Precision::Month,
                part: month,
                day: 0,
            });
        };
        if third.len() != 2 || !third.bytes().all(|b| b.is_ascii_digit()) || parts.next().is_some()
        {
            return Err(bad());
        }
        let day: u8 = third.parse().map_err(|_| bad())?;
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(DateError(format!(
                "'{text}' has day {day}; {year}-{month:02} has days 01 to {last}"
            )));
        }
        Ok(Date {
            year,
            precision: Precision::Day,
            part: month,
            day,
        })
    }

    /// The first month this date covers, for ordering dates of different precision.
    fn start_month(&self) -> u8 {
        match self.precision {
            Precision::Year => 1,
            Precision::Half => (self.part - 1) * 6 + 1,
            Precision::Quarter => (self.part - 1) * 3 + 1,
            Precision::Month | Precision::Day => self.part,
        }
    }

    /// The days this date covers, first and last, as `YYYYMMDD` numbers (a month ends on its
    /// 31st: the numbers are for comparing, not for printing): `2025` is 20250101..=20251231,
    /// `2025-H1` 20250101..=20250631. Filters compare these as intervals.
    pub fn span(&self) -> (u32, u32) {
        let y = u32::from(self.year) * 10_000;
        let first = u32::from(self.start_month());
        let last = match self.precision {
            Precision::Year => 12,
            Precision::Half => first + 5,
            Precision::Quarter => first + 2,
            Precision::Month | Precision::Day => first,
        };
        match self.precision {
            Precision::Day => {
                let d = y + first * 100 + u32::from(self.day);
                (d, d)
            }
            _ => (y + first * 100 + 1, y + last * 100 + 31),
        }
    }

    /// A key that orders dates chronologically by their start; a coarser date sorts before a finer
    /// one that starts at the same time.
    pub fn sort_key(&self) -> (u16, u8, u8, u8) {
        let rank = match self.precision {
            Precision::Year => 0,
            Precision::Half => 1,
            Precision::Quarter => 2,
            Precision::Month => 3,
            Precision::Day => 4,
        };
        (self.year, self.start_month(), self.day, rank)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// The date as it is written in a book: `2025`, `2025-H1`, `2025-Q3`, `2025-10`, `2025-10-06`;
    /// the one form the panes, the CLI and copies show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{}", self.year),
            Precision::Half => write!(f, "{}-H{}", self.year, self.part),
            Precision::Quarter => write!(f, "{}-Q{}", self.year, self.part),
            Precision::Month => write!(f, "{}-{:02}", self.year, self.part),
            Precision::Day => write!(f, "{}-{:02}-{:02}", self.year, self.part, self.day),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_precision_when_written_back() {
        for text in ["2025", "2025-10", "2025-10-06", "2024-02-29"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        for text in ["2025-H1", "2025-Q3"] {
            assert_eq!(Date::parse_metric(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Date::parse("2025").unwrap().precision,
            Precision::Year,
            "a year must not become a day"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date_with_a_reason() {
        let err = Date::parse("2025-13").unwrap_err().0;
        assert!(err.contains("months run from 01 to 12"), "{err}");
        let err = Date::parse("2023-02-29").unwrap_err().0;
        assert!(err.contains("days 01 to 28"), "{err}");
        let err = Date::parse("2025-Q1").unwrap_err().0;
        assert!(err.contains("only metrics"), "{err}");
        for text in [
            "",
            "25",
            "2025-1",
            "2025-10-6",
            "last year",
            "2025-Q5",
            "2025-H0",
            "2025-10-06-01",
        ] {
            assert!(Date::parse_metric(text).is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn orders_mixed_precisions_by_start() {
        let mut dates: Vec<Date> = ["2025-10", "2025", "2024-12-31", "2025-H2", "2025-Q2"]
            .iter()
            .map(|t| Date::parse_metric(t).unwrap())
            .collect();
        dates.sort_by_key(Date::sort_key);
        let written: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(
            written,
            ["2024-12-31", "2025", "2025-Q2", "2025-H2", "2025-10"]
        );
    }
}
