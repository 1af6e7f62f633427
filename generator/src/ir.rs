//! The owned model of an API that every emitter reads; no `openapiv3` type travels past the lowering stage.
//!
//! Unstable: public for tools and tests only (see the crate docs); it changes with the pipeline, without a
//! semver promise.

/// Index of a [`TypeDef`] in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A whole API, ready to emit.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `servers`, in order; the first is the default base URL.
    pub servers: Vec<Server>,
    /// Named types, in a stable order.
    pub types: Vec<TypeDef>,
    /// Operations in path order, then method order.
    pub operations: Vec<Operation>,
    /// `components.securitySchemes`, by name.
    pub security_schemes: Vec<SecurityScheme>,
    /// The envelope every answer is wrapped in (`x-specgen-envelope`).
    pub envelope: Option<Envelope>,
    /// The optional parameters every operation takes identically (Google's `alt`, `fields`...): their
    /// setters are written once for every builder. Empty for an API of one operation.
    pub universal_params: Vec<Param>,
    /// Cargo features per tag: which feature compiles what (empty unless asked for).
    pub gating: Gating,
}

impl Api {
    /// A type with every alias inside it replaced by what it names, as the compiler sees it: two types
    /// that print differently (`IssueState`, `PullState`) may be one (`pub type IssueState = PullState;`).
    pub fn without_aliases(&self, ty: &Type) -> Type {
        // Lowering rejects alias cycles; the bound keeps a broken IR from recursing forever.
        self.without_aliases_within(ty, self.types.len())
    }

    fn without_aliases_within(&self, ty: &Type, depth: usize) -> Type {
        ty.map_named(&|id| match self.types.get(id.0).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) if depth > 0 => {
                self.without_aliases_within(target, depth - 1)
            }
            _ => Type::Named(id),
        })
    }
}

impl Type {
    /// This type with each named type in it (inside arrays, maps and boxes too) replaced by what `replace`
    /// gives for it.
    pub fn map_named(&self, replace: &dyn Fn(TypeId) -> Type) -> Type {
        match self {
            Type::Named(id) => replace(*id),
            Type::Array(item) => Type::Array(Box::new(item.map_named(replace))),
            Type::Map(value) => Type::Map(Box::new(value.map_named(replace))),
            Type::Boxed(inner) => Type::Boxed(Box::new(inner.map_named(replace))),
            other => other.clone(),
        }
    }
}

/// Cargo features per tag (`Generator::features_by_tag`): one feature per tag of the operations, each
/// compiling its operations and exactly the types they reach. Everything is [`Gate::Always`] and the lists
/// are empty when features by tag are off, and the output is then what it would be without them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gating {
    /// The features, sorted by name (never `mock`, `full` or `default`).
    pub features: Vec<Feature>,
    /// The gate of each universal parameter's setter, in [`Api::universal_params`] order: that of the
    /// types it names (reached by every operation), else always.
    pub universal: Vec<Gate>,
    /// The gate of what every operation uses (the envelope constant): on when any operation is.
    pub any_operation: Gate,
}

/// A cargo feature of the generated crate, standing for tags of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name: the tag in snake_case, made unique ([`UNTAGGED_FEATURE`] for operations without
    /// a tag).
    pub name: String,
    /// The tag it stands for, as the spec writes it (none for [`UNTAGGED_FEATURE`]).
    pub tag: Option<String>,
}

/// The feature of the operations that have no tag. The hyphen keeps it apart from every tag's feature
/// (snake_case), and from `default`.
pub const UNTAGGED_FEATURE: &str = "default-tag";

/// The feature that turns every tag's feature on; a type no operation reaches is compiled only under it.
pub const FULL_FEATURE: &str = "full";

/// Which cargo features compile an item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Gate {
    /// Always compiled: features by tag are off, or the item is shared by all.
    #[default]
    Always,
    /// Compiled when any of these features is on (sorted, deduplicated, never empty).
    Any(Vec<String>),
}

/// A server of the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL template.
    pub url: String,
    /// Its description.
    pub description: Option<String>,
    /// Variables with their defaults, in spec order.
    pub variables: Vec<ServerVariable>,
}

/// A server URL variable.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// Name inside `{}`.
    pub name: String,
    /// Rust name of its builder setter.
    pub rust_name: String,
    /// Default value.
    pub default: String,
    /// Its description.
    pub description: Option<String>,
}

