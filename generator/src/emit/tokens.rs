//! Small token builders every emitter shares: identifiers, doc attributes and IR types as Rust types.

use crate::ir::{AnswerType, Api, Type};
use crate::names::is_kept_letter;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a name the `names` module produced (`r#type` becomes a raw identifier).
/// A name that is somehow not an identifier becomes `invalid_name` rather than a panic.
pub fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let valid = !bare.is_empty()
        && bare != "_"
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || is_kept_letter(c))
        && !bare.starts_with(|c: char| c.is_ascii_digit());
    match (valid, raw) {
        (true, true) => Ident::new_raw(bare, Span::call_site()),
        (true, false) => Ident::new(bare, Span::call_site()),
        (false, _) => Ident::new("invalid_name", Span::call_site()),
    }
}

/// `#[doc]` attributes for free text; spec text only ever reaches the output as string literals.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc]` inner attributes for module documentation, with the same care as [`doc`].
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Rustdoc code-block attributes: a fence whose info string holds one of these (or nothing) is a doctest.
const DOCTEST_WORDS: &[&str] = &[
    "rust",
    "no_run",
    "should_panic",
    "ignore",
    "compile_fail",
    "test_harness",
    "standalone_crate",
];

/// Splits spec text into doc lines that rustdoc will neither run as doctests nor read as code: line ends are
/// normalised (a bare CR is not allowed in a doc comment), fences that would be doctests become `text`
/// fences, and indentation outside fences is capped at three spaces so it never opens an indented code block
/// (list continuations keep theirs).
fn doc_lines(text: &str) -> Vec<String> {
    let normalised: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(doc_char)
        .collect();
    let mut lines = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in normalised.trim().lines() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => {
                let info = trimmed[run..].trim();
                let doctest = info.is_empty()
                    || info
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .any(|word| DOCTEST_WORDS.contains(&word) || word.starts_with("edition"));
                let fence_text: String = std::iter::repeat_n(c, run).collect();
                lines.push(if doctest {
                    format!(" {fence_text}text")
                } else {
                    format!(" {trimmed}")
                });
                fence = Some((c, run));
                continue;
            }
            (Some((c, length)), Some(m))
                if m == c && run >= length && trimmed[run..].trim().is_empty() =>
            {
                lines.push(format!(" {trimmed}"));
                fence = None;
                continue;
            }
            _ => {}
        }
        let kept = if fence.is_some() {
            line.trim_end().to_owned()
        } else {
            let indent = line.len() - trimmed.len();
            format!("{}{}", " ".repeat(indent.min(3)), trimmed.trim_end())
        };
        lines.push(if kept.trim().is_empty() {
            String::new()
        } else {
            format!(" {kept}")
        });
    }
    if let Some((c, length)) = fence {
        lines.push(format!(
            " {}",
            std::iter::repeat_n(c, length).collect::<String>()
        ));
    }
    lines
}

/// A character as it may stand in a doc comment: control characters other than newline and tab (NUL, escape
/// sequences) and the bidirectional overrides rustc denies in comments (`text_direction_codepoint_in_comment`,
/// a "Trojan Source" defence) become U+FFFD.
fn doc_char(c: char) -> char {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    if (c.is_control() && c != '\n' && c != '\t') || bidi {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Whether values of `ty` are exact decimals, alone or in arrays and maps (through aliases), and so need the
/// runtime's decimal glue to travel exactly: `Some(true)` when they are JSON strings, `Some(false)` numbers.
pub fn decimal_form(api: &Api, ty: &Type) -> Option<bool> {
    let mut ty = ty;
    // Aliases are acyclic by lowering; the bound only limits work.
    for _ in 0..64 {
        match ty {
            Type::Decimal { text } => return Some(*text),
            Type::Array(inner) | Type::Map(inner) => ty = inner,
            Type::Named(id) => match api.types.get(id.0).map(|def| &def.kind) {
                Some(crate::ir::TypeKind::Alias(target)) => ty = target,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// `#[serde(with = ...)]` arguments for a field or variant holding decimals (see [`decimal_form`]).
pub fn decimal_with(api: &Api, ty: &Type) -> Option<TokenStream> {
    decimal_form(api, ty).map(|text| {
        let module = if text {
            "runtime::decimal::text"
        } else {
            "runtime::decimal"
        };
        quote!(with = #module)
    })
}

/// The Rust type of an IR type.
pub fn rust_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::Bool => quote!(bool),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::Decimal { .. } => quote!(::rust_decimal::Decimal),
        Type::String => quote!(String),
        Type::Uuid => quote!(::uuid::Uuid),
        Type::DateTime { .. } => quote!(::chrono::DateTime<::chrono::Utc>),
        Type::Date => quote!(::chrono::NaiveDate),
        Type::Bytes => quote!(runtime::Base64),
        Type::Json => quote!(::serde_json::Value),
        Type::Array(item) => {
            let item = rust_type(api, item);
            quote!(Vec<#item>)
        }
        Type::Map(value) => {
            let value = rust_type(api, value);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        Type::Named(id) => match api.types.get(id.0) {
            Some(def) => {
                let name = ident(&def.name);
                quote!(#name)
            }
            None => quote!(::serde_json::Value),
        },
        Type::Boxed(inner) => {
            let inner = rust_type(api, inner);
            quote!(Box<#inner>)
        }
    }
}

/// The Rust type of an answer, as lowering decided it.
pub fn answer_type(api: &Api, ty: &AnswerType) -> TokenStream {
    match ty {
        AnswerType::Unit => quote!(()),
        AnswerType::Never => quote!(::std::convert::Infallible),
        AnswerType::Value(ty) => rust_type(api, ty),
        AnswerType::Text => quote!(String),
        AnswerType::Binary => quote!(::bytes::Bytes),
        AnswerType::Option(inner) => {
            let inner = answer_type(api, inner);
            quote!(Option<#inner>)
        }
        AnswerType::SuccessEnum(name) => {
            let name = ident(name);
            quote!(#name)
        }
        AnswerType::Envelope(code) => {
            let code = rust_type(api, code);
            quote!(runtime::EnvelopeError<#code>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_cannot_become_code_or_doctests() {
        let text = "Intro\r\n\n    indented();\n```\nfn main() {}\n```\n*/ \"quoted\"\n- item\n  more\r~~~~ rust,no_run\nx\n~~~~\n```json\n{}\n```\n```";
        let expected = vec![
            " Intro",
            "",
            "    indented();",
            " ```text",
            " fn main() {}",
            " ```",
            " */ \"quoted\"",
            " - item",
            "   more",
            " ~~~~text",
            " x",
            " ~~~~",
            " ```json",
            " {}",
            " ```",
            " ```text",
            " ```",
        ];
        assert_eq!(doc_lines(text), expected);
    }

    #[test]
    fn odd_names_never_panic() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("9lives").to_string(), "invalid_name");
        assert_eq!(ident("").to_string(), "invalid_name");
    }
}
