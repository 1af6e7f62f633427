//! `specs/params_path.yaml` against wiremock: every path style and explode writes the primitive, array and
//! object of OpenAPI's style examples (id=5, color=[blue,black,brown], rgb={R:100,G:200,B:150}) as the exact
//! raw path text. Object members come in spec order (R, G, B), as in the OpenAPI style table.

mod common;

use specgen_constructs::params_path::{Client, Color, Shade};
use wiremock::MockServer;

async fn setup() -> (MockServer, Client) {
    let server = common::answering_no_content("GET").await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client");
    (server, client)
}

fn colors() -> Vec<Shade> {
    vec![Shade::Blue, Shade::Black, Shade::Brown]
}

fn rgb() -> Color {
    Color {
        r: 100,
        g: 200,
        b: 150,
    }
}

async fn sent_paths(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests.iter().map(|r| r.url.path().to_owned()).collect()
}

#[tokio::test]
async fn simple_label_and_matrix_with_and_without_explode() {
    let (server, client) = setup().await;
    client
        .path_simple(5, colors(), rgb())
        .await
        .expect("simple");
    client
        .path_simple_explode(5, colors(), rgb())
        .await
        .expect("simple explode");
    client.path_label(5, colors(), rgb()).await.expect("label");
    client
        .path_label_explode(5, colors(), rgb())
        .await
        .expect("label explode");
    client
        .path_matrix(5, colors(), rgb())
        .await
        .expect("matrix");
    client
        .path_matrix_explode(5, colors(), rgb())
        .await
        .expect("matrix explode");
    assert_eq!(
        sent_paths(&server).await,
        [
            "/simple/5/blue,black,brown/R,100,G,200,B,150",
            "/simple-explode/5/blue,black,brown/R=100,G=200,B=150",
            "/label/.5/.blue,black,brown/.R,100,G,200,B,150",
            "/label-explode/.5/.blue.black.brown/.R=100.G=200.B=150",
            "/matrix/;id=5/;color=blue,black,brown/;rgb=R,100,G,200,B,150",
            "/matrix-explode/;id=5/;color=blue;color=black;color=brown/;R=100;G=200;B=150",
        ]
    );
}

#[tokio::test]
async fn values_are_percent_encoded_so_they_stay_in_their_segment() {
    let (server, client) = setup().await;
    client.path_default("a b/c?d,e").await.expect("default");
    let unknown = vec![Shade::Unknown("x/y".to_owned()), Shade::Blue];
    client
        .path_label_explode(5, unknown, rgb())
        .await
        .expect("label");
    assert_eq!(
        sent_paths(&server).await,
        [
            "/default/a%20b%2Fc%3Fd%2Ce",
            "/label-explode/.5/.x%2Fy.blue/.R=100.G=200.B=150",
        ]
    );
}

#[tokio::test]
async fn an_empty_array_or_dot_segment_is_refused_before_sending() {
    let (server, client) = setup().await;
    match client.path_simple(5, Vec::new(), rgb()).await {
        Err(specgen_constructs::runtime::Error::InvalidRequest(message)) => {
            assert!(message.contains("path parameter \"color\""), "{message}")
        }
        other => panic!("an empty array was not refused: {other:?}"),
    }
    let dot = vec![Shade::Unknown(".".to_owned())];
    assert!(client.path_label(5, dot, rgb()).await.is_err());
    assert!(sent_paths(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn json_content_is_sent_as_encoded_json_text() {
    let (server, client) = setup().await;
    client.path_json(rgb()).await.expect("json");
    assert_eq!(
        sent_paths(&server).await,
        ["/json/%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D"]
    );
}
