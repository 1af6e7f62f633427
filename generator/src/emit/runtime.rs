//! Embeds the runtime crate's sources (`generator/runtime/src/*.rs`) into generated code as a `runtime`
//! module, for single-file output (`RuntimeMode::Embedded`). Its unit tests (`#[cfg(test)]` items) stay behind.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// The runtime's root module source.
const ROOT: &str = include_str!("../../runtime/src/lib.rs");

/// The runtime's submodules, by name.
const FILES: &[(&str, &str)] = &[
    ("auth", include_str!("../../runtime/src/auth.rs")),
    ("base64", include_str!("../../runtime/src/base64.rs")),
    ("body", include_str!("../../runtime/src/body.rs")),
    ("call", include_str!("../../runtime/src/call.rs")),
    ("client", include_str!("../../runtime/src/client.rs")),
    ("datetime", include_str!("../../runtime/src/datetime.rs")),
    ("decimal", include_str!("../../runtime/src/decimal.rs")),
    ("enums", include_str!("../../runtime/src/enums.rs")),
    ("envelope", include_str!("../../runtime/src/envelope.rs")),
    ("error", include_str!("../../runtime/src/error.rs")),
    ("mock", include_str!("../../runtime/src/mock.rs")),
    ("nullable", include_str!("../../runtime/src/nullable.rs")),
    ("object", include_str!("../../runtime/src/object.rs")),
    ("options", include_str!("../../runtime/src/options.rs")),
    ("paging", include_str!("../../runtime/src/paging.rs")),
    ("params", include_str!("../../runtime/src/params.rs")),
    ("poll", include_str!("../../runtime/src/poll.rs")),
    ("request", include_str!("../../runtime/src/request.rs")),
    ("response", include_str!("../../runtime/src/response.rs")),
    ("retry", include_str!("../../runtime/src/retry.rs")),
    ("secret", include_str!("../../runtime/src/secret.rs")),
    ("send", include_str!("../../runtime/src/send.rs")),
    ("tagged", include_str!("../../runtime/src/tagged.rs")),
    ("token", include_str!("../../runtime/src/token.rs")),
];

/// `pub mod runtime { ... }` with every submodule inlined.
pub fn runtime_module() -> Result<TokenStream, String> {
    let root: syn::File =
        syn::parse_str(ROOT).map_err(|e| format!("runtime/mod.rs does not parse: {e}"))?;
    // The crate docs describe the specgen-runtime crate, and their examples name it: an embedded copy, which
    // has no such dependency, gets a line of its own instead (its doctests would not compile there).
    let attrs = root
        .attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("doc"));
    let mut items = Vec::new();
    for item in &root.items {
        match item {
            syn::Item::Mod(module) if module.content.is_none() => {
                let name = module.ident.to_string();
                let source = FILES
                    .iter()
                    .find(|(file, _)| *file == name)
                    .map(|(_, source)| *source)
                    .ok_or_else(|| format!("runtime module {name} has no source file"))?;
                let file: syn::File = syn::parse_str(source)
                    .map_err(|e| format!("runtime/{name}.rs does not parse: {e}"))?;
                let inner_attrs = &file.attrs;
                let inner_items = crate_local_macros(
                    file.items
                        .iter()
                        .filter(|item| !is_test_only(item))
                        .cloned()
                        .collect(),
                );
                let (outer_attrs, vis, ident) = (&module.attrs, &module.vis, &module.ident);
                items.push(quote! { #(#outer_attrs)* #vis mod #ident { #(#inner_attrs)* #(#inner_items)* } });
            }
            other if !is_test_only(other) => items.push(other.to_token_stream()),
            _ => {}
        }
    }
    Ok(quote! {
        pub mod runtime {
            #![doc = "The runtime shared by the generated clients: the sources of the `specgen-runtime` crate, embedded."]
            // The runtime is written for Rust 1.85, before let chains: clippy in a crate on a later Rust would
            // ask for them in code the user does not own.
            #![allow(clippy::collapsible_if)]
            #(#attrs)*
            #(#items)*
        }
    })
}

/// The runtime crate exports its table macros (`#[macro_export] macro_rules! __string_enum`, re-exported
/// as `pub use crate::__string_enum as string_enum;`), which puts them at the root of whatever crate compiles
/// the file: two embedded copies in one crate (two single-file modules) would then define the same root
/// name twice. An embedded copy keeps them in its own module instead: the export attribute goes, and the
/// re-export becomes a crate-local `use` of the macro, after its definition (where a local macro is
/// visible by path).
fn crate_local_macros(items: Vec<syn::Item>) -> Vec<syn::Item> {
    let mut kept = Vec::with_capacity(items.len());
    let mut reexports = Vec::new();
    for mut item in items {
        match &mut item {
            syn::Item::Macro(definition) => {
                definition
                    .attrs
                    .retain(|attr| !attr.path().is_ident("macro_export"));
                kept.push(item);
            }
            syn::Item::Use(import) => match exported_macro(&import.tree) {
                Some((name, alias)) => {
                    let attrs = &import.attrs;
                    // Unlike a public re-export, a crate-local one is linted when the API has no use
                    // for that macro (no integer enum, say).
                    reexports.push(syn::parse_quote! {
                        #(#attrs)* #[allow(unused_imports)] pub(crate) use #name as #alias;
                    });
                }
                None => kept.push(item),
            },
            _ => kept.push(item),
        }
    }
    kept.extend(reexports);
    kept
}

/// `crate::__name as alias`: the re-export of a macro the runtime exports at its crate root (the `__`
/// prefix is how the runtime marks those).
fn exported_macro(tree: &syn::UseTree) -> Option<(syn::Ident, syn::Ident)> {
    let syn::UseTree::Path(path) = tree else {
        return None;
    };
    let syn::UseTree::Rename(rename) = path.tree.as_ref() else {
        return None;
    };
    (path.ident == "crate" && rename.ident.to_string().starts_with("__"))
        .then(|| (rename.ident.clone(), rename.rename.clone()))
}

/// Whether an item exists only in the runtime crate's own test build (`#[cfg(test)]`).
fn is_test_only(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(module) => &module.attrs,
        syn::Item::Fn(function) => &function.attrs,
        syn::Item::Use(import) => &import.attrs,
        syn::Item::Impl(block) => &block.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Const(item) => &item.attrs,
        _ => return false,
    };
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|condition| condition == "test")
    })
}