/// The shape of a value, as used in fields, parameters and bodies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `rust_decimal::Decimal`, exact (`format: decimal`, `x-specgen-decimal`, or every number when the
    /// generator is asked to); `text` when it travels as a JSON string rather than a number.
    Decimal {
        /// Whether the JSON value is a string (`type: string, format: decimal`).
        text: bool,
    },
    /// `String`.
    String,
    /// `uuid::Uuid`.
    Uuid,
    /// `chrono::DateTime<Utc>`; `assume_utc` reads zone-less values as UTC.
    DateTime {
        /// Whether zone-less values are accepted (`x-specgen-assume-utc`).
        assume_utc: bool,
    },
    /// `chrono::NaiveDate`.
    Date,
    /// `runtime::Base64`: bytes that travel as a base64 string (`format: byte`). `format: binary` inside JSON
    /// stays [`Type::String`], since JSON cannot carry raw bytes.
    Bytes,
    /// Any JSON value (free-form schemas).
    Json,
    /// `Vec<T>`.
    Array(Box<Type>),
    /// `BTreeMap<String, T>`.
    Map(Box<Type>),
    /// A named type.
    Named(TypeId),
    /// `Box<T>`: a field or variant that holds its own type again (decided by lowering).
    Boxed(Box<Type>),
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust name (UpperCamelCase, unique).
    pub name: String,
    /// Where it was defined, as a JSON pointer.
    pub pointer: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// Whether the schema is `deprecated`.
    pub deprecated: bool,
    /// What it is.
    pub kind: TypeKind,
    /// The features that compile it: those of every operation that reaches it.
    pub gate: Gate,
}

/// The kinds of named types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Vec<Field>),
    /// A string enum with a catch-all for values the spec does not list.
    StringEnum {
        /// The listed values.
        values: Vec<EnumValue>,
        /// Rust name of the catch-all variant that keeps unknown values.
        catch_all: String,
    },
    /// An integer enum with a catch-all for values the spec does not list.
    IntegerEnum {
        /// The listed values.
        values: Vec<IntegerValue>,
        /// Rust name of the catch-all variant that keeps unknown values.
        catch_all: String,
    },
    /// A value that is one of several shapes (`oneOf`/`anyOf` without discriminator).
    Untagged(Vec<UnionVariant>),
    /// A `oneOf`/`anyOf` with a `discriminator`: the tag property picks the variant.
    Tagged(TaggedUnion),
    /// A named alias for another type.
    Alias(Type),
    /// A transparent newtype over another type: an alias that contains itself (`L: array of L`), which a
    /// type alias cannot express.
    Newtype(Type),
}

/// A property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name (snake_case, unique in the struct).
    pub rust_name: String,
    /// Name on the wire.
    pub wire_name: String,
    /// Its type.
    pub ty: Type,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Rustdoc.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// A secret (`format: password`, `x-specgen-sensitive`, or an exchanged token): `Debug` redacts it.
    pub sensitive: bool,
    /// `readOnly` or `writeOnly`: the property travels in one direction only, so it is never required.
    pub one_way: bool,
    /// The map of properties the schema does not list (`additionalProperties`), flattened into the struct.
    pub flatten: bool,
}

/// How a field's absence and `null` are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there and never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`, left out when `None`.
    Optional,
    /// Always there, may be null: `Option<T>`, sent as `null` when `None`.
    Nullable,
    /// May be absent or null: `runtime::Nullable<T>`, which keeps the two apart.
    OptionalNullable,
}

impl Field {
    /// How the field is represented.
    pub fn presence(&self) -> Presence {
        match (self.required && !self.one_way, self.nullable) {
            _ if self.flatten => Presence::Required,
            (true, false) => Presence::Required,
            (false, false) => Presence::Optional,
            (true, true) => Presence::Nullable,
            (false, true) => Presence::OptionalNullable,
        }
    }

