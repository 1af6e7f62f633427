//! Small token builders every emitter shares: identifiers, doc attributes and IR types as Rust types.

use crate::ir::{Api, Type};
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
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
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

/// Splits text into doc lines that rustdoc will not run as doctests: fences without a language become
/// `text` fences and indented blocks lose their indentation.
fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && (info.trim().is_empty() || info.trim() == "rust") {
                lines.push(" ```text".to_owned());
                continue;
            }
            lines.push(format!(" {trimmed}"));
            continue;
        }
        let kept = if in_fence {
            line.trim_end()
        } else {
            line.trim()
        };
        lines.push(if kept.is_empty() {
            String::new()
        } else {
            format!(" {kept}")
        });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// The Rust type of an IR type.
pub fn rust_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::Bool => quote!(bool),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::String => quote!(String),
        Type::Uuid => quote!(::uuid::Uuid),
        Type::DateTime { .. } => quote!(::chrono::DateTime<::chrono::Utc>),
        Type::Date => quote!(::chrono::NaiveDate),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_cannot_become_code_or_doctests() {
        let lines = doc_lines("Intro\n\n    indented();\n```\nfn main() {}\n```\n*/ \"quoted\"");
        assert_eq!(
            lines,
            vec![
                " Intro",
                "",
                " indented();",
                " ```text",
                " fn main() {}",
                " ```",
                " */ \"quoted\""
            ]
        );
    }

    #[test]
    fn odd_names_never_panic() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("9lives").to_string(), "invalid_name");
        assert_eq!(ident("").to_string(), "invalid_name");
    }
}
