//! Durations (`250ms`, `5s`, `2m`, bare seconds) and sizes (`512KiB`, `1MiB`, bare bytes).

use std::time::Duration;

/// Parse a duration as the SPEC writes them. A bare number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, unit) = split_unit(t);
    if num.is_empty() {
        return Err(format!(
            "`{s}` is not a duration (expected e.g. 250ms, 5s, 2m)"
        ));
    }
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (expected e.g. 250ms, 5s, 2m)"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(format!("`{s}` is not a positive duration"));
    }
    let secs = match unit {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!(
                "unknown duration unit `{other}` in `{s}` (use ms, s, m or h)"
            ));
        }
    };
    if secs > 86_400.0 * 365.0 {
        return Err(format!("`{s}` is longer than a year"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Parse a size. A bare number is bytes; KB/MB are decimal, KiB/MiB binary.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, unit) = split_unit(t);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (expected e.g. 512KiB, 1MiB, 2048)"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(format!("`{s}` is not a positive size"));
    }
    let mult: f64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "kib" | "k" => 1024.0,
        "mib" | "m" => 1024.0 * 1024.0,
        "gib" | "g" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "unknown size unit `{unit}` in `{s}` (use B, KiB, MiB, GiB, KB, MB)"
            ));
        }
    };
    let v = n * mult;
    if v > u64::MAX as f64 / 2.0 {
        return Err(format!("`{s}` is too large"));
    }
    Ok(v as u64)
}

fn split_unit(t: &str) -> (&str, &str) {
    let i = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    (t[..i].trim(), t[i..].trim())
}

/// Human form of a duration for messages: `250ms`, `5s`, `1.5s`.
pub fn fmt_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{}ms", ms.round() as u64)
    } else if (ms / 1000.0).fract() == 0.0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.2}s", d.as_secs_f64())
    }
}

/// Human form of a byte count: `512 B`, `1.0 KiB`, `3.2 MiB`.
pub fn fmt_size(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("1MiB"), Ok(1024 * 1024));
        assert_eq!(parse_size("2048"), Ok(2048));
        assert_eq!(parse_size("1MB"), Ok(1_000_000));
        assert!(parse_size("big").is_err());
    }

    #[test]
    fn formats() {
        assert_eq!(fmt_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(fmt_duration(Duration::from_secs(5)), "5s");
        assert_eq!(fmt_size(2048), "2.0 KiB");
    }
}
