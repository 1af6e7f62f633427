//! Parameter serialisation: OpenAPI's `style` and `explode` (RFC 6570 expansions) for path, query, header and
//! cookie values, primitives, arrays and objects. Problems become the request's `InvalidRequest`, never panics.
//!
//! Label style without explode follows RFC 6570 (`.blue,black,brown`), as OpenAPI 3.0.4 corrected its table;
//! 3.0.3's table shows dots there, contradicting the RFC it cites.

use super::request::Request;
use reqwest::header::{HeaderName, HeaderValue};

/// How a parameter value is written: an OpenAPI `style` with its `explode` (and `allowReserved`), or [`Style::JSON`]
/// for a parameter described by `content: application/json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    kind: Kind,
    explode: bool,
    allow_reserved: bool,
    deep_arrays: DeepArrays,
}

/// How `deepObject` writes arrays, which OpenAPI leaves undefined. The default, [`DeepArrays::Indexed`], is the
/// convention of the largest API that uses the style (Stripe) and the one Stoplight Prism reads; a spec picks
/// another with `x-specgen-deep-arrays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeepArrays {
    /// `items[0]=a&items[1]=b`, and `items[0][price]=1` for arrays of objects.
    #[default]
    Indexed,
    /// `items[]=a&items[]=b` (PHP and Rails style; arrays of objects are ambiguous this way).
    Brackets,
    /// `items=a&items=b`: the key repeated.
    Repeated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Json,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Simple => "simple",
            Kind::Label => "label",
            Kind::Matrix => "matrix",
            Kind::Form => "form",
            Kind::SpaceDelimited => "spaceDelimited",
            Kind::PipeDelimited => "pipeDelimited",
            Kind::DeepObject => "deepObject",
            Kind::Json => "JSON content",
        }
    }
}

impl Style {
    const fn new(kind: Kind, explode: bool) -> Style {
        Style {
            kind,
            explode,
            allow_reserved: false,
            deep_arrays: DeepArrays::Indexed,
        }
    }

    /// `simple`: the path and header default (`blue,black,brown`, `R,100,G,200`).
    pub const SIMPLE: Style = Style::new(Kind::Simple, false);
    /// `simple` exploded (`R=100,G=200`).
    pub const SIMPLE_EXPLODE: Style = Style::new(Kind::Simple, true);
    /// `label` (`.blue,black,brown`, `.R,100,G,200`).
    pub const LABEL: Style = Style::new(Kind::Label, false);
    /// `label` exploded (`.blue.black.brown`, `.R=100.G=200`).
    pub const LABEL_EXPLODE: Style = Style::new(Kind::Label, true);
    /// `matrix` (`;color=blue,black,brown`, `;color=R,100,G,200`).
    pub const MATRIX: Style = Style::new(Kind::Matrix, false);
    /// `matrix` exploded (`;color=blue;color=black`, `;R=100;G=200`).
    pub const MATRIX_EXPLODE: Style = Style::new(Kind::Matrix, true);
    /// `form` (`color=blue,black,brown`, `color=R,100,G,200`).
    pub const FORM: Style = Style::new(Kind::Form, false);
    /// `form` exploded: the query and cookie default (`color=blue&color=black`, `R=100&G=200`).
    pub const FORM_EXPLODE: Style = Style::new(Kind::Form, true);
    /// `spaceDelimited` (`color=blue%20black%20brown`).
    pub const SPACE_DELIMITED: Style = Style::new(Kind::SpaceDelimited, false);
    /// `pipeDelimited` (`color=blue|black|brown`).
    pub const PIPE_DELIMITED: Style = Style::new(Kind::PipeDelimited, false);
    /// `deepObject` (`color[R]=100&color[G]=200`, nested objects as `color[a][b]=1`, arrays as `color[0]=a`
    /// (see [`DeepArrays`]); a scalar value, the scalar form of a union, is written `color=red`).
    pub const DEEP_OBJECT: Style = Style::new(Kind::DeepObject, true);
    /// The value as JSON text (`content: application/json`), then written like a single string.
    pub const JSON: Style = Style::new(Kind::Json, false);

    /// This style with `allowReserved: true`: RFC 3986 reserved characters of query names and values go
    /// unencoded (the URL library still escapes `#`, which would end the query).
    pub const fn allow_reserved(self) -> Style {
        Style {
            allow_reserved: true,
            ..self
        }
    }

