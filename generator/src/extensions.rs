//! The `x-specgen-*` extensions, declared once: each one's name, the objects it may stand on and the Rust
//! shape of its value. Validation deserialises every value found into its shape and reports a misfit where
//! it is; lowering reads the same shapes through [`Extension::read`], which cannot fail there any more.
//!
//! Object-valued extensions refuse unknown fields: they are written by hand for specgen alone, so an unknown
//! field is a typo (`totl` for `total` would page until an empty page; `lifetimeSecond` would never refresh
//! a token early), and is reported as an error like any other misfit.

use crate::bundle::kinds::Kind;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::marker::PhantomData;

/// One extension: its name, where it belongs, what its value must be (for messages) and its shape `T`.
pub struct Extension<T> {
    /// The key, `x-specgen-…`.
    pub name: &'static str,
    /// The objects it is read on.
    pub places: &'static [Kind],
    /// What its value must be, for a message about a value of the wrong type.
    pub expected: &'static str,
    /// For an object: its fields, for a hint.
    pub fields: Option<&'static str>,
    shape: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Extension<T> {
    /// An extension whose value is a scalar or a list.
    const fn value(name: &'static str, places: &'static [Kind], expected: &'static str) -> Self {
        Extension {
            name,
            places,
            expected,
            fields: None,
            shape: PhantomData,
        }
    }

    /// An extension whose value is an object with named fields (`fields` says which, for a hint).
    const fn object(name: &'static str, places: &'static [Kind], fields: &'static str) -> Self {
        Extension {
            name,
            places,
            expected: "an object",
            fields: Some(fields),
            shape: PhantomData,
        }
    }

    /// The typed value on a node with these extensions, if it is there and fits. Validation has reported
    /// a value that does not fit (and such a document is never generated), so it is simply absent here.
    pub fn read(&self, extensions: &IndexMap<String, Value>) -> Option<T> {
        let value = extensions.get(self.name)?;
        if self.fields.is_some() && !value.is_object() {
            return None;
        }
        T::deserialize(value).ok()
    }

    /// The entry of [`EXTENSIONS`] for this extension.
    const fn entry(&self) -> Entry {
        Entry {
            name: self.name,
            places: self.places,
            expected: self.expected,
            fields: self.fields,
            fits: fits::<T>,
        }
    }
}

/// An extension as validation sees it: its shape is the function that tries it on a value.
pub struct Entry {
    /// The key, `x-specgen-…`.
    pub name: &'static str,
    /// The objects it is read on.
    pub places: &'static [Kind],
    /// What its value must be, for a message about a value of the wrong type.
    pub expected: &'static str,
    /// For an object: its fields, for a hint.
    pub fields: Option<&'static str>,
    /// Deserialises a value into the extension's shape.
    fits: fn(&Value) -> Result<(), Misfit>,
}

impl Entry {
    /// Whether a value fits the extension's shape, and if not, where and why.
    pub fn check(&self, value: &Value) -> Result<(), Misfit> {
        // serde also reads a struct from a list of its fields in order; an object is asked for.
        if self.fields.is_some() && !value.is_object() {
            return Err(Misfit {
                at: String::new(),
                message: format!("expected {}", self.expected),
            });
        }
        (self.fits)(value)
    }
}

/// Why a value does not fit its extension's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// JSON pointer of the offending part, relative to the extension's value (`""` for the value itself).
    pub at: String,
    /// serde's account of the problem.
    pub message: String,
}

/// Tries a value on shape `T`, and says where inside the value it does not fit.
fn fits<T: DeserializeOwned>(value: &Value) -> Result<(), Misfit> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|_| ())
        .map_err(|error| Misfit {
            at: crate::load::path_to_pointer(error.path()),
            message: error.inner().to_string(),
        })
}

/// `x-specgen-envelope`: every answer is an envelope object.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Envelope {
    /// The property that holds the result.
    pub content_property: String,
    /// The property whose non-empty value marks a failure, whatever the HTTP status.
    pub error_code_property: String,
    /// The property with a failure's message.
    pub error_message_property: String,
    /// A `$ref` to the enum (or string) schema of the documented codes.
    #[serde(default)]
    pub error_codes: Option<String>,
    /// A `$ref` to the failure's schema (never a success type).
    #[serde(default)]
    pub failure_schema: Option<String>,
}

/// `x-specgen-token-exchange`: the operation's success body carries a security scheme's credential.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenExchange {
    /// The security scheme the token is the credential of.
    pub scheme: String,
    /// The success body's property that holds the token.
    pub token_property: String,
    /// How long a token is valid.
    #[serde(default)]
    pub lifetime_seconds: Option<u64>,
}

