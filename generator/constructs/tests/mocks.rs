//! The fixtures' typed mocks: stubs match arrays, enums and objects in every query, path, header and cookie
//! style exactly as the client writes them (the same runtime writers), optional parameters only when set;
//! a request that differs in an array is a miss whose report names the parameter.

use specgen_constructs::{params_header_cookie, params_path, params_query};

fn rgb_query() -> params_query::Color {
    params_query::Color {
        r: 100,
        g: 200,
        b: 150,
    }
}

fn shades() -> Vec<params_query::Shade> {
    use params_query::Shade;
    vec![Shade::Blue, Shade::Black, Shade::Brown]
}

fn words() -> Vec<String> {
    ["blue", "black", "brown"].map(String::from).to_vec()
}

#[tokio::test]
async fn query_stubs_match_every_style_as_the_client_writes_it() {
    let mock = params_query::mock::Mock::start().await;
    let (colors, rgb) = (shades(), rgb_query());
    mock.query_form()
        .id(5)
        .color(colors.clone())
        .rgb(rgb.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.query_form_unexploded()
        .id(5)
        .color(colors.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.query_space_delimited()
        .color(words())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.query_pipe_delimited()
        .color(words())
        .rgb(rgb.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.query_deep_object()
        .rgb(rgb.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.query_json()
        .filter(rgb.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    let client = params_query::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();
    client
        .query_form(5)
        .color(colors.clone())
        .rgb(rgb.clone())
        .await
        .expect("form");
    client
        .query_form_unexploded(5)
        .color(colors)
        .await
        .expect("form unexploded");
    client
        .query_space_delimited()
        .color(words())
        .await
        .expect("space");
    client
        .query_pipe_delimited()
        .color(words())
        .rgb(rgb.clone())
        .await
        .expect("pipe");
    client
        .query_deep_object()
        .rgb(rgb.clone())
        .await
        .expect("deep object");
    client.query_json(rgb).await.expect("json");
    mock.verify()
        .expect("every stub called once, nothing missed");
}

#[tokio::test]
async fn path_header_and_cookie_stubs_match_as_the_client_writes_them() {
    use params_path::{Color, Shade};
    let mock = params_path::mock::Mock::start().await;
    let colors = vec![Shade::Blue, Shade::Black, Shade::Brown];
    let rgb = Color {
        r: 100,
        g: 200,
        b: 150,
    };
    mock.path_label()
        .id(5)
        .color(colors.clone())
        .rgb(rgb.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    // An unset path parameter matches any value.
    mock.path_matrix_explode()
        .id(5)
        .expect(1)
        .mount()
        .await
        .unwrap();
    let client = params_path::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();
    client
        .path_label(5, colors.clone(), rgb.clone())
        .await
        .expect("label stub");
    client
        .path_matrix_explode(5, colors, rgb)
        .await
        .expect("matrix stub");
    mock.verify().expect("both stubs called once");

    let mock = params_header_cookie::mock::Mock::start().await;
    let shades = vec![
        params_header_cookie::Shade::Blue,
        params_header_cookie::Shade::Black,
    ];
    mock.headers_simple()
        .x_id(5)
        .x_color(shades.clone())
        .expect(1)
        .mount()
        .await
        .unwrap();
    mock.cookies_form().id(5).expect(1).mount().await.unwrap();
    let client = params_header_cookie::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();
    client
        .headers_simple(5)
        .x_color(shades)
        .await
        .expect("header stub");
    client.cookies_form(5).await.expect("cookie stub");
    mock.verify().expect("both stubs called once");
}

#[tokio::test]
async fn a_different_array_is_a_miss_that_names_the_parameter() {
    let mock = params_query::mock::Mock::start().await;
    mock.query_form()
        .id(5)
        .color(shades())
        .mount()
        .await
        .unwrap();
    let client = params_query::Client::builder()
        .base_url(mock.uri())
        .build()
        .unwrap();
    client
        .query_form(5)
        .color(vec![params_query::Shade::Blue])
        .await
        .expect_err("no stub for a single shade");
    let report = mock.verify().expect_err("a miss").to_string();
    assert!(
        report.contains(r#"query "color": expected ["blue", "black", "brown"], got "blue""#),
        "{report}"
    );
}