    /// This style with arrays inside `deepObject` values written as `arrays` says.
    pub const fn deep_arrays(self, arrays: DeepArrays) -> Style {
        Style {
            deep_arrays: arrays,
            ..self
        }
    }
}

/// Where a parameter goes, with the style it is written in: what a generated setter hands the runtime
/// instead of a closure of its own (one less body per setter to compile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A path parameter ([`Request::path_param_styled`]).
    Path(Style),
    /// A query parameter ([`Request::query_styled`]).
    Query(Style),
    /// A header ([`Request::header_styled`]).
    Header(Style),
    /// A cookie ([`Request::cookie_styled`]).
    Cookie(Style),
}

impl Place {
    /// A path parameter in the default style.
    pub const PATH: Place = Place::Path(Style::SIMPLE);
    /// A query parameter in the default style.
    pub const QUERY: Place = Place::Query(Style::FORM_EXPLODE);
    /// A header in the default style.
    pub const HEADER: Place = Place::Header(Style::SIMPLE);
    /// A cookie in the default style.
    pub const COOKIE: Place = Place::Cookie(Style::FORM_EXPLODE);
}

impl Request {
    /// Writes a parameter where `place` says, in its style.
    pub fn place<T: serde::Serialize + ?Sized>(&mut self, place: Place, name: &str, value: &T) {
        match place {
            Place::Path(style) => self.path_param_styled(name, value, style),
            Place::Query(style) => self.query_styled(name, value, style),
            Place::Header(style) => self.header_styled(name, value, style),
            Place::Cookie(style) => self.cookie_styled(name, value, style),
        }
    }

    /// Appends a path parameter in the default `simple` style.
    pub fn path_param<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.path_param_styled(name, value, Style::SIMPLE);
    }

    /// Appends a path parameter (`simple`, `label`, `matrix` or JSON), percent-encoded so it stays in its
    /// segment. `.`, `..` and empty values are refused: URL normalisation would turn them into a different path.
    pub fn path_param_styled<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) {
        match tree(value, style).and_then(|tree| path_text(name, tree, style)) {
            Ok(text) if matches!(text.as_str(), "" | "." | "..") => {
                self.note_problem(format!("path parameter {name:?} cannot be {text:?}"));
            }
            Ok(text) => self.path.push_str(&text),
            Err(problem) => self.note_problem(format!("path parameter {name:?}: {problem}")),
        }
    }

    /// Adds a query parameter in the default `form` style, exploded (arrays repeat the name).
    pub fn query<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.query_styled(name, value, Style::FORM_EXPLODE);
    }

    /// Adds a query parameter (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject` or JSON); names and
    /// values are percent-encoded here, so separators the style adds stay distinguishable from data.
    pub fn query_styled<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) {
        match tree(value, style).and_then(|tree| query_pairs(name, tree, style)) {
            Ok(pairs) => self.query.extend(pairs),
            Err(problem) => self.note_problem(format!("query parameter {name:?}: {problem}")),
        }
    }

    /// Adds a header in the default `simple` style.
    pub fn header<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.header_styled(name, value, Style::SIMPLE);
    }

    /// Adds a header (`simple`, exploded or not, or JSON); an invalid value is reported when the request is sent.
    pub fn header_styled<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) {
        let text = match tree(value, style).and_then(|tree| header_text(tree, style)) {
            Ok(Some(text)) => text,
            Ok(None) => return,
            Err(problem) => return self.note_problem(format!("header {name:?}: {problem}")),
        };
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            _ => self.note_problem(format!("header {name:?} has an invalid name or value")),
        }
    }

    /// Adds a cookie in the default `form` style, exploded: array items and object members become cookies of
    /// their own (`ids=1; ids=2`), since `&`, RFC 6570's separator, means nothing in a `Cookie` header.
    pub fn cookie<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.cookie_styled(name, value, Style::FORM_EXPLODE);
    }

    /// Adds a cookie (`form`, exploded or not); all cookies travel in one `Cookie` header. A name or value
    /// outside the cookie characters (`;`, space, quotes...) is refused, so it cannot add cookies.
    pub fn cookie_styled<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) {
        let pairs = match tree(value, style).and_then(|tree| cookie_pairs(name, tree, style)) {
            Ok(pairs) => pairs,
            Err(problem) => return self.note_problem(format!("cookie {name:?}: {problem}")),
        };
        let valid = |(name, value): &(String, String)| {
            !name.is_empty()
                && name.bytes().all(|b| is_cookie_octet(b) && b != b'=')
                && value.bytes().all(is_cookie_octet)
        };
        if pairs.iter().all(valid) {
            self.cookies.extend(pairs);
        } else {
            self.note_problem(format!(
                "cookie {name:?} has characters a cookie name or value cannot carry"
            ));
        }
    }
}