    /// Whether the Rust field is an `Option` (or a `Nullable`): a value may be missing.
    pub fn is_option(&self) -> bool {
        self.presence() != Presence::Required
    }
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Rust variant name.
    pub rust_name: String,
    /// The value on the wire.
    pub wire: String,
    /// Rustdoc (from `x-enum-descriptions`).
    pub doc: Option<String>,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerValue {
    /// Rust variant name.
    pub rust_name: String,
    /// The value on the wire.
    pub wire: i64,
    /// Rustdoc (from `x-enum-descriptions`).
    pub doc: Option<String>,
}

/// A union whose variant is chosen by a tag property (`discriminator`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// The tag property's wire name (`discriminator.propertyName`).
    pub property: String,
    /// The known variants.
    pub variants: Vec<TaggedVariant>,
    /// Rust name of the catch-all variant that keeps values with an unknown tag as raw JSON.
    pub catch_all: String,
}

/// One variant of a [`TaggedUnion`].
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// The tag values that select it (several `mapping` entries may name one schema); the first is written
    /// when the value itself lacks the tag property.
    pub tags: Vec<String>,
    /// Its type.
    pub ty: Type,
}

/// One alternative of an untagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// Its type.
    pub ty: Type,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// GET.
    Get,
    /// PUT.
    Put,
    /// POST.
    Post,
    /// DELETE.
    Delete,
    /// OPTIONS.
    Options,
    /// HEAD.
    Head,
    /// PATCH.
    Patch,
    /// TRACE.
    Trace,
}

impl Method {
    /// Upper-case name as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// The path parameter at this index of [`Operation::params`].
    Param(usize),
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// How a parameter value is serialised: an OpenAPI `style` (RFC 6570 expansion), or JSON text for a
/// parameter described by `content: application/json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple` (path and header default).
    Simple,
    /// `label` (path).
    Label,
    /// `matrix` (path).
    Matrix,
    /// `form` (query and cookie default).
    Form,
    /// `spaceDelimited` (query).
    SpaceDelimited,
    /// `pipeDelimited` (query).
    PipeDelimited,
    /// `deepObject` (query).
    DeepObject,
    /// The value's JSON text (`content: application/json`).
    Json,
}

/// An operation parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust name (snake_case, unique in the operation).
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: Type,
    /// Rustdoc.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// How its value is written.
    pub style: ParamStyle,
    /// `explode`, with OpenAPI's default (true for `form` only).
    pub explode: bool,
    /// `allowReserved` (query only): reserved characters are sent unencoded.
    pub allow_reserved: bool,
    /// How `deepObject` writes arrays (`x-specgen-deep-arrays`).
    pub deep_arrays: DeepArrays,
}

/// How `deepObject` writes arrays, which OpenAPI leaves undefined (`x-specgen-deep-arrays`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeepArrays {
    /// `items[0]=a`, `items[0][price]=1` (Stripe's convention; the default).
    #[default]
    Indexed,
    /// `items[]=a`.
    Brackets,
    /// `items=a&items=b`.
    Repeated,
}

/// How one property of an `application/x-www-form-urlencoded` body is written (its `encoding` entry with a
/// `style`, `explode` or `allowReserved`: then it is written like a query parameter of that style).
#[derive(Debug, Clone, PartialEq)]
pub struct FormStyle {
    /// The property's name on the wire.
    pub wire_name: String,
    /// Its style (`form`, `spaceDelimited`, `pipeDelimited` or `deepObject`).
    pub style: ParamStyle,
    /// `explode`, with OpenAPI's default (true for `form` only).
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// How `deepObject` writes arrays.
    pub deep_arrays: DeepArrays,
}

impl Param {
    /// Whether it is written the location's default way (`simple` or `form`, default `explode`, encoded).
    pub fn has_default_style(&self) -> bool {
        let (style, explode) = match self.location {
            ParamLocation::Path | ParamLocation::Header => (ParamStyle::Simple, false),
            ParamLocation::Query | ParamLocation::Cookie => (ParamStyle::Form, true),
        };
        self.style == style && self.explode == explode && !self.allow_reserved
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// Whether it must be given.
    pub required: bool,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The media types it can be sent as, in spec order (never empty).
    pub media: Vec<BodyMedia>,
    /// Rust name of the enum over the media types, when there are several.
    pub enum_name: Option<String>,
}

/// One media type of a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyMedia {
    /// The media type as written (sent as `Content-Type`).
    pub media_type: String,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// The Rust value it is built from.
    pub ty: BodyType,
    /// Its variant in the body enum, when there are several media types.
    pub variant: String,
    /// Form bodies: the properties whose `encoding` gives a style, in spec order.
    pub form_styles: Vec<FormStyle>,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json` and `+json` types.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` (and other `multipart/` types).
    Multipart,
    /// Sent as given: text, octet-stream, images, XML and every other type.
    Raw,
}

