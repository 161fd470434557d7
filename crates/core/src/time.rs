//! UTC date-time arithmetic without a clock: callers inject "now" as Unix milliseconds.

/// A UTC instant broken into calendar fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcDateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

// Howard Hinnant's days-from-civil / civil-from-days (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

impl UtcDateTime {
    /// Break Unix milliseconds into fields.
    pub fn from_unix_millis(ms: i64) -> Self {
        let days = ms.div_euclid(86_400_000);
        let rem = ms.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        let secs = rem / 1000;
        UtcDateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
            millis: (rem % 1000) as u32,
        }
    }

    /// Back to Unix milliseconds.
    pub fn to_unix_millis(self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        days * 86_400_000
            + (self.hour as i64 * 3600 + self.minute as i64 * 60 + self.second as i64) * 1000
            + self.millis as i64
    }

    /// `20250417T130838Z`, the `x-oss-date` form.
    pub fn iso8601_basic(&self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// `2025-04-17T13:08:38Z`, for display.
    pub fn iso8601_extended(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// `2025-04-17T13:08:38.000Z`, the form OSS uses in XML bodies (`LastModified`).
    pub fn iso8601_millis(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second, self.millis
        )
    }

    /// `Thu, 17 Apr 2025 13:08:38 GMT`: the HTTP date (IMF-fixdate) of `Date` and `Last-Modified`.
    pub fn http_date(&self) -> String {
        // 1970-01-01 was a Thursday.
        let days = days_from_civil(self.year, self.month, self.day);
        let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
        let month = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        format!(
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
            self.day, self.year, self.hour, self.minute, self.second
        )
    }
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Parse an HTTP date in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`, what `Date` carries
/// and what the SDKs send for signature V1). Returns Unix milliseconds; `None` if it is not one.
/// The weekday is not checked (servers ignore it too).
pub fn parse_http_date(s: &str) -> Option<i64> {
    let rest = s.trim().split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let (day, month, year, time, zone) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || zone != "GMT" || day.len() != 2 || year.len() != 4 || time.len() != 8 {
        return None;
    }
    let num = |t: &str| -> Option<u32> { t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten() };
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let (day, year) = (num(day)?, num(year)?);
    let mut hms = time.split(':');
    let (h, m, sec) = (num(hms.next()?)?, num(hms.next()?)?, num(hms.next()?)?);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let dt = UtcDateTime { year: year as i64, month, day, hour: h, minute: m, second: sec, millis: 0 };
    Some(dt.to_unix_millis())
}

/// Parse an ISO 8601 UTC timestamp: `2025-04-17T13:08:38Z`, `…38.123Z`, `…38+00:00`, or the
/// A time typed by a person, in UTC: `2025-11-01`, `2025-11-01 08:30`, `2025-11-01 08:30:15`,
/// or full ISO 8601 (with `T`, a fraction or a zone). Unix milliseconds, or `None`.
pub fn parse_typed_utc(s: &str) -> Option<i64> {
    let t = s.trim();
    match t.len() {
        // A day: its midnight.
        10 => parse_iso8601(&format!("{t}T00:00:00Z")),
        // Hours and minutes.
        16 => parse_iso8601(&format!("{t}:00Z")),
        19 => parse_iso8601(&format!("{t}Z")),
        _ => parse_iso8601(t),
    }
}

/// basic form `20250417T130838Z`. Returns Unix milliseconds; `None` if it is not one.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (date_end, extended) = if b.get(4) == Some(&b'-') { (10, true) } else { (8, false) };
    let (y, mo, d) =
        if extended { (num(0..4)?, num(5..7)?, num(8..10)?) } else { (num(0..4)?, num(4..6)?, num(6..8)?) };
    if !matches!(b.get(date_end), Some(b'T') | Some(b't') | Some(b' ')) {
        return None;
    }
    let t = date_end + 1;
    let (h, mi, sec, mut rest) = if extended {
        (num(t..t + 2)?, num(t + 3..t + 5)?, num(t + 6..t + 8)?, t + 8)
    } else {
        (num(t..t + 2)?, num(t + 2..t + 4)?, num(t + 4..t + 6)?, t + 6)
    };
    if extended && (b.get(t + 2) != Some(&b':') || b.get(t + 5) != Some(&b':')) {
        return None;
    }
    let mut millis = 0i64;
    if b.get(rest) == Some(&b'.') {
        let start = rest + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start {
            return None;
        }
        let frac = &s[start..end.min(start + 3)];
        millis = frac.parse::<i64>().ok()? * 10i64.pow(3 - frac.len() as u32);
        rest = end;
    }
    // Byte patterns, never string slices: the suffix is outside data and may hold any UTF-8.
    let digit = |c: u8| c.is_ascii_digit().then(|| (c - b'0') as i64);
    let offset_ms = match b.get(rest..)? {
        b"Z" | b"z" => 0,
        &[sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hh, mm) = (digit(h1)? * 10 + digit(h2)?, digit(m1)? * 10 + digit(m2)?);
            if hh > 23 || mm > 59 {
                return None;
            }
            (if sign == b'-' { -1 } else { 1 }) * (hh * 60 + mm) * 60_000
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let dt = UtcDateTime {
        year: y,
        month: mo as u32,
        day: d as u32,
        hour: h as u32,
        minute: mi as u32,
        second: sec as u32,
        millis: millis as u32,
    };
    Some(dt.to_unix_millis() - offset_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_times_are_utc_at_any_precision() {
        assert_eq!(parse_typed_utc("2025-11-01"), parse_iso8601("2025-11-01T00:00:00Z"));
        assert_eq!(parse_typed_utc(" 2025-11-01 08:30 "), parse_iso8601("2025-11-01T08:30:00Z"));
        assert_eq!(parse_typed_utc("2025-11-01 08:30:15"), parse_iso8601("2025-11-01T08:30:15Z"));
        assert_eq!(parse_typed_utc("2025-11-01T08:30:15+08:00"), parse_iso8601("2025-11-01T00:30:15Z"));
        for bad in ["", "yesterday", "2025-13-01", "2025-11-01 8:30", "2025-11-01 08:30:15 UTC"] {
            assert_eq!(parse_typed_utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_known_instants() {
        // 2025-04-17T13:08:38Z, from the reference canonical request.
        let t = UtcDateTime::from_unix_millis(1_744_895_318_000);
        assert_eq!(t.iso8601_basic(), "20250417T130838Z");
        assert_eq!(t.iso8601_extended(), "2025-04-17T13:08:38Z");
        assert_eq!(UtcDateTime::from_unix_millis(0).iso8601_basic(), "19700101T000000Z");
        // Leap day.
        assert_eq!(UtcDateTime::from_unix_millis(1_709_164_800_000).iso8601_basic(), "20240229T000000Z");
    }

    #[test]
    fn parses_what_oss_and_sts_print() {
        assert_eq!(parse_iso8601("2025-04-17T13:08:38Z"), Some(1_744_895_318_000));
        assert_eq!(parse_iso8601("2025-04-17T13:08:38.250Z"), Some(1_744_895_318_250));
        assert_eq!(parse_iso8601("20250417T130838Z"), Some(1_744_895_318_000));
        assert_eq!(parse_iso8601("2025-04-17T21:08:38+08:00"), Some(1_744_895_318_000));
        for bad in ["", "2025-04-17", "2025-13-17T13:08:38Z", "yesterday", "2025-04-17T13:08:38", "2025-04-17T1:08:38Z"]
        {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
        // Zone suffixes with non-ASCII characters once panicked (slicing inside a character).
        for bad in [
            "2025-04-17T13:08:38+中文:0",
            "2025-04-17T13:08:38+0中:00",
            "2025-04-17T13:08:38é",
            "2025-04-17T13:08:38.5中",
            "2025-04-17T13:08:38+99:00",
            "2025-04-17T13:08:38+08:0é",
            "2025-04-17T13:08:38+08:00中",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
        assert_eq!(parse_iso8601("2025-04-17T05:08:38-08:00"), Some(1_744_895_318_000));
    }

    #[test]
    fn http_dates_as_rfc_9110_writes_them() {
        // The example in RFC 9110 section 5.6.7.
        assert_eq!(UtcDateTime::from_unix_millis(784_111_777_000).http_date(), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(UtcDateTime::from_unix_millis(1_744_895_318_000).http_date(), "Thu, 17 Apr 2025 13:08:38 GMT");
        assert_eq!(UtcDateTime::from_unix_millis(1_709_164_800_000).http_date(), "Thu, 29 Feb 2024 00:00:00 GMT");
        assert_eq!(UtcDateTime::from_unix_millis(-1).http_date(), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(UtcDateTime::from_unix_millis(1_744_895_318_250).iso8601_millis(), "2025-04-17T13:08:38.250Z");
    }

    #[test]
    fn parses_http_dates_and_refuses_others() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000));
        for ms in [0, 1_744_895_318_000, 4_102_444_799_000] {
            assert_eq!(parse_http_date(&UtcDateTime::from_unix_millis(ms).http_date()), Some(ms));
        }
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 +0800",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 0+ Nov 1994 08:49:37 GMT",
            "20250417T130838Z",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trips_over_centuries() {
        for ms in [-86_400_000_i64 * 365 * 100, 0, 951_782_400_000, 4_102_444_800_000, 1_744_895_318_123] {
            assert_eq!(UtcDateTime::from_unix_millis(ms).to_unix_millis(), ms);
        }
    }
}
