//! Request overhead: one call of a generated client (`billing_clients::billing_booth_one`) against the same
//! request made with plain reqwest and serde_json, both decoding into the same type, against a loopback
//! server that answers fixed bytes (so that the ratio measures the client, not the server), for a small
//! JSON body and a 1 MB one. Run by `cargo run --release -p specgen-bench` (or `cargo bench -p
//! specgen-bench --bench request`); the runner reads criterion's estimates and prints the ratios.

use billing_clients::billing_booth_one::{Client, CustomerAccessUserList};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A page of `users` access users, as the server sends it.
fn page(users: usize) -> Vec<u8> {
    let data: Vec<serde_json::Value> = (0..users)
        .map(|i| {
            serde_json::json!({
                "id": i,
                "email": format!("user{i}@example.com"),
                "name": format!("User number {i} of the benchmark page"),
                "status": if i % 2 == 0 { "active" } else { "awaitingActivation" },
            })
        })
        .collect();
    let body = serde_json::json!({"limit": users, "offset": 0, "count": users, "data": data});
    serde_json::to_vec(&body).expect("a JSON value serialises")
}

/// Serves `body` to every request on 127.0.0.1, keeping connections alive; returns the base URL.
fn serve(body: Vec<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let address = listener.local_addr().expect("local address");
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let answer: &'static [u8] = answer.leak();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).expect("tokio listener");
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buffer = Vec::with_capacity(4096);
                    let mut chunk = [0u8; 4096];
                    loop {
                        // Requests are GETs without a body: one ends at its blank line.
                        while let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            buffer.drain(..end + 4);
                            if socket.write_all(answer).await.is_err() {
                                return;
                            }
                        }
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
                        }
                    }
                });
            }
        });
    });
    format!("http://{address}")
}

/// The generated client's call.
async fn generated(client: &Client) -> CustomerAccessUserList {
    client
        .list_customer_access_users(42)
        .limit(50)
        .await
        .expect("the generated client decodes the page")
}

/// The same request by hand: same URL, query, headers and decoding target.
async fn plain(client: &reqwest::Client, url: &str) -> CustomerAccessUserList {
    let response = client
        .get(url)
        .query(&[("limit", "50")])
        .bearer_auth("token")
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .expect("the request is answered");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("the body is read");
    serde_json::from_slice(&bytes).expect("plain serde decodes the page")
}

fn request_overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    // About 120 bytes a user: 2 users is a small answer, 8,500 about 1 MB.
    for (label, users) in [("small", 2), ("1mb", 8_500)] {
        let body = page(users);
        let base = serve(body.clone());
        let client = Client::builder()
            .base_url(base.clone())
            .bearer_auth("token")
            .build()
            .expect("the generated client builds");
        let http = reqwest::Client::new();
        let url = format!("{base}/customer/42/access");
        // Both sides must read the same page before they are timed.
        let ours = runtime.block_on(generated(&client));
        let theirs = runtime.block_on(plain(&http, &url));
        assert_eq!(ours, theirs);
        assert_eq!(ours.data.len(), users);
        let mut group = c.benchmark_group(format!("request_{label}"));
        group.throughput(criterion::Throughput::Bytes(body.len() as u64));
        if users > 100 {
            group.measurement_time(Duration::from_secs(10));
        }
        group.bench_function("generated", |b| {
            b.iter(|| black_box(runtime.block_on(generated(&client))))
        });
        group.bench_function("plain_reqwest_serde", |b| {
            b.iter(|| black_box(runtime.block_on(plain(&http, &url))))
        });
        group.finish();
    }
}

criterion_group!(benches, request_overhead);
criterion_main!(benches);