/// A parameter value as RFC 6570 sees it: members keep the order serde wrote them in (struct field order).
#[derive(Debug)]
pub(super) enum Tree {
    Null,
    Text(String),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

/// The members of a JSON object as raw JSON texts, in order (serde_json's maps may sort them).
struct RawMembers<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for RawMembers<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Members<'a> {
            type Value = RawMembers<'a>;
            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawMembers<'a>, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    members.push(entry);
                }
                Ok(RawMembers(members))
            }
        }
        deserializer.deserialize_map(Members(std::marker::PhantomData))
    }
}

/// The members of a JSON object's text as raw JSON texts, in order.
pub(super) fn raw_members(
    json: &str,
) -> Result<Vec<(String, &serde_json::value::RawValue)>, String> {
    serde_json::from_str::<RawMembers<'_>>(json)
        .map(|members| members.0)
        .map_err(|e| e.to_string())
}

impl Tree {
    /// Reads JSON text into a tree. Numbers keep their JSON text (an exact decimal keeps every digit, where
    /// reading them as `f64` would not); strings are unescaped; `null` items and members are left out, as
    /// RFC 6570 skips undefined values.
    pub(super) fn parse(json: &str) -> Result<Tree, String> {
        let text = json.trim();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let mut members = Vec::new();
                for (key, raw) in raw_members(text)? {
                    match Tree::parse(raw.get())? {
                        Tree::Null => {}
                        value => members.push((key, value)),
                    }
                }
                Tree::Map(members)
            }
            Some(b'[') => {
                let raw: Vec<&serde_json::value::RawValue> =
                    serde_json::from_str(text).map_err(|e| e.to_string())?;
                let mut items = Vec::new();
                for item in raw {
                    match Tree::parse(item.get())? {
                        Tree::Null => {}
                        value => items.push(value),
                    }
                }
                Tree::List(items)
            }
            Some(b'"') => Tree::Text(serde_json::from_str(text).map_err(|e| e.to_string())?),
            Some(_) if text == "null" => Tree::Null,
            // Numbers and booleans, as JSON spells them (`1e20`, `0.1`, `true`).
            Some(_) => Tree::Text(text.to_owned()),
            None => return Err("empty JSON text".to_owned()),
        })
    }
}

/// The value as a tree; JSON content is its JSON text, a single string.
fn tree<T: serde::Serialize + ?Sized>(value: &T, style: Style) -> Result<Tree, String> {
    let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
    if style.kind == Kind::Json {
        return Ok(Tree::Text(json));
    }
    Ok(undefined_if_empty(Tree::parse(&json)?))
}

/// RFC 6570: an empty list or map is undefined, like null.
pub(super) fn undefined_if_empty(tree: Tree) -> Tree {
    match tree {
        Tree::List(items) if items.is_empty() => Tree::Null,
        Tree::Map(members) if members.is_empty() => Tree::Null,
        other => other,
    }
}

/// A value every style but `deepObject` can write: a string, a list of strings, or string members.
enum Flat {
    Undefined,
    Text(String),
    List(Vec<String>),
    Map(Vec<(String, String)>),
}

