//! Every Rust name the generator emits is decided here: case by heck, keywords escaped, collisions numbered.
//!
//! Unstable: public for tools and tests only (see the crate docs); it changes with the pipeline, without a
//! semver promise.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Keywords of every edition up to 2024 (strict, reserved and `gen`) that a raw identifier can carry.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated code uses unqualified (types, traits and derives of the prelude, and the client's
/// own types); a schema with one of these names is renamed (`Option` becomes `Option2`).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Client",
    "ClientBuilder",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "From",
    "Hash",
    "Into",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Some",
    "String",
    "Sync",
    "Vec",
];

/// Methods every generated `Client` has (or inherits from std traits users call on it): operations and
/// credential setters must not take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "as_ref",
    "base_url",
    "borrow",
    "builder",
    "clone",
    "clone_from",
    "clone_into",
    "core",
    "eq",
    "fmt",
    "from",
    "into",
    "ne",
    "new",
    "to_owned",
    "try_from",
    "try_into",
    "type_id",
];

/// Members of every generated request builder: parameter fields and setters must not take these names.
/// (the methods of the API's `operations::Call` and its trait methods, the extension methods, and `request`,
/// the local the client method writes the required inputs into).
pub const REQUEST_BUILDER_MEMBERS: &[&str] = &[
    "body",
    "client",
    "decode",
    "fmt",
    "into_future",
    "into_inner",
    "into_request",
    "items",
    "new",
    "options",
    "paged",
    "pages",
    "request",
    "send",
    "send_and_wait",
    "send_with_response",
    "set",
    "with",
];

/// Methods every generated `ClientBuilder` has: server-variable and credential setters must not take these.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "borrow",
    "build",
    "clone",
    "clone_from",
    "clone_into",
    "connect_timeout",
    "fmt",
    "from",
    "http_client",
    "into",
    "max_response_bytes",
    "retry",
    "timeout",
    "to_owned",
    "token_refresh_margin",
    "try_from",
    "try_into",
    "type_id",
    "user_agent",
];

/// Methods of the generated `mock::Mock` (and, through `Deref`, of `runtime::mock::MockServer`): an
/// operation's stub constructor must not take these names.
pub const MOCK_SERVER_METHODS: &[&str] = &["start", "uri", "server", "stub", "verify"];

/// Methods of the generated `mock::Stub`: a stub's setters and answers must not take these names.
pub const STUB_METHODS: &[&str] = &[
    "delay",
    "with",
    "respond_header",
    "expect",
    "respond_status",
    "respond_redirect",
    "mount",
    "stub_set",
    "stub_body",
    "stub_json",
    "stub_raw",
    "stub_envelope",
    "stub_envelope_error",
    "push",
    "fail",
];

/// Names the `operations` module holds besides the operations' markers.
pub const OPERATIONS_MODULE_ITEMS: &[&str] = &["Self", "Call"];

/// Whether a non-ASCII character is kept as it is in identifiers. Rust accepts any XID character, but rustc
/// warns by default about characters UTS #39 does not recommend (`uncommon_codepoints`), about a script used
/// only through Latin look-alikes (`mixed_script_confusables`) and about two identifiers that look alike
/// (`confusable_idents`); the last two are crate-wide and cannot be allowed from a generated module. Kept are
/// Latin-1 and Latin Extended-A letters (`ä`, `é`, `ß`, `ł`; without those UTS #39 restricts and the dotless
/// `ı`, which reads as `i`), CJK ideographs, Hiragana, Katakana and Hangul syllables, each checked against
/// rustc. Any other character (Greek and Cyrillic among them, whose letters include many Latin look-alikes,
/// so that a name like `сор` would warn) is spelled as its code point (`U441`). What remains possible: a
/// crate whose only kana are look-alikes (`カ`, `ロ`, `へ` alone) or two names that differ only in
/// look-alike letters (`Đ`/`Ð`, `へ`/`ヘ`) still meet those crate-wide lints.
pub fn is_kept_letter(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}'
        | '\u{100}'..='\u{130}' | '\u{134}'..='\u{137}' | '\u{139}'..='\u{13E}'
        | '\u{141}'..='\u{148}' | '\u{14A}'..='\u{17E}'
        | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}'
        | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Makes `raw` an identifier body: words kept, everything else a separator; empty gives `fallback`.
