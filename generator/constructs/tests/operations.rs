//! `specs/operations.yaml` against wiremock: a query written into the path template becomes query
//! parameters, path-level parameters reach every method, and deprecated operations still work.

use specgen_constructs::operations::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn template_query_placeholders_become_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    client.upload_file("a b", "fax").await.expect("upload");
    #[allow(deprecated)]
    client.get_legacy(7).await.expect("legacy read");
    client.delete_legacy(7).await.expect("legacy delete");
    let requests = server.received_requests().await.unwrap_or_default();
    let seen: Vec<String> = requests
        .iter()
        .map(|r| {
            format!(
                "{} {}{}",
                r.method,
                r.url.path(),
                r.url.query().map(|q| format!("?{q}")).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "POST /uploads?mode=a%20b&convert=fax",
            "GET /legacy/7",
            "DELETE /legacy/7"
        ]
    );
}
