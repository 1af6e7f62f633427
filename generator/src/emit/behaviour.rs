//! Emits the methods that spec extensions switch on for an operation's builder: page and item streams
//! (`x-specgen-pagination`) and waiting for an asynchronous request (`x-specgen-poll`).

use super::tokens::{answer_type, doc, ident, rust_type};
use crate::ir::{Api, Operation, PageItems, PageKind};
use proc_macro2::TokenStream;
use quote::quote;

/// `pages()` and `items()` with the paging constant they share, for a paged operation.
pub fn paging_methods(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let paging = operation.pagination.as_ref()?;
    let success = answer_type(api, &operation.output.success);
    let error = answer_type(api, &operation.output.error);
    let param = &paging.param;
    let by_items = paging.kind == PageKind::Offset;
    let first = paging.first;
    let optional = |value: &Option<String>| match value {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    };
    let total = optional(&paging.total);
    let total_pages = optional(&paging.total_pages);
    let last_page_header = optional(&paging.last_page_header);
    let item = rust_type(api, &paging.item_type);
    let (count, take) = match &paging.items {
        PageItems::Whole => (quote!(page.len()), quote!(page)),
        PageItems::Field {
            rust_name,
            optional,
            nullable,
        } => {
            let field = ident(rust_name);
            match (optional, nullable) {
                (false, _) => (quote!(page.#field.len()), quote!(page.#field)),
                (true, false) => (
                    quote!(page.#field.as_ref().map_or(0, Vec::len)),
                    quote!(page.#field.unwrap_or_default()),
                ),
                (true, true) => (
                    quote!(page.#field.value().map_or(0, Vec::len)),
                    quote!(page.#field.into_value().unwrap_or_default()),
                ),
            }
        }
    };
    let moves = match paging.kind {
        PageKind::Offset => "by the number of items received",
        PageKind::Page => "by one page",
    };
    let pages_doc = doc(Some(&format!(
        "Every page, fetched as the stream is read: `{param}` moves {moves} from the value set on this builder \
         (or {first}). The stream ends after the last page, or with the first error."
    )));
    let items_doc = doc(Some(
        "Every item of every page in turn (see [`Self::pages`]).",
    ));
    Some(quote! {
        const PAGING: runtime::Paging = runtime::Paging {
            param: #param,
            by_items: #by_items,
            first: #first,
            total: #total,
            total_pages: #total_pages,
            last_page_header: #last_page_header,
        };

        #pages_doc
        pub fn pages(self) -> impl ::futures_util::Stream<Item = Result<#success, runtime::Error<#error>>> + Send + 'a {
            self.paged(&Self::PAGING, |page| #count).pages()
        }

        #items_doc
        pub fn items(self) -> impl ::futures_util::Stream<Item = Result<#item, runtime::Error<#error>>> + Send + 'a {
            self.paged(&Self::PAGING, |page| #count).items(|page| #take)
        }
    })
}

/// `send_and_wait()`: sends the operation, then polls its status operation (lowering checked that both
/// share one error type, since the wait returns either's errors) until it is no longer pending.
pub fn poll_method(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let poll = operation.poll.as_ref()?;
    let target = api.operations.get(poll.target)?;
    let mut bindings = Vec::new();
    let mut arguments = Vec::new();
    for param in target.params.iter().filter(|p| p.required) {
        let pointer = poll
            .arguments
            .iter()
            .find(|(name, _)| *name == param.wire_name)
            .map(|(_, pointer)| pointer)?;
        let name = ident(&format!(
            "argument_{}",
            param.rust_name.trim_start_matches("r#")
        ));
        let ty = rust_type(api, &param.ty);
        bindings.push(quote!(let #name: #ty = runtime::poll_argument(&answer, #pointer)?;));
        arguments.push(quote!(#name.clone()));
    }
    let target_method = ident(&target.method_name);
    let status = &poll.status;
    let pending = &poll.pending;
    let success = answer_type(api, &target.output.success);
    let error = answer_type(api, &target.output.error);
    let docs = doc(Some(&format!(
        "Sends the request, then reads [`Client::{}`] until its status (`{status}`) is none of {}, and returns that final status. \
         Waits grow from `poll`'s interval; past its timeout the wait ends with `runtime::Error::StillPending`.",
        target.method_name.trim_start_matches("r#"),
        pending
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    Some(quote! {
        #docs
        // The arguments are cloned for each read, whether or not their type is `Copy`.
        #[allow(clippy::clone_on_copy)]
        pub async fn send_and_wait(self, poll: runtime::PollOptions) -> Result<#success, runtime::Error<#error>> {
            let client = self.client();
            let answer = self.send_with_response().await?;
            #(#bindings)*
            runtime::poll(poll, #status, &[ #(#pending),* ], move || client.#target_method(#(#arguments),*).send()).await
        }
    })
}
