//! `Retry-After` parsing: delay-seconds, the three HTTP date formats, garbage, and values too large to hold.

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use specgen_runtime::RetryPolicy;
use specgen_runtime::retry::retry_after;
use std::time::Duration;

fn parsed(value: &str) -> Option<Duration> {
    let mut headers = HeaderMap::new();
    match HeaderValue::from_str(value) {
        Ok(value) => headers.insert(RETRY_AFTER, value),
        Err(error) => panic!("{value:?} is not a header value: {error}"),
    };
    retry_after(&headers)
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

#[test]
fn absent_header_asks_for_nothing() {
    assert_eq!(retry_after(&HeaderMap::new()), None);
}

#[test]
fn delay_seconds() {
    assert_eq!(parsed("0"), Some(Duration::ZERO));
    assert_eq!(parsed("1"), Some(secs(1)));
    assert_eq!(parsed("120"), Some(secs(120)));
    assert_eq!(parsed("  7 "), Some(secs(7)));
    assert_eq!(parsed("007"), Some(secs(7)));
    assert_eq!(parsed("18446744073709551615"), Some(secs(u64::MAX)));
}

#[test]
fn delay_seconds_too_large_for_u64_is_an_endless_wait() {
    // The server asks for more than any policy allows: the answer must be returned, not retried early.
    assert_eq!(parsed("18446744073709551616"), Some(Duration::MAX));
    assert_eq!(
        parsed("99999999999999999999999999999999"),
        Some(Duration::MAX)
    );
    assert_eq!(
        RetryPolicy::default().delay(1, parsed("99999999999999999999999999999999")),
        None
    );
}

#[test]
fn garbage_asks_for_nothing() {
    for garbage in [
        "",
        " ",
        "-1",
        "1.5",
        "5s",
        "soon",
        "1e3",
        "0x10",
        "12 34",
        "--",
        "Sun, 99 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "06 Nov",
        "tomorrow at noon",
    ] {
        assert_eq!(parsed(garbage), None, "{garbage:?}");
    }
}

#[test]
fn opaque_bytes_ask_for_nothing() {
    let mut headers = HeaderMap::new();
    match HeaderValue::from_bytes(b"\xff\xfe") {
        Ok(value) => headers.insert(RETRY_AFTER, value),
        Err(error) => panic!("{error}"),
    };
    assert_eq!(retry_after(&headers), None);
}

#[test]
fn http_date_in_the_past_means_now() {
    // RFC 9110's preferred format, and the two obsolete ones a recipient must still accept.
    assert_eq!(
        parsed("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(
        parsed("Sunday, 06-Nov-94 08:49:37 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(parsed("Sun Nov  6 08:49:37 1994"), Some(Duration::ZERO));
}

/// The wait asked for by a date `ahead` in the future, written with `format`; the date has whole seconds and
/// the clock moves on while the test runs, so the wait is at most `ahead` and not much less.
fn wait_until(ahead: i64, format: &str) -> Option<Duration> {
    let date = chrono::Utc::now() + chrono::Duration::seconds(ahead);
    parsed(&date.format(format).to_string())
}

fn assert_about(wait: Option<Duration>, ahead: u64) {
    match wait {
        Some(wait) => assert!(
            wait <= secs(ahead) && wait > secs(ahead - 60),
            "{wait:?} for a date {ahead} s ahead"
        ),
        None => panic!("a date {ahead} s ahead was not understood"),
    }
}

#[test]
fn http_date_in_the_future_is_the_time_until_then() {
    assert_about(wait_until(600, "%a, %d %b %Y %H:%M:%S GMT"), 600);
    assert_about(wait_until(600, "%A, %d-%b-%y %H:%M:%S GMT"), 600);
    assert_about(wait_until(600, "%a %b %e %H:%M:%S %Y"), 600);
    // Offsets other than GMT are tolerated.
    assert_about(wait_until(600, "%a, %d %b %Y %H:%M:%S +0000"), 600);
}

#[test]
fn far_future_date_is_longer_than_any_policy_allows() {
    let wait = parsed("Fri, 31 Dec 9999 23:59:59 GMT");
    let seven_thousand_years = secs(7_000 * 365 * 24 * 3600);
    assert!(
        wait.is_some_and(|wait| wait > seven_thousand_years),
        "{wait:?}"
    );
    assert_eq!(RetryPolicy::default().delay(1, wait), None);
}