/// The Rust value a request body is built from.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyType {
    /// A typed value (JSON and form bodies).
    Typed(Type),
    /// `String` (text media types).
    Text,
    /// `bytes::Bytes`.
    Bytes,
    /// A generated multipart form type.
    MultipartForm(MultipartForm),
    /// `runtime::Multipart`, assembled by the caller (the spec lists no properties).
    AnyMultipart,
}

/// The generated type of a multipart body: one field per property.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartForm {
    /// Rust type name.
    pub name: String,
    /// Its fields.
    pub fields: Vec<FormField>,
}

/// A field of a multipart form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// Rust name.
    pub rust_name: String,
    /// Part name on the wire.
    pub wire_name: String,
    /// Listed in `required`.
    pub required: bool,
    /// What it holds.
    pub kind: FormFieldKind,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The part's `Content-Type` from the spec's `encoding` (`contentType`), if it gives one.
    pub content_type: Option<String>,
    /// The headers the spec's `encoding` documents for the part (`Content-Type` excepted).
    pub headers: Vec<PartHeader>,
}

/// A header of a multipart part (`encoding.<property>.headers`): a text field of the form type.
#[derive(Debug, Clone, PartialEq)]
pub struct PartHeader {
    /// The header's name.
    pub wire_name: String,
    /// Rust name of its field in the form type.
    pub rust_name: String,
    /// Whether the spec requires it (else the field is an `Option`).
    pub required: bool,
    /// Rustdoc.
    pub doc: Option<String>,
}

/// What a multipart field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FormFieldKind {
    /// A value sent as text (or JSON for objects).
    Value(Type),
    /// A file (`format: binary`).
    File,
    /// Several files (an array of `format: binary`).
    Files,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A class such as `4XX` (the digit).
    Range(u16),
    /// Every status not otherwise listed.
    Default,
}

impl StatusMatch {
    /// The status as the spec writes it: `200`, `4XX` or `default`.
    pub fn key(self) -> String {
        match self {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(class) => format!("{class}XX"),
            StatusMatch::Default => "default".to_owned(),
        }
    }

    /// Whether a success status can match.
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(class) => class == 2,
            StatusMatch::Default => false,
        }
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// Its body, if any.
    pub body: Option<ResponseBody>,
    /// Its description.
    pub doc: String,
    /// Rust name of its variant in the operation's success enum, when the successes differ in type.
    pub variant: String,
    /// The JSON body the spec gives as its `example` (or first `examples` entry), as compact JSON text:
    /// what a mock answers with when a stub gives no answer. Kept as text because it is only ever printed,
    /// and a JSON tree takes many times its text's memory (GitHub's examples: 10.7 MB as trees, about 2 MB as text).
    pub example: Option<String>,
}

/// The typed headers of an operation's successful answers (`Option` each: not every status sends all).
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    /// Rust type name.
    pub name: String,
    /// One field per documented header.
    pub fields: Vec<HeaderField>,
}

/// A documented response header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    /// Header name as documented.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its type.
    pub ty: Type,
    /// Rustdoc.
    pub doc: Option<String>,
}

