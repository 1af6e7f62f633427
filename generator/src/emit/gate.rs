//! Prints the `#[cfg(feature = ...)]` of the items that lowering gated behind cargo features per tag, and
//! lists the features in the module docs. Nothing is printed for [`Gate::Always`], so an API without
//! features by tag is emitted exactly as before.

use crate::ir::{Api, FULL_FEATURE, Feature, Gate};
use proc_macro2::TokenStream;
use quote::quote;

/// The condition of a gate: `feature = "a"`, or `any(feature = "a", feature = "b")`.
fn condition(gate: &Gate) -> Option<TokenStream> {
    match gate {
        Gate::Always => None,
        Gate::Any(features) => match features.as_slice() {
            [one] => Some(quote!(feature = #one)),
            many => Some(quote!(any(#(feature = #many),*))),
        },
    }
}

/// `#[cfg(...)]` for an item behind `gate`; nothing when it is always compiled.
pub fn cfg(gate: &Gate) -> Option<TokenStream> {
    let condition = condition(gate)?;
    Some(quote!(#[cfg(#condition)]))
}

/// Puts every item of a parsed chunk behind `gate`: an item that already has a `#[cfg(x)]` (the mocks'
/// `mock`) gets `#[cfg(all(x, gate))]`. Nothing changes when it is always compiled.
pub fn gate_file(file: &mut syn::File, gate: &Gate) -> Result<(), String> {
    let Some(condition) = condition(gate) else {
        return Ok(());
    };
    for item in &mut file.items {
        let Some(attrs) = attributes(item) else {
            continue;
        };
        let existing = attrs.iter_mut().find(|attr| attr.path().is_ident("cfg"));
        match existing.map(|attr| attr.parse_args::<TokenStream>().map(|inner| (attr, inner))) {
            Some(Ok((attr, inner))) => {
                *attr = syn::parse_quote!(#[cfg(all(#inner, #condition))]);
            }
            Some(Err(e)) => return Err(format!("internal error: unreadable cfg: {e}")),
            None => attrs.insert(0, syn::parse_quote!(#[cfg(#condition)])),
        }
    }
    Ok(())
}

/// The outer attributes of an item, for the kinds of items emission writes.
fn attributes(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Union(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

/// The module docs' list of the cargo features, when the API has features by tag.
pub fn features_doc(api: &Api) -> Option<String> {
    if api.gating.features.is_empty() {
        return None;
    }
    Some(format!(
        "\n\n# Cargo features\n\nEach tag of the spec is a cargo feature that compiles its operations (methods, \
         builders, mock stubs) and the types they use; `{FULL_FEATURE}` turns every one on, and a type no operation \
         uses is compiled only under `{FULL_FEATURE}`. A crate that includes this module declares them in its \
         `Cargo.toml`:\n\n```toml\n[features]\n{}```",
        feature_table(&api.gating.features)
    ))
}

/// The `[features]` lines of a crate that holds an API with features by tag: `default = ["full"]`, so that
/// a default build compiles everything, `full` with every feature, and each feature with its tag.
pub fn feature_table(features: &[Feature]) -> String {
    let names: Vec<String> = features
        .iter()
        .map(|feature| format!("{:?}", feature.name))
        .collect();
    let mut text = format!("default = [\"{FULL_FEATURE}\"]\n");
    text.push_str(&format!("{FULL_FEATURE} = [{}]\n", names.join(", ")));
    for feature in features {
        // A comment cannot end the doc's code fence or the line.
        let what = match &feature.tag {
            Some(tag) => format!("tag {:?}", tag.replace('`', "'")),
            None => "operations without a tag".to_owned(),
        };
        text.push_str(&format!("{} = [] # {what}\n", toml_key(&feature.name)));
    }
    text
}

/// A feature name as a TOML key: bare when it can be (letters, digits, `_`, `-`), else quoted.
fn toml_key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        format!("{name:?}")
    }
}
