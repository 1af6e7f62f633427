//! `specs/params_universal.yaml`: parameters every operation takes alike have one setter for every builder and
//! one matcher for every stub (named `delay2` for `delay`, a stub method, in every stub); an operation's own
//! parameters keep theirs, and the client writes them before the universal ones.

mod common;

use specgen_constructs::params_universal::{Client, ListBooksAlt, mock::Mock};

fn client(uri: String) -> Client {
    Client::builder().base_url(uri).build().expect("client")
}

#[tokio::test]
async fn every_builder_takes_the_universal_parameters() {
    let server = common::answering_no_content("GET").await;
    let client = client(server.uri());
    client
        .list_books()
        .fields("title")
        .delay2(3)
        .alt(ListBooksAlt::Media)
        .delay(1)
        .await
        .expect("list");
    client
        .get_book(7)
        .alt(ListBooksAlt::Json)
        .fields("id")
        .await
        .expect("get");
    let requests = server.received_requests().await.unwrap_or_default();
    let sent: Vec<String> = requests
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default()))
        .collect();
    assert_eq!(
        sent,
        [
            "/books?delay2=3&fields=title&alt=media&delay=1",
            "/books/7?fields=id&alt=json"
        ]
    );
}

#[tokio::test]
async fn every_stub_matches_the_universal_parameters() {
    let mock = Mock::start().await;
    mock.list_books()
        .fields("title")
        .alt(ListBooksAlt::Media)
        .delay2(1)
        .delay22(3)
        .expect(1)
        .mount()
        .await
        .expect("list stub");
    mock.get_book()
        .id(7)
        .fields("id")
        .expect(1)
        .mount()
        .await
        .expect("get stub");
    let client = client(mock.uri());
    client
        .list_books()
        .fields("title")
        .delay2(3)
        .alt(ListBooksAlt::Media)
        .delay(1)
        .await
        .expect("the list stub matches");
    client
        .get_book(7)
        .fields("id")
        .await
        .expect("the get stub matches");
    mock.verify().expect("each stub matched once");
    // A universal parameter that differs is a miss.
    assert!(client.get_book(7).fields("title").await.is_err());
}
