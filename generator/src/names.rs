//! Every Rust name the generator emits is decided here: case by heck, keywords escaped, collisions numbered.

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

/// Type names the generated code uses unqualified; a schema with one of these names is renamed.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Client",
    "ClientBuilder",
    "Clone",
    "Debug",
    "Default",
    "Err",
    "From",
    "Into",
    "None",
    "Ok",
    "Option",
    "PartialEq",
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
    "timeout",
    "to_owned",
    "try_from",
    "try_into",
    "type_id",
    "user_agent",
];

/// Makes `raw` an ASCII identifier body: words kept, everything else a separator; empty gives `fallback`.
fn ascii_words(raw: &str, fallback: &str) -> String {
    let mut cleaned = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            cleaned.push(c);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            // Non-ASCII letters would trip rustc's `uncommon_codepoints` lint; spell them as code points.
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
    let name = ascii_words(raw, "Unnamed").to_upper_camel_case();
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
    let name = ascii_words(raw, "value").to_snake_case();
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
        let mut counter = 2usize;
        loop {
            let candidate = format!("{bare}{counter}");
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
    }
}