fn flat(tree: Tree, style: Style) -> Result<Flat, String> {
    let nested = || {
        format!(
            "style {} cannot carry arrays or objects nested in an array or object",
            style.kind.name()
        )
    };
    let text = |tree: Tree| match tree {
        Tree::Text(text) => Ok(text),
        _ => Err(nested()),
    };
    Ok(match tree {
        Tree::Null => Flat::Undefined,
        Tree::Text(value) => Flat::Text(value),
        Tree::List(items) => Flat::List(items.into_iter().map(text).collect::<Result<_, _>>()?),
        Tree::Map(members) => Flat::Map(
            members
                .into_iter()
                .map(|(key, value)| text(value).map(|value| (key, value)))
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// Members as `k,v,k,v` (unexploded) or `k=v` items joined by `separator` (exploded), each part encoded.
fn members(
    members: &[(String, String)],
    explode: bool,
    separator: &str,
    encode: impl Fn(&str) -> String,
) -> String {
    let parts: Vec<String> = members
        .iter()
        .map(|(key, value)| {
            let joiner = if explode { "=" } else { "," };
            format!("{}{joiner}{}", encode(key), encode(value))
        })
        .collect();
    parts.join(if explode { separator } else { "," })
}

fn encoded_list(items: &[String], separator: &str, encode: impl Fn(&str) -> String) -> String {
    let parts: Vec<String> = items.iter().map(|item| encode(item)).collect();
    parts.join(separator)
}

/// The path text of a parameter (the caller refuses dot segments and empty text).
fn path_text(name: &str, tree: Tree, style: Style) -> Result<String, String> {
    let encode = |text: &str| encode_path_segment(text);
    let explode = style.explode;
    // `;name` alone for an empty value, as RFC 6570's path-style expansion writes it.
    let matrix = |key: &str, value: &str| {
        if value.is_empty() {
            format!(";{}", encode(key))
        } else {
            format!(";{}={}", encode(key), encode(value))
        }
    };
    Ok(match (style.kind, flat(tree, style)?) {
        (_, Flat::Undefined) => String::new(),
        (Kind::Simple | Kind::Json, Flat::Text(text)) => encode(&text),
        (Kind::Simple, Flat::List(items)) => encoded_list(&items, ",", encode),
        (Kind::Simple, Flat::Map(map)) => members(&map, explode, ",", encode),
        (Kind::Label, Flat::Text(text)) => format!(".{}", encode(&text)),
        (Kind::Label, Flat::List(items)) => {
            format!(
                ".{}",
                encoded_list(&items, if explode { "." } else { "," }, encode)
            )
        }
        (Kind::Label, Flat::Map(map)) => format!(".{}", members(&map, explode, ".", encode)),
        (Kind::Matrix, Flat::Text(text)) => matrix(name, &text),
        (Kind::Matrix, Flat::List(items)) if explode => {
            items.iter().map(|item| matrix(name, item)).collect()
        }
        (Kind::Matrix, Flat::List(items)) => {
            format!(";{}={}", encode(name), encoded_list(&items, ",", encode))
        }
        (Kind::Matrix, Flat::Map(map)) if explode => {
            map.iter().map(|(key, value)| matrix(key, value)).collect()
        }
        (Kind::Matrix, Flat::Map(map)) => {
            format!(";{}={}", encode(name), members(&map, false, ",", encode))
        }
        (kind, _) => return Err(format!("style {} cannot be used in a path", kind.name())),
    })
}

/// The query pairs of a parameter, names and values already percent-encoded.
pub(super) fn query_pairs(
    name: &str,
    tree: Tree,
    style: Style,
) -> Result<Vec<(String, String)>, String> {
    let encode = |text: &str| encode_query(text, style.allow_reserved);
    if style.kind == Kind::DeepObject {
        // A scalar (the scalar form of a union such as Stripe's `created`) is written as a plain value.
        let mut pairs = Vec::new();
        deep_object(encode(name), tree, style.deep_arrays, &encode, &mut pairs);
        return Ok(pairs);
    }
    let separator = match style.kind {
        Kind::Form | Kind::Json => ",",
        Kind::SpaceDelimited => "%20",
        Kind::PipeDelimited => "|",
        kind => return Err(format!("style {} cannot be used in a query", kind.name())),
    };
    let name = encode(name);
    Ok(match flat(tree, style)? {
        Flat::Undefined => Vec::new(),
        Flat::Text(text) => vec![(name, encode(&text))],
        Flat::List(items) if style.explode => items
            .iter()
            .map(|item| (name.clone(), encode(item)))
            .collect(),
        Flat::List(items) => vec![(name, encoded_list(&items, separator, encode))],
        Flat::Map(map) if style.explode => map
            .iter()
            .map(|(key, value)| (encode(key), encode(value)))
            .collect(),
        Flat::Map(map) => {
            let parts: Vec<String> = map
                .iter()
                .flat_map(|(key, value)| [encode(key), encode(value)])
                .collect();
            vec![(name, parts.join(separator))]
        }
    })
}

/// The pairs of one styled property of an `application/x-www-form-urlencoded` body: as in a query, except that
/// the commas that separate items (form, explode false) are percent-encoded too, as the media type encodes every
/// reserved character (Stoplight Prism refuses them literal); `allowReserved` keeps them.
pub(super) fn form_body_pairs(
    name: &str,
    tree: Tree,
    style: Style,
) -> Result<Vec<(String, String)>, String> {
    let pairs = query_pairs(name, tree, style)?;
    if style.allow_reserved {
        return Ok(pairs);
    }
    // Item commas were encoded as data already: a literal comma left is a separator.
    Ok(pairs
        .into_iter()
        .map(|(key, value)| (key, value.replace(',', "%2C")))
        .collect())
}

/// `name[key]=value` for each member at any depth (`name[a][b]=1`), arrays as [`DeepArrays`] says
/// (`name[0][price]=1` for an array of objects by default), a scalar as `name=value`.
fn deep_object(
    name: String,
    tree: Tree,
    arrays: DeepArrays,
    encode: &impl Fn(&str) -> String,
    pairs: &mut Vec<(String, String)>,
) {
    match tree {
        Tree::Null => {}
        Tree::Text(text) => pairs.push((name, encode(&text))),
        Tree::Map(members) => {
            for (key, value) in members {
                deep_object(
                    format!("{name}[{}]", encode(&key)),
                    value,
                    arrays,
                    encode,
                    pairs,
                );
            }
        }
        Tree::List(items) => {
            for (index, item) in items.into_iter().enumerate() {
                let key = match arrays {
                    DeepArrays::Indexed => format!("{name}[{index}]"),
                    DeepArrays::Brackets => format!("{name}[]"),
                    DeepArrays::Repeated => name.clone(),
                };
                deep_object(key, item, arrays, encode, pairs);
            }
        }
    }
}

/// The header text of a parameter; `None` when the value is undefined (the header is not sent).
fn header_text(tree: Tree, style: Style) -> Result<Option<String>, String> {
    let plain = |text: &str| text.to_owned();
    Ok(match (style.kind, flat(tree, style)?) {
        (_, Flat::Undefined) => None,
        (Kind::Simple | Kind::Json, Flat::Text(text)) => Some(text),
        (Kind::Simple, Flat::List(items)) => Some(items.join(",")),
        (Kind::Simple, Flat::Map(map)) => Some(members(&map, style.explode, ",", plain)),
        (kind, _) => return Err(format!("style {} cannot be used in a header", kind.name())),
    })
}

/// The cookies of a parameter, as (name, value) pairs.
fn cookie_pairs(name: &str, tree: Tree, style: Style) -> Result<Vec<(String, String)>, String> {
    if !matches!(style.kind, Kind::Form | Kind::Json) {
        return Err(format!(
            "style {} cannot be used in a cookie",
            style.kind.name()
        ));
    }
    let name = name.to_owned();
    Ok(match flat(tree, style)? {
        Flat::Undefined => Vec::new(),
        Flat::Text(text) => vec![(name, text)],
        Flat::List(items) if style.explode => {
            items.into_iter().map(|item| (name.clone(), item)).collect()
        }
        Flat::List(items) => vec![(name, items.join(","))],
        Flat::Map(map) if style.explode => map,
        Flat::Map(map) => vec![(name, members(&map, false, ",", |text| text.to_owned()))],
    })
}

/// RFC 6265 `cookie-octet` (printable ASCII except space, `"`, `;` and `\`), plus the comma that OpenAPI's
/// `form` style puts between array items; only `;` could start another cookie.
fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters is escaped,
/// so a value can never add a segment or a query to the URL.
pub fn encode_path_segment(value: &str) -> String {
    percent_encode(value, |_| false)
}

/// Percent-encodes a query name or value: unreserved characters stay, and with `allowReserved` the RFC 3986
/// reserved ones too; everything else (space as `%20`, `%` itself) is escaped.
pub fn encode_query(value: &str, allow_reserved: bool) -> String {
    percent_encode(value, |byte| {
        allow_reserved && b":/?#[]@!$&'()*+,;=".contains(&byte)
    })
}

fn percent_encode(value: &str, keep: impl Fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') || keep(byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}
