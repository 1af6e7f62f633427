//! `specs/params_query.yaml` against wiremock: every query style writes OpenAPI's style examples (id=5,
//! color=[blue,black,brown], rgb={R:100,G:200,B:150}) as the exact raw query string; keyword and colliding
//! names get distinct Rust names but keep their wire names; an operation without operationId gets a readable
//! name. Object members come in spec order (R, G, B), as in the OpenAPI style table.

mod common;

use specgen_constructs::params_query::{
    Client, Color, QueryDeepObjectFilter, QueryDeepObjectFilterRange, Shade,
};
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

fn words() -> Vec<String> {
    ["blue", "black", "brown"].map(String::from).to_vec()
}

fn rgb() -> Color {
    Color {
        r: 100,
        g: 200,
        b: 150,
    }
}

/// Each request's path and raw query string, in order.
async fn sent(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn form_with_and_without_explode() {
    let (server, client) = setup().await;
    client
        .query_form(5)
        .color(colors())
        .rgb(rgb())
        .await
        .expect("form");
    client
        .query_form_unexploded(5)
        .color(colors())
        .rgb(rgb())
        .await
        .expect("form unexploded");
    assert_eq!(
        sent(&server).await,
        [
            "/form?id=5&color=blue&color=black&color=brown&R=100&G=200&B=150",
            "/form-unexploded?id=5&color=blue,black,brown&rgb=R,100,G,200,B,150",
        ]
    );
}

#[tokio::test]
async fn optional_arrays_unset_or_empty_are_not_sent() {
    let (server, client) = setup().await;
    client.query_form(5).await.expect("unset");
    client.query_form(5).color(Vec::new()).await.expect("empty");
    client
        .query_form_unexploded(5)
        .color(Vec::new())
        .await
        .expect("empty unexploded");
    assert_eq!(
        sent(&server).await,
        ["/form?id=5", "/form?id=5", "/form-unexploded?id=5"]
    );
}

#[tokio::test]
async fn space_and_pipe_delimited() {
    let (server, client) = setup().await;
    client
        .query_space_delimited()
        .color(words())
        .rgb(rgb())
        .await
        .expect("space");
    client
        .query_pipe_delimited()
        .color(words())
        .rgb(rgb())
        .await
        .expect("pipe");
    // A separator character inside a value is encoded, so it cannot be mistaken for one.
    client
        .query_pipe_delimited()
        .color(vec!["a|b".to_owned(), "c d".to_owned()])
        .await
        .expect("pipe with separators in values");
    assert_eq!(
        sent(&server).await,
        [
            "/space?color=blue%20black%20brown&rgb=R%20100%20G%20200%20B%20150",
            "/pipe?color=blue|black|brown&rgb=R|100|G|200|B|150",
            "/pipe?color=a%7Cb|c%20d",
        ]
    );
}

#[tokio::test]
async fn deep_object_with_nested_objects_and_maps() {
    let (server, client) = setup().await;
    let filter = QueryDeepObjectFilter {
        name: Some("x y".to_owned()),
        range: Some(QueryDeepObjectFilterRange {
            max: Some(9),
            min: None,
        }),
    };
    let tags = [("k[1]".to_owned(), "v&w".to_owned())]
        .into_iter()
        .collect();
    client
        .query_deep_object()
        .rgb(rgb())
        .filter(filter)
        .tags(tags)
        .await
        .expect("deepObject");
    assert_eq!(
        sent(&server).await,
        [
            "/deep?rgb[R]=100&rgb[G]=200&rgb[B]=150&filter[name]=x%20y&filter[range][max]=9&tags[k%5B1%5D]=v%26w"
        ]
    );
}

#[tokio::test]
async fn json_content_reserved_characters_and_encoding() {
    let (server, client) = setup().await;
    client.query_json(rgb()).await.expect("json");
    client
        .query_reserved()
        .raw("a/b:c,d@e")
        .encoded("a b&c=d+e%f/é")
        .await
        .expect("reserved");
    assert_eq!(
        sent(&server).await,
        [
            "/json?filter=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D",
            "/reserved?raw=a/b:c,d@e&encoded=a%20b%26c%3Dd%2Be%25f%2F%C3%A9",
        ]
    );
}

#[tokio::test]
async fn keyword_and_colliding_names_keep_their_wire_names() {
    let (server, client) = setup().await;
    client
        .query_names("t")
        .user_id("camel")
        .user_id2("snake")
        .self_(true)
        .await
        .expect("names");
    assert_eq!(
        sent(&server).await,
        ["/names?type=t&userId=camel&user_id=snake&self=true"]
    );
}

#[tokio::test]
async fn an_operation_without_operation_id_is_named_after_method_and_path() {
    let (server, client) = setup().await;
    client.get_users_by_id(7).await.expect("derived name");
    assert_eq!(sent(&server).await, ["/users/7?"]);
}
