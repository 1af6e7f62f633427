//! Every call records a `tracing` span with its operation, method, path, attempt and status, and no
//! secret. Alone in its test binary: `tracing` caches per call site whether anyone listens, which
//! tests running at the same time on other threads would disturb.

use billing_clients::billing_booth_one::Client;
use billing_clients::runtime::RetryPolicy;
use std::sync::{Arc, Mutex};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Collects the fields recorded on spans named `specgen.call`.
#[derive(Clone, Default)]
struct Recorder {
    fields: Arc<Mutex<Vec<(String, String)>>>,
}

struct Visitor<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = self.fields.lock().expect("fields");
        fields.push(("span".to_owned(), span.metadata().name().to_owned()));
        span.record(&mut Visitor(&mut fields));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Visitor(&mut self.fields.lock().expect("fields")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Visitor(&mut self.fields.lock().expect("fields")));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn each_call_records_a_span_with_operation_path_attempt_and_status_but_no_secret() {
    let server = MockServer::start().await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/customer/42/access"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"limit":25,"offset":0,"count":0,"data":[]}"#,
            "application/json",
        ))
        .with_priority(2)
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_auth("bbo-secret-token")
        .retry(RetryPolicy::default().initial_backoff(std::time::Duration::from_millis(1)))
        .build()
        .expect("client builds");
    client
        .list_customer_access_users(42)
        .search("private term")
        .await
        .expect("the retry succeeds");
    let fields = recorder.fields.lock().expect("fields").clone();
    let value = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
            .collect()
    };
    assert_eq!(value("span"), ["specgen.call"]);
    assert_eq!(value("operation"), ["listCustomerAccessUsers"]);
    assert_eq!(value("method"), ["GET"]);
    assert_eq!(value("path"), ["/customer/42/access"]);
    assert_eq!(value("attempt").first().map(String::as_str), Some("1"));
    assert_eq!(value("attempt").last().map(String::as_str), Some("2"));
    assert_eq!(value("status"), ["503", "200"]);
    let everything = format!("{fields:?}");
    assert!(!everything.contains("bbo-secret-token"), "{everything}");
    assert!(
        !everything.contains("private"),
        "query values stay out: {everything}"
    );
}
