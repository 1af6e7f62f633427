//! The shape of an OpenAPI 3.0 document as far as `$ref`s go: which object each node is, and so where a
//! `$ref` may stand and which `components` section its target belongs to.
//!
//! Walking by shape (rather than looking for `$ref` keys anywhere) keeps example values, defaults and
//! extensions untouched: a `$ref` key inside an `example` is data, not a reference.

/// The OpenAPI object a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The document root.
    Document,
    /// `components`.
    Components,
    /// A path item (a value of `paths`, or of a callback).
    PathItem,
    /// An operation of a path item.
    Operation,
    /// A callback: expressions to path items.
    Callback,
    /// A parameter.
    Parameter,
    /// A header.
    Header,
    /// A request body.
    RequestBody,
    /// A response.
    Response,
    /// A media type of a `content` map.
    MediaType,
    /// An encoding of a media type.
    Encoding,
    /// A schema.
    Schema,
    /// An example.
    Example,
    /// A link.
    Link,
    /// A security scheme.
    SecurityScheme,
}

/// How the value under one key of a node holds further nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Children {
    /// The value is one node.
    One(Kind),
    /// The value is a map whose values are nodes.
    Map(Kind),
    /// The value is a list of nodes.
    List(Kind),
}

/// The methods a path item may hold operations under.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Kind {
    /// The `components` section a node of this kind can be hoisted into. Kinds without one (path items in
    /// OpenAPI 3.0, media types, callbacks, whose `$ref`s `openapiv3` cannot hold) are copied in place.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::Header => "headers",
            Kind::RequestBody => "requestBodies",
            Kind::Response => "responses",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    /// What the value under `key` of a node of this kind holds; `None` for data (examples, defaults,
    /// extensions, scalars), which is never searched for references.
    pub fn children(self, key: &str) -> Option<Children> {
        use Children::{List, Map, One};
        Some(match (self, key) {
            (Kind::Document, "paths") => Map(Kind::PathItem),
            (Kind::Document, "components") => One(Kind::Components),
            (Kind::Components, "schemas") => Map(Kind::Schema),
            (Kind::Components, "responses") => Map(Kind::Response),
            (Kind::Components, "parameters") => Map(Kind::Parameter),
            (Kind::Components, "examples") => Map(Kind::Example),
            (Kind::Components, "requestBodies") => Map(Kind::RequestBody),
            (Kind::Components, "headers") => Map(Kind::Header),
            (Kind::Components, "securitySchemes") => Map(Kind::SecurityScheme),
            (Kind::Components, "links") => Map(Kind::Link),
            (Kind::Components, "callbacks") => Map(Kind::Callback),
            (Kind::PathItem, "parameters") => List(Kind::Parameter),
            (Kind::PathItem, method) if METHODS.contains(&method) => One(Kind::Operation),
            (Kind::Operation, "parameters") => List(Kind::Parameter),
            (Kind::Operation, "requestBody") => One(Kind::RequestBody),
            (Kind::Operation, "responses") => Map(Kind::Response),
            (Kind::Operation, "callbacks") => Map(Kind::Callback),
            (Kind::Callback, expression) if !expression.starts_with("x-") => One(Kind::PathItem),
            (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => One(Kind::Schema),
            (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => Map(Kind::Example),
            (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
                Map(Kind::MediaType)
            }
            (Kind::Response, "headers") | (Kind::Encoding, "headers") => Map(Kind::Header),
            (Kind::Response, "links") => Map(Kind::Link),
            (Kind::MediaType, "encoding") => Map(Kind::Encoding),
            (Kind::Schema, "properties") => Map(Kind::Schema),
            (Kind::Schema, "items" | "not" | "additionalProperties") => One(Kind::Schema),
            (Kind::Schema, "allOf" | "anyOf" | "oneOf") => List(Kind::Schema),
            _ => return None,
        })
    }
}

/// The kind of the node at `pointer` of `document`, when the document is an OpenAPI document (it has
/// `openapi`, `paths` or `components` at its root) and the pointer follows its shape; `None` when unknown
/// (a fragment file, or a pointer into data).
pub fn kind_at(document: &serde_json::Value, pointer: &str) -> Option<Kind> {
    let is_document = ["openapi", "paths", "components"]
        .iter()
        .any(|key| document.get(key).is_some());
    if !is_document {
        return None;
    }
    let mut kind = Kind::Document;
    let mut tokens = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"));
    while let Some(token) = tokens.next() {
        kind = match kind.children(&token)? {
            Children::One(kind) => kind,
            // The next token is the entry's name or index.
            Children::Map(kind) | Children::List(kind) => {
                tokens.next()?;
                kind
            }
        };
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::{Children, Kind, kind_at};

    #[test]
    fn pointers_of_documents_have_kinds() {
        let document = serde_json::json!({"openapi": "3.0.3"});
        let at = |pointer| kind_at(&document, pointer);
        assert_eq!(
            at("/components/schemas/Pet/properties/owner"),
            Some(Kind::Schema)
        );
        assert_eq!(at("/components/responses/Error"), Some(Kind::Response));
        assert_eq!(
            at("/paths/~1pets/get/responses/200/content/application~1json/schema"),
            Some(Kind::Schema)
        );
        assert_eq!(at("/paths/~1pets/get/responses/200/content"), None);
        assert_eq!(at("/components/schemas/Pet/example/x"), None);
        assert_eq!(kind_at(&serde_json::json!({"Pet": {}}), "/Pet"), None);
    }

    #[test]
    fn data_is_never_a_node() {
        assert_eq!(Kind::Schema.children("example"), None);
        assert_eq!(Kind::Schema.children("default"), None);
        assert_eq!(Kind::MediaType.children("example"), None);
        assert_eq!(Kind::Callback.children("x-note"), None);
        assert_eq!(
            Kind::Schema.children("properties"),
            Some(Children::Map(Kind::Schema))
        );
    }
}
