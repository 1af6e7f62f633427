//! Streams over the pages of a list operation (`x-specgen-pagination`), and over their items: each page
//! is fetched when the stream is read, by moving one query parameter (an offset or a page number).

use super::client::ClientCore;
use super::error::Error;
use super::options::CallOptions;
use super::params::encode_query;
use super::request::{OperationInfo, Request};
use super::response::RawResponse;
use futures_util::{Stream, TryStreamExt};
use std::time::Duration;
use tokio::time::Instant;

/// How a list operation pages, as its spec says.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// The integer query parameter that moves from page to page.
    pub param: &'static str,
    /// Whether it counts items (an offset) or pages.
    pub by_items: bool,
    /// Its value for the first page when the caller does not set it.
    pub first: i64,
    /// Pointer into the answer body to the total number of items.
    pub total: Option<&'static str>,
    /// Pointer into the answer body to the number of pages.
    pub total_pages: Option<&'static str>,
    /// Header holding the index of the last page.
    pub last_page_header: Option<&'static str>,
}

impl Paging {
    /// The parameter's value for the page after the one at `at` that brought `received` items, or
    /// `None` when that page was the last.
    pub fn next(&self, at: i64, received: usize, response: &RawResponse) -> Option<i64> {
        if received == 0 {
            return None;
        }
        let step = if self.by_items {
            i64::try_from(received).ok()?
        } else {
            1
        };
        let next = at.checked_add(step)?;
        // The body is read back only when a pointer asks for it, and then once.
        let body = (self.total.is_some() || self.total_pages.is_some())
            .then(|| serde_json::from_slice::<serde_json::Value>(response.body()).ok())
            .flatten();
        let number_at = |pointer: Option<&str>| body.as_ref()?.pointer(pointer?)?.as_i64();
        if let Some(total) = number_at(self.total) {
            // `total` counts items, from `first` on. Offsets say how many were seen; page numbers only say
            // how many pages were, so those pages times this page's size stand in: a lower bound (only the
            // last page can be short), so a short last page costs one more request, never a lost page.
            let positions = next.saturating_sub(self.first);
            let seen = if self.by_items {
                positions
            } else {
                positions.saturating_mul(i64::try_from(received).ok()?)
            };
            if seen >= total {
                return None;
            }
        }
        if let Some(pages) = number_at(self.total_pages) {
            if next.saturating_sub(self.first) >= pages {
                return None;
            }
        }
        if let Some(last) = self.last_page_header.and_then(|name| {
            response
                .headers()
                .get(name)?
                .to_str()
                .ok()?
                .trim()
                .parse::<i64>()
                .ok()
        }) {
            if next > last {
                return None;
            }
        }
        Some(next)
    }

    /// The parameter's value in a request: the caller's, or the first page.
    fn start(&self, request: &Request) -> i64 {
        let name = encode_query(self.param, false);
        request
            .query
            .iter()
            .find(|(known, _)| *known == name)
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(self.first)
    }
}

/// A list call whose pages are fetched one after the other.
pub struct PagedCall<'a, T, E> {
    /// The client.
    pub core: &'a ClientCore,
    /// The first page's request.
    pub request: Request,
    /// The call's settings, for every page (and the walk's deadline).
    pub options: CallOptions,
    /// The operation.
    pub operation: &'static OperationInfo,
    /// How it pages.
    pub paging: &'static Paging,
    /// Its decoder.
    pub decode: fn(RawResponse) -> Result<T, Error<E>>,
    /// How many items a page holds.
    pub count: fn(&T) -> usize,
}

impl<'a, T: Send + 'a, E: Send + 'a> PagedCall<'a, T, E> {
    /// Every page in turn; the stream ends after the last page or the first error. With
    /// [`CallOptions::walk_deadline`], the walk ends with `Error::DeadlineExceeded` when it passes.
    pub fn pages(self) -> impl Stream<Item = Result<T, Error<E>>> + Send + 'a {
        let at = self.paging.start(&self.request);
        let PagedCall {
            core,
            mut request,
            options,
            operation,
            paging,
            decode,
            count,
        } = self;
        // The first page asks for its position too, so that every page's request says where it starts.
        request.set_query(paging.param, &at.to_string());
        let walk = options.walk_deadline;
        futures_util::stream::unfold(Some((request, at, None)), move |state| {
            let mut options = options.clone();
            async move {
                let (mut request, at, ends) = state?;
                // The walk's clock starts with the first page's request; a deadline too long for the
                // clock is none.
                let ends: Option<(Instant, Duration)> = ends.or_else(|| {
                    walk.and_then(|deadline| {
                        Some((Instant::now().checked_add(deadline)?, deadline))
                    })
                });
                if let Some((ends, deadline)) = ends {
                    if Instant::now() >= ends {
                        return Some((Err(Error::DeadlineExceeded { deadline }), None));
                    }
                }
                options.walk_ends = ends;
                let response = match core.execute(request.clone(), operation, options).await {
                    Ok(response) => response,
                    Err(error) => return Some((Err(error.widen()), None)),
                };
                match decode(response.clone()) {
                    Err(error) => Some((Err(error), None)),
                    Ok(page) => {
                        let following = paging.next(at, count(&page), &response).map(|next| {
                            request.set_query(paging.param, &next.to_string());
                            (request, next, ends)
                        });
                        Some((Ok(page), following))
                    }
                }
            }
        })
    }

    /// Every item of every page in turn.
    pub fn items<I: Send + 'a>(
        self,
        take: fn(T) -> Vec<I>,
    ) -> impl Stream<Item = Result<I, Error<E>>> + Send + 'a {
        self.pages()
            .map_ok(move |page| futures_util::stream::iter(take(page).into_iter().map(Ok)))
            .try_flatten()
    }
}

impl<T, E> std::fmt::Debug for PagedCall<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PagedCall")
            .field("operation", &self.operation.id)
            .field("paging", self.paging)
            .finish_non_exhaustive()
    }
}
