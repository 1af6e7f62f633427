//! The form-encoding fixture (`specs/bodies_form_encoding.yaml`) against Stoplight Prism (`prism mock --errors`):
//! every operation is sent through the generated client, with nested objects, maps, arrays, both explode
//! settings and both forms of a union parameter, and every answer decoded. Run by `generator/scripts/prism.sh`
//! with `PRISM_FORM_ENCODING` set to the server's URL; prints the figures and exits with 1 on any failure.

use specgen_constructs::bodies_form_encoding::{
    Address, Client, Item, ItemTax, ItemTaxBehaviour, PriceForm, Range, RangeOrTimestamp,
    Recurring, SearchRequest, UploadInvoiceForm, Usage,
};
use specgen_constructs::runtime::{Error, FilePart};
use std::collections::BTreeSet;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut tally = Tally::default();
    let Ok(url) = std::env::var("PRISM_FORM_ENCODING") else {
        eprintln!("set PRISM_FORM_ENCODING to the Prism server's URL");
        return ExitCode::from(2);
    };
    let client = match Client::builder().base_url(&url).build() {
        Ok(client) => client,
        Err(error) => {
            tally.setup("bodies_form_encoding", &error);
            return tally.finish();
        }
    };
    let decimal =
        |text: &str| specgen_constructs::runtime::decimal::parse(text).unwrap_or_default();

    // Every property Prism can read: deepObject three levels deep, a map, arrays of scalars in the indexed
    // and bracket conventions, form with and without explode, and an exact amount.
    let form = PriceForm {
        currency: "usd".to_owned(),
        unit_amount: Some(decimal("1234567890.123456789")),
        recurring: Some(Recurring {
            interval: "month".to_owned(),
            interval_count: Some(3),
            usage: Some(Usage {
                aggregate: Some("sum".to_owned()),
                tiers: Some(vec![1, 2]),
            }),
        }),
        metadata: Some([("order_id".to_owned(), "6735".to_owned())].into()),
        items: None,
        expand: Some(vec!["customer".to_owned(), "invoice".to_owned()]),
        legacy_ids: Some(vec!["a".to_owned()]),
        address: Some(Address {
            line1: Some("1 Main St".to_owned()),
            city: Some("Paris".to_owned()),
        }),
        billing: Some(Address {
            line1: Some("2 High St".to_owned()),
            city: Some("Rome".to_owned()),
        }),
        tags: Some(vec!["a".to_owned(), "b".to_owned()]),
        labels: Some(vec!["x".to_owned()]),
        nested_form: Some(Recurring {
            interval: "week".to_owned(),
            interval_count: None,
            usage: None,
        }),
        plain: None,
    };
    tally.record("createPrice", client.create_price(form.clone()).await);
    // Arrays of objects (`items[0][price]=...`, Stripe's form): Prism 5 reads them with deepObject and then
    // expects JSON text items, so it refuses every such body; the bytes are asserted by the wiremock tests.
    let with_items = PriceForm {
        items: Some(vec![Item {
            price: "price_1".to_owned(),
            quantity: Some(2),
            tax: Some(ItemTax {
                behaviour: Some(ItemTaxBehaviour {
                    mode: Some("inclusive".to_owned()),
                }),
            }),
        }]),
        ..form
    };
    tally.record_prism_defect(
        "createPrice",
        "Cannot deserialize JSON object array",
        client.create_price(with_items).await,
    );

    // A union parameter in its scalar form and in its object form (deepObject).
    tally.record(
        "listCustomers",
        client
            .list_customers()
            .created(RangeOrTimestamp::Integer(1680000000))
            .min_balance(decimal("10.50"))
            .await,
    );
    tally.record(
        "listCustomers",
        client
            .list_customers()
            .created(RangeOrTimestamp::Range(Range {
                gt: Some(1),
                lte: Some(2),
            }))
            .await,
    );
    tally.record(
        "getCustomer",
        client
            .get_customer(RangeOrTimestamp::Integer(5))
            .x_since(RangeOrTimestamp::Integer(7))
            .until(RangeOrTimestamp::Integer(9))
            .await,
    );
    let search = SearchRequest {
        query: "active".to_owned(),
        additional_properties: [("location_ids".to_owned(), serde_json::json!(["L1"]))].into(),
    };
    tally.record(
        "searchSubscriptions",
        client.search_subscriptions(search).await,
    );
    let invoice = UploadInvoiceForm {
        file: FilePart::new(b"%PDF".to_vec()).file_name("invoice.pdf"),
        file_x_checksum: "sha256:abc".to_owned(),
        details: Recurring {
            interval: "month".to_owned(),
            interval_count: None,
            usage: None,
        },
        note: Some("paid".to_owned()),
        total: Some(decimal("12.50")),
    };
    // Prism reads multipart parts as text: a JSON part (here `application/vnd.invoice+json`, as the encoding
    // says) fails its object schema there. The part's bytes and type are asserted by the wiremock tests.
    tally.record_prism_defect(
        "uploadInvoice",
        "Request body property details must be object",
        client.upload_invoice(invoice).await,
    );
    tally.cover(
        "bodies_form_encoding",
        include_str!("../specs/bodies_form_encoding.yaml"),
    );
    tally.finish()
}

include!("../../scripts/prism_tally.rs");