/// `x-specgen-pagination`: how a list operation pages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pagination {
    /// The optional integer query parameter that moves from page to page.
    pub param: String,
    /// How it moves.
    pub kind: PageKind,
    /// Its first value (0 when absent).
    #[serde(default)]
    pub first: i64,
    /// Pointer into the decoded result to the list (`""`, the default, for the result itself).
    #[serde(default)]
    pub items: String,
    /// Pointer into the raw answer to the item count.
    #[serde(default)]
    pub total: Option<String>,
    /// Pointer into the raw answer to the page count.
    #[serde(default)]
    pub total_pages: Option<String>,
    /// A header with the last page's index.
    #[serde(default)]
    pub last_page_header: Option<String>,
}

/// How `x-specgen-pagination`'s parameter moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// By the number of items received.
    Offset,
    /// By one.
    Page,
}

/// `x-specgen-poll`: the operation starts an asynchronous request whose end another operation tells.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Poll {
    /// The status operation.
    pub operation_id: String,
    /// Each required parameter of the status operation, to a pointer into this operation's result
    /// (in the order written).
    pub arguments: IndexMap<String, String>,
    /// Pointer into the status result to the status.
    pub status: String,
    /// The statuses that mean "still running".
    pub pending: Vec<String>,
}

/// Envelope error codes, compared as text: numbers are read as the text they are written as.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Vec<Code>")]
pub struct Codes(pub Vec<String>);

/// One envelope error code as written.
#[derive(Deserialize)]
#[serde(untagged)]
enum Code {
    Text(String),
    Number(serde_json::Number),
}

impl From<Vec<Code>> for Codes {
    fn from(codes: Vec<Code>) -> Self {
        Codes(
            codes
                .into_iter()
                .map(|code| match code {
                    Code::Text(text) => text,
                    Code::Number(number) => number.to_string(),
                })
                .collect(),
        )
    }
}

/// `x-specgen-deep-arrays`: how `deepObject` writes arrays, which OpenAPI leaves undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeepArrays {
    /// `items[0]=a` (the default).
    Indexed,
    /// `items[]=a`.
    Brackets,
    /// `items=a&items=b`.
    Repeated,
}

/// Drops other tools' extensions (`x-` keys that are not `x-specgen-`) from the document root, its path
/// items and their operations, before the document is typed. Lowering reads nothing but the extensions
/// declared here, and validation has already seen the tree; typed, these would be carried along as JSON
/// trees for nothing (GitHub's `x-webhooks` alone takes 4.4 MB typed, its `x-github` notes on every
/// operation another 1.5 MB). Only these objects are touched: elsewhere (a schema's `properties`, say) an
/// `x-` key may be a name, not an extension. Key order is kept.
pub fn drop_foreign(document: &mut Value) {
    let foreign = |key: &str| key.starts_with("x-") && !key.starts_with("x-specgen-");
    let Some(root) = document.as_object_mut() else {
        return;
    };
    root.retain(|key, _| !foreign(key));
    let paths = root.get_mut("paths").and_then(Value::as_object_mut);
    for item in paths.into_iter().flat_map(|p| p.values_mut()) {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        item.retain(|key, _| !foreign(key));
        for (_, operation) in item.iter_mut() {
            if let Some(operation) = operation.as_object_mut() {
                operation.retain(|key, _| !foreign(key));
            }
        }
    }
}

const FLAG: &str = "true or false";
const TEXT: &str = "a string";
const CODES: &str = "a list of codes (strings or numbers)";

/// Every answer is an envelope (document root).
pub const ENVELOPE: Extension<Envelope> = Extension::object(
    "x-specgen-envelope",
    &[Kind::Document],
    "contentProperty, errorCodeProperty and errorMessageProperty (each names a property of the envelope object), and optionally errorCodes and failureSchema ($refs to component schemas)",
);
/// Envelope codes that mean "try again" (document root).
pub const RETRYABLE_CODES: Extension<Codes> =
    Extension::value("x-specgen-retryable-codes", &[Kind::Document], CODES);
/// Envelope codes documented for an operation.
pub const ERROR_CODES: Extension<Codes> =
    Extension::value("x-specgen-error-codes", &[Kind::Operation], CODES);
/// An operation whose success body carries a credential.
pub const TOKEN_EXCHANGE: Extension<TokenExchange> = Extension::object(
    "x-specgen-token-exchange",
    &[Kind::Operation],
    "scheme and tokenProperty (strings), and optionally lifetimeSeconds",
);
/// The retry policy: whether the operation may be sent twice (against its method's default).
pub const IDEMPOTENT: Extension<bool> =
    Extension::value("x-specgen-idempotent", &[Kind::Operation], FLAG);
/// The header that carries an operation's idempotency key.
pub const IDEMPOTENCY_KEY: Extension<String> =
    Extension::value("x-specgen-idempotency-key", &[Kind::Operation], TEXT);