/// Non-ASCII letters are kept when [`is_kept_letter`] allows, otherwise spelled as code points (`U3B1`).
fn identifier_words(raw: &str, fallback: &str) -> String {
    let mut cleaned = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || is_kept_letter(c) {
            cleaned.push(c);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            cleaned.push_str(&format!(" U{:X} ", u32::from(c)));
        } else {
            cleaned.push(' ');
        }
    }
    if cleaned.trim().is_empty() {
        fallback.to_owned()
    } else {
        cleaned
    }
}

/// An UpperCamelCase type or variant name for `raw`.
pub fn type_name(raw: &str) -> String {
    let name = identifier_words(raw, "Unnamed").to_upper_camel_case();
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    };
    if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// An UpperCamelCase enum variant for a wire value; a leading sign is spelled out (`-email` is `MinusEmail`),
/// since sort orders like `email` and `-email` would otherwise collide.
pub fn variant_name(value: &str) -> String {
    if let Some(rest) = value.strip_prefix('-') {
        type_name(&format!("minus {rest}"))
    } else if let Some(rest) = value.strip_prefix('+') {
        type_name(&format!("plus {rest}"))
    } else {
        type_name(value)
    }
}

/// A snake_case field, parameter or method name for `raw`, keyword-safe (`r#type`, `self_`).
pub fn value_name(raw: &str) -> String {
    let name = identifier_words(raw, "value").to_snake_case();
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    escape_keyword(&name)
}

/// Escapes a snake_case name that is a keyword.
pub fn escape_keyword(name: &str) -> String {
    if UNRAWABLE.contains(&name) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// Names already taken in one scope; a clash gets the next free numeric suffix, in claim order.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Claims `name`, or `name2`, `name3`… if taken. Raw identifiers compare by their bare text.
    pub fn claim(&mut self, name: &str) -> String {
        let bare = name.trim_start_matches("r#");
        if self.taken.insert(bare.to_owned()) {
            return name.to_owned();
        }
        // `Self_` numbered is `Self2`, not `Self_2` (which is not UpperCamelCase, and warns).
        let base = bare
            .strip_suffix('_')
            .filter(|stem| UNRAWABLE.contains(stem))
            .unwrap_or(bare);
        let mut counter = 2usize;
        loop {
            let candidate = format!("{base}{counter}");
            if self.taken.insert(candidate.clone()) {
                // A numbered name is never a keyword, so it needs no `r#`.
                return candidate;
            }
            counter += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(type_name("customer-access user"), "CustomerAccessUser");
        assert_eq!(type_name("2fa"), "V2fa");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name(""), "Unnamed");
        assert_eq!(variant_name("-email"), "MinusEmail");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("BI_MONTHLY"), "BiMonthly");
        assert_eq!(
            value_name("showZeroDollarCharges"),
            "show_zero_dollar_charges"
        );
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("gen"), "r#gen");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("ErrorId"), "error_id");
        assert_eq!(value_name("-email"), "email");
        assert_eq!(value_name("+"), "value");
        assert_eq!(value_name("crate"), "crate_");
        assert_eq!(value_name("super"), "super_");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn readable_scripts_stay_readable_and_others_are_code_points() {
        assert_eq!(type_name("größe"), "Größe");
        assert_eq!(value_name("Straße Nummer"), "straße_nummer");
        assert_eq!(type_name("été"), "Été");
        assert_eq!(type_name("顧客"), "顧客");
        assert_eq!(value_name("ユーザー名"), "ユーザー名");
        assert_eq!(type_name("αβ"), "U3b1U3b2");
        assert_eq!(value_name("имя"), "u438_u43c_u44f");
        assert_eq!(type_name("😀 face"), "Face");
        assert_eq!(type_name("ĳ"), "U133");
        assert_eq!(value_name("ıd"), "u131_d");
    }

    #[test]
    fn clashes_are_numbered_in_claim_order() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.claim("Client"), "Client2");
        assert_eq!(scope.claim("Pet"), "Pet");
        assert_eq!(scope.claim("Pet"), "Pet2");
        let mut fields = Scope::default();
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type2");
        let mut variants = Scope::default();
        assert_eq!(variants.claim("Self_"), "Self_");
        assert_eq!(variants.claim("Self_"), "Self2");
    }
}