/// How a response body is decoded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResponseBody {
    /// JSON into this type.
    Json(Type),
    /// Text media types: `String`.
    Text,
    /// Every other media type: `bytes::Bytes`.
    Bytes,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId` as written (or derived from method and path).
    pub id: String,
    /// Rust method name.
    pub method_name: String,
    /// Rust name of its request builder type.
    pub builder_name: String,
    /// Rust name of its marker type in the `operations` module (the type parameter of its builder).
    pub marker: String,
    /// Rust names of its typed mock stub's methods.
    pub stub: StubNames,
    /// What it answers with and how each answer decodes.
    pub output: Output,
    /// HTTP method.
    pub method: Method,
    /// The path template as written.
    pub path: String,
    /// The path split into literals and parameters.
    pub path_parts: Vec<PathPart>,
    /// Summary and description.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Parameters: path ones first in template order, then the rest in spec order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses, sorted by status.
    pub responses: Vec<Response>,
    /// Rust name of the enum over success bodies, when the successes differ in type.
    pub success_enum: Option<String>,
    /// The media types the operation's responses come in (the `Accept` header), JSON first.
    pub accept: Vec<String>,
    /// The headers its success responses document, as a generated type.
    pub response_headers: Option<ResponseHeaders>,
    /// Alternative security requirements (scheme names); empty means none.
    pub security: Vec<Vec<String>>,
    /// The credential this operation yields (`x-specgen-token-exchange`).
    pub token_exchange: Option<TokenExchange>,
    /// The envelope error codes the spec documents for it (`x-specgen-error-codes`).
    pub error_codes: Vec<String>,
    /// Whether sending it twice acts like sending it once: by method, or `x-specgen-idempotent`.
    pub idempotent: bool,
    /// The header carrying its idempotency key, lowercase (`x-specgen-idempotency-key`).
    pub idempotency_key: Option<String>,
    /// How its answers page (`x-specgen-pagination`).
    pub pagination: Option<Pagination>,
    /// The operation to poll until its asynchronous request ends (`x-specgen-poll`).
    pub poll: Option<Poll>,
    /// Its tags, as the spec writes them.
    pub tags: Vec<String>,
    /// The features that compile it and its builder, stub and items: those of its tags.
    pub gate: Gate,
}

/// `x-specgen-pagination`: a list operation whose answers come one page at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The integer query parameter that moves from page to page (its wire name).
    pub param: String,
    /// How it moves.
    pub kind: PageKind,
    /// Its value for the first page when the caller does not set it.
    pub first: i64,
    /// Pointer into the raw answer body to the total number of items.
    pub total: Option<String>,
    /// Pointer into the raw answer body to the number of pages.
    pub total_pages: Option<String>,
    /// Header holding the index of the last page.
    pub last_page_header: Option<String>,
    /// Where a page's items are in the decoded result.
    pub items: PageItems,
    /// The type of one item.
    pub item_type: Type,
}

/// How the paging parameter moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// By the number of items received (`offset`).
    Offset,
    /// By one (`page`).
    Page,
}

/// Where a page's items are in the decoded result.
#[derive(Debug, Clone, PartialEq)]
pub enum PageItems {
    /// The result is the list.
    Whole,
    /// A field of the result (its Rust name) holds the list.
    Field {
        /// The field's Rust name.
        rust_name: String,
        /// Whether the field is an `Option` (or `Nullable`).
        optional: bool,
        /// Whether it is a `runtime::Nullable`.
        nullable: bool,
    },
}

/// `x-specgen-poll`: the operation starts an asynchronous request whose status another operation reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    /// The `operationId` of the status operation.
    pub operation_id: String,
    /// The status operation's index in [`Api::operations`], resolved by lowering.
    pub target: usize,
    /// For each required parameter of the status operation (wire name), a pointer into this
    /// operation's result giving its value.
    pub arguments: Vec<(String, String)>,
    /// Pointer into the status operation's result to the status.
    pub status: String,
    /// Status values that mean the request is still running.
    pub pending: Vec<String>,
}

/// `x-specgen-token-exchange`: the operation's answer carries a credential for a scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenExchange {
    /// The scheme the token is for.
    pub scheme: String,
    /// Rust name of the success body's field holding the token.
    pub token_field: String,
    /// How long the token lives, in seconds, if known.
    pub lifetime_seconds: Option<u64>,
}

/// A security scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Name in `components.securitySchemes`.
    pub name: String,
    /// Rust name of the builder setter.
    pub setter: String,
    /// Rust name of the `Client` method that replaces the credential.
    pub client_setter: String,
    /// Its description.
    pub doc: Option<String>,
    /// How it is applied.
    pub kind: SecurityKind,
}

/// How a scheme's credential is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SecurityKind {
    /// A bearer token.
    Bearer,
    /// HTTP basic.
    Basic,
    /// A key in a header, query parameter or cookie.
    ApiKey {
        /// Where.
        location: ParamLocation,
        /// Parameter name.
        name: String,
        /// `x-specgen-value-prefix`.
        prefix: String,
    },
}

/// `x-specgen-envelope`.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// Property with the success content.
    pub content_property: String,
    /// Property with the error code.
    pub error_code_property: String,
    /// Property with the error message.
    pub error_message_property: String,
    /// The enum of documented codes, if given.
    pub error_codes: Option<TypeId>,
    /// The schema name of the failure shape, which is never a success type.
    pub failure_schema: Option<String>,
    /// Error codes that ask for another attempt (`x-specgen-retryable-codes`).
    pub retryable_codes: Vec<String>,
}

/// The Rust names of an operation's typed mock stub: its constructor on the mock server, and its setters
/// and answers (each name unique among the stub's methods and the runtime stub's own).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StubNames {
    /// The mock server's method that starts a stub of the operation.
    pub constructor: String,
    /// The setter matching each parameter, in [`Operation::params`] order.
    pub params: Vec<String>,
    /// The setter matching the body, when there is one.
    pub body: Option<String>,
    /// The answer method of each response, in [`Operation::responses`] order (`None`: no answer method,
    /// as for the failures of an enveloped API, which `error` answers).
    pub answers: Vec<Option<String>>,
    /// The failure envelope's answer method, for an enveloped API.
    pub error: Option<String>,
}

/// What an operation answers with and how each answer decodes, as lowering decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The success type.
    pub success: AnswerType,
    /// The documented error type (the `E` of `runtime::Error<E>`).
    pub error: AnswerType,
    /// How an answer is decoded, by status.
    pub decode: Decode,
}

/// The Rust type of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerType {
    /// `()`: no body.
    Unit,
    /// `std::convert::Infallible`: no failure is documented.
    Never,
    /// A JSON value of this type.
    Value(Type),
    /// `String`: a text body.
    Text,
    /// `bytes::Bytes`: any other body.
    Binary,
    /// `Option<T>`: a body beside an empty answer.
    Option(Box<AnswerType>),
    /// The operation's enum over its success answers, by status (its Rust name).
    SuccessEnum(String),
    /// `runtime::EnvelopeError<C>`: the failure of an enveloped API, with the type of its codes.
    Envelope(Type),
}

/// How an operation's answer is decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Decode {
    /// The answer is an envelope; `documented` lists the success statuses the spec documents.
    Envelope {
        /// The documented success statuses.
        documented: Vec<StatusMatch>,
    },
    /// By status: the first arm whose status matches, else `fallback`.
    ByStatus {
        /// Each documented status and how its answer reads.
        arms: Vec<(StatusMatch, Read)>,
        /// What every other status reads as.
        fallback: Read,
    },
    /// Every answer reads the same way (only a `default` failure, or nothing, is documented).
    Always(Read),
}

/// How one answer is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// The body is the success value.
    Body(BodyRead),
    /// The body is the success value, as `Some`.
    Some(BodyRead),
    /// An empty answer: the success value is `None`.
    None,
    /// A variant of the success enum, holding the body if there is one.
    Variant {
        /// The variant's Rust name.
        variant: String,
        /// How its body reads.
        body: Option<BodyRead>,
    },
    /// A failure with its typed (JSON) body.
    ApiError,
    /// A failure with no typed body: `()`.
    ApiErrorUnit,
    /// A failure documented without a JSON body while the error type is free-form JSON: `null`.
    ApiErrorNull,
    /// A status the spec does not document.
    Unexpected,
}

/// How a body is read from an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRead {
    /// JSON (an empty body reads as `null`).
    Json,
    /// Text.
    Text,
    /// Raw bytes.
    Bytes,
    /// Nothing: the body must be empty.
    Empty,
}

impl From<&ResponseBody> for AnswerType {
    fn from(body: &ResponseBody) -> Self {
        match body {
            ResponseBody::Json(ty) => AnswerType::Value(ty.clone()),
            ResponseBody::Text => AnswerType::Text,
            ResponseBody::Bytes => AnswerType::Binary,
        }
    }
}

impl From<Option<&ResponseBody>> for BodyRead {
    fn from(body: Option<&ResponseBody>) -> Self {
        match body {
            Some(ResponseBody::Json(_)) => BodyRead::Json,
            Some(ResponseBody::Text) => BodyRead::Text,
            Some(ResponseBody::Bytes) => BodyRead::Bytes,
            None => BodyRead::Empty,
        }
    }
}