/// How a list operation pages.
pub const PAGINATION: Extension<Pagination> = Extension::object(
    "x-specgen-pagination",
    &[Kind::Operation],
    "param (the query parameter that moves from page to page) and kind (offset or page), and optionally first, items, total, totalPages and lastPageHeader",
);
/// Which operation tells when an asynchronous request ends.
pub const POLL: Extension<Poll> = Extension::object(
    "x-specgen-poll",
    &[Kind::Operation],
    "operationId, arguments (parameter name to result pointer), status (a pointer) and pending (a list of statuses)",
);
/// Text sent before an API key.
pub const VALUE_PREFIX: Extension<String> =
    Extension::value("x-specgen-value-prefix", &[Kind::SecurityScheme], TEXT);
/// A note that the scheme is modelled from incomplete vendor documentation (documentation only).
pub const UNVERIFIED: Extension<bool> =
    Extension::value("x-specgen-unverified", &[Kind::SecurityScheme], FLAG);
/// Date-times that may lack a zone offset are read as UTC.
pub const ASSUME_UTC: Extension<bool> =
    Extension::value("x-specgen-assume-utc", &[Kind::Schema], FLAG);
/// A secret: its type's `Debug` does not print it.
pub const SENSITIVE: Extension<bool> =
    Extension::value("x-specgen-sensitive", &[Kind::Schema], FLAG);
/// An exact decimal whatever the number's `format`.
pub const DECIMAL: Extension<bool> = Extension::value("x-specgen-decimal", &[Kind::Schema], FLAG);
/// How `deepObject` writes arrays (a parameter, or an encoding entry of a form body).
pub const DEEP_ARRAYS: Extension<DeepArrays> = Extension::value(
    "x-specgen-deep-arrays",
    &[Kind::Parameter, Kind::Encoding],
    "one of indexed, brackets, repeated",
);

/// Every extension specgen reads, as validation checks them.
pub const EXTENSIONS: &[Entry] = &[
    ENVELOPE.entry(),
    RETRYABLE_CODES.entry(),
    ERROR_CODES.entry(),
    TOKEN_EXCHANGE.entry(),
    IDEMPOTENT.entry(),
    IDEMPOTENCY_KEY.entry(),
    PAGINATION.entry(),
    POLL.entry(),
    VALUE_PREFIX.entry(),
    UNVERIFIED.entry(),
    ASSUME_UTC.entry(),
    SENSITIVE.entry(),
    DECIMAL.entry(),
    DEEP_ARRAYS.entry(),
];

#[cfg(test)]
mod tests {
    use super::{Codes, EXTENSIONS, Misfit, PAGINATION, RETRYABLE_CODES};
    use serde_json::json;

    fn fits(name: &str, value: serde_json::Value) -> Result<(), Misfit> {
        match EXTENSIONS.iter().find(|entry| entry.name == name) {
            Some(entry) => entry.check(&value),
            None => Err(Misfit {
                at: String::new(),
                message: format!("no extension {name}"),
            }),
        }
    }

    #[test]
    fn misfits_are_located_inside_the_value() {
        let kind = fits("x-specgen-pagination", json!({"param": "p", "kind": "up"}));
        assert_eq!(kind.map_err(|m| m.at), Err("/kind".to_owned()));
        let pending = fits(
            "x-specgen-poll",
            json!({"operationId": "s", "arguments": {}, "status": "/s", "pending": ["a", 1]}),
        );
        assert_eq!(pending.map_err(|m| m.at), Err("/pending/1".to_owned()));
        let typo = fits(
            "x-specgen-pagination",
            json!({"param": "p", "kind": "page", "totl": "/t"}),
        );
        assert!(
            typo.as_ref()
                .is_err_and(|m| m.message.starts_with("unknown field `totl`")),
            "{typo:?}"
        );
        assert_eq!(fits("x-specgen-decimal", json!(true)), Ok(()));
        let listed = fits("x-specgen-token-exchange", json!(["bearer", "token"]));
        assert!(listed.is_err(), "a list is not an object");
    }

    #[test]
    fn reading_gives_the_typed_value() {
        let mut extensions = indexmap::IndexMap::new();
        extensions.insert(
            "x-specgen-retryable-codes".to_owned(),
            json!(["BUSY", 1001]),
        );
        extensions.insert("x-specgen-pagination".to_owned(), json!({"param": "p"}));
        assert_eq!(
            RETRYABLE_CODES.read(&extensions),
            Some(Codes(vec!["BUSY".to_owned(), "1001".to_owned()]))
        );
        // A misfit was validation's to report: lowering sees no value.
        assert_eq!(PAGINATION.read(&extensions), None);
    }
}
