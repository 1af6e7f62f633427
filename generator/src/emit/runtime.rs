//! Embeds the runtime (`generator/runtime/*.rs`) into generated code as a `runtime` module.

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
    ("envelope", include_str!("../../runtime/src/envelope.rs")),
    ("error", include_str!("../../runtime/src/error.rs")),
    ("mock", include_str!("../../runtime/src/mock.rs")),
    ("nullable", include_str!("../../runtime/src/nullable.rs")),
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
    let attrs = &root.attrs;
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
                let inner_items = &file.items;
                let (outer_attrs, vis, ident) = (&module.attrs, &module.vis, &module.ident);
                items.push(quote! { #(#outer_attrs)* #vis mod #ident { #(#inner_attrs)* #(#inner_items)* } });
            }
            other => items.push(other.to_token_stream()),
        }
    }
    Ok(quote! {
        pub mod runtime {
            #(#attrs)*
            #(#items)*
        }
    })
}
