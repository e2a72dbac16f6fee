//! `saywho.v1.QuoteService`: who said it, what did they say, where did it appear.

use super::names::{self, millis};
use super::view::View;
use crate::index::{Detail, Error, Index, PageRequest, QuoteEvent, QuoteFilter, keys};
use crate::pb;
use crate::pb::quote_service_server::QuoteService;
use std::pin::Pin;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status};

/// Default and largest number of AttributeQuote candidates.
const DEFAULT_CANDIDATES: usize = 10;
const MAX_CANDIDATES: usize = 100;

/// The QuoteService handlers.
#[derive(Clone, Debug)]
pub struct QuoteApi {
    index: Index,
    /// Becomes `true` when the server shuts down: open watch streams end then.
    shutdown: Option<tokio::sync::watch::Receiver<bool>>,
}

impl QuoteApi {
    /// Handlers over `index`; watch streams end only when their client leaves.
    pub fn new(index: Index) -> Self {
        QuoteApi {
            index,
            shutdown: None,
        }
    }

    /// Handlers over `index` whose watch streams end when `shutdown` becomes `true`.
    pub fn with_shutdown(index: Index, shutdown: tokio::sync::watch::Receiver<bool>) -> Self {
        QuoteApi {
            index,
            shutdown: Some(shutdown),
        }
    }
}

/// Validates the outlet-count bounds of ListQuotes (0 = unbounded).
fn outlet_bounds(min: i32, max: i32) -> Result<(Option<usize>, Option<usize>), Error> {
    if min < 0 {
        return Err(Error::invalid("min_outlet_count", "must not be negative"));
    }
    if max < 0 {
        return Err(Error::invalid("max_outlet_count", "must not be negative"));
    }
    if max > 0 && max < min {
        return Err(Error::invalid(
            "max_outlet_count",
            "must not be below min_outlet_count",
        ));
    }
    let bound = |n: i32| (n > 0).then_some(n as usize);
    Ok((bound(min), bound(max)))
}

/// Completes once `rx` holds `true`; never completes without a receiver, or if its sender is
/// gone without saying so.
async fn shut_down(rx: Option<tokio::sync::watch::Receiver<bool>>) {
    if let Some(mut rx) = rx
        && rx.wait_for(|stopping| *stopping).await.is_ok()
    {
        return;
    }
    std::future::pending::<()>().await;
}

/// The stream type of WatchQuotes.
pub type WatchStream = Pin<Box<dyn Stream<Item = Result<pb::WatchQuotesResponse, Status>> + Send>>;

#[tonic::async_trait]
impl QuoteService for QuoteApi {
    async fn attribute_quote(
        &self,
        request: Request<pb::AttributeQuoteRequest>,
    ) -> Result<Response<pb::AttributeQuoteResponse>, Status> {
        let pb::AttributeQuoteRequest {
            text,
            max_candidates,
            offset_encoding,
            view,
        } = request.into_inner();
        let max = match max_candidates {
            n if n < 0 => {
                return Err(Error::invalid("max_candidates", "must not be negative").into());
            }
            0 => DEFAULT_CANDIDATES,
            n => (n as usize).min(MAX_CANDIDATES),
        };
        let encoding = names::encoding(offset_encoding)?;
        let detail = match names::quote_view(view)? {
            pb::QuoteView::Full => Detail::Occurrences,
            pb::QuoteView::Basic | pb::QuoteView::Unspecified => Detail::Counts,
        };
        let candidates = self.index.attribute(&text, max, detail)?;
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::AttributeQuoteResponse {
            candidates: candidates.iter().map(|c| view.candidate(c)).collect(),
        }))
    }

    async fn list_quotes(
        &self,
        request: Request<pb::ListQuotesRequest>,
    ) -> Result<Response<pb::ListQuotesResponse>, Status> {
        let pb::ListQuotesRequest {
            page_size,
            page_token,
            speaker,
            speaker_alias,
            article,
            outlet,
            start_time,
            end_time,
            offset_encoding,
            min_outlet_count,
            max_outlet_count,
            view: quote_view,
        } = request.into_inner();
        let (min_outlets, max_outlets) = outlet_bounds(min_outlet_count, max_outlet_count)?;
        let speaker = names::parse_optional(&speaker, "speakers", "speaker")?;
        let article = names::parse_optional(&article, "articles", "article")?;
        let encoding = names::encoding(offset_encoding)?;
        let quote_view = names::quote_view(quote_view)?;
        let start_ms = start_time.map(|t| millis(&t, "start_time")).transpose()?;
        let end_ms = end_time.map(|t| millis(&t, "end_time")).transpose()?;
        if let (Some(s), Some(e)) = (start_ms, end_ms)
            && e < s
        {
            return Err(Error::invalid("end_time", "must not be before start_time").into());
        }
        let outlet = outlet.trim().to_string();
        let range = format!("{start_ms:?}..{end_ms:?};{min_outlets:?}..{max_outlets:?}");
        let query = [
            "quotes",
            speaker.as_deref().unwrap_or(""),
            &speaker_alias,
            article.as_deref().unwrap_or(""),
            &outlet.to_lowercase(),
            &range,
        ];
        let page = PageRequest::parse(page_size, &page_token, &query)?;
        let mut speakers: Option<Vec<String>> = speaker.map(|s| vec![s]);
        if !speaker_alias.trim().is_empty() {
            let by_alias = self.index.speakers_by_alias(&speaker_alias);
            speakers = Some(match speakers {
                Some(ids) => ids.into_iter().filter(|id| by_alias.contains(id)).collect(),
                None => by_alias,
            });
        }
        let filter = QuoteFilter {
            speakers,
            article,
            outlet: (!outlet.is_empty()).then_some(outlet),
            start_ms,
            end_ms,
            min_outlets,
            max_outlets,
        };
        let found = self.index.list_quotes(&filter, &page);
        let mut view = View::new(&self.index, encoding);
        let mut reply = pb::ListQuotesResponse {
            next_page_token: found.next_page_token,
            ..Default::default()
        };
        if quote_view == pb::QuoteView::Full {
            reply.quotes = found
                .items
                .iter()
                .map(|g| view.quote_in(g, quote_view))
                .collect();
        } else {
            reply.encoded_quotes = view.basic_quotes_encoded(&found.items).into();
        }
        Ok(Response::new(reply))
    }

    async fn search_quotes(
        &self,
        request: Request<pb::SearchQuotesRequest>,
    ) -> Result<Response<pb::SearchQuotesResponse>, Status> {
        let pb::SearchQuotesRequest {
            query,
            page_size,
            page_token,
            offset_encoding,
            view: quote_view,
        } = request.into_inner();
        let encoding = names::encoding(offset_encoding)?;
        let quote_view = names::quote_view(quote_view)?;
        let normalised = keys::words(&query).join(" ");
        let page = PageRequest::parse(page_size, &page_token, &["search", &normalised])?;
        let found = self.index.search_quotes(&query, &page)?;
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::SearchQuotesResponse {
            results: found
                .items
                .iter()
                .map(|hit| pb::QuoteSearchResult {
                    quote: Some(view.quote_in(&hit.quote, quote_view)),
                    score: hit.score,
                    matched_terms: hit.matched_terms.clone(),
                })
                .collect(),
            next_page_token: found.next_page_token,
            total_size: found.total.unwrap_or_default() as i32,
        }))
    }

    async fn get_quote(
        &self,
        request: Request<pb::GetQuoteRequest>,
    ) -> Result<Response<pb::GetQuoteResponse>, Status> {
        let pb::GetQuoteRequest {
            name,
            offset_encoding,
        } = request.into_inner();
        let id = names::parse(&name, "quotes", "name")?;
        let encoding = names::encoding(offset_encoding)?;
        let quote = self.index.get_quote(&id)?;
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::GetQuoteResponse {
            quote: Some(view.quote_full(&quote)),
        }))
    }

    async fn list_attribution_conflicts(
        &self,
        request: Request<pb::ListAttributionConflictsRequest>,
    ) -> Result<Response<pb::ListAttributionConflictsResponse>, Status> {
        let pb::ListAttributionConflictsRequest {
            page_size,
            page_token,
            offset_encoding,
        } = request.into_inner();
        let encoding = names::encoding(offset_encoding)?;
        let page = PageRequest::parse(page_size, &page_token, &["conflicts"])?;
        let found = self.index.list_conflicts(&page);
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::ListAttributionConflictsResponse {
            conflicts: found.items.iter().map(|g| view.conflict(g)).collect(),
            next_page_token: found.next_page_token,
        }))
    }

    type WatchQuotesStream = WatchStream;

    async fn watch_quotes(
        &self,
        request: Request<pb::WatchQuotesRequest>,
    ) -> Result<Response<Self::WatchQuotesStream>, Status> {
        let pb::WatchQuotesRequest {
            speaker,
            text,
            offset_encoding,
        } = request.into_inner();
        let speaker = names::parse_optional(&speaker, "speakers", "speaker")?;
        let encoding = names::encoding(offset_encoding)?;
        let words = keys::words(&text);
        let index = self.index.clone();
        let stream =
            BroadcastStream::new(self.index.subscribe()).filter_map(move |item| match item {
                Ok(QuoteEvent { quote, occurrence }) => {
                    let speaker_ok = speaker
                        .as_ref()
                        .is_none_or(|s| occurrence.speaker.as_deref() == Some(s.as_str()));
                    let words_ok = words.iter().all(|w| quote.words.iter().any(|q| **q == **w));
                    (speaker_ok && words_ok).then(|| {
                        let mut view = View::new(&index, encoding);
                        Ok(pb::WatchQuotesResponse {
                            occurrence: Some(view.occurrence(&occurrence)),
                            quote: Some(view.quote(&quote)),
                        })
                    })
                }
                Err(BroadcastStreamRecvError::Lagged(missed)) => {
                    Some(Err(Error::Lagged { missed }.into()))
                }
            });
        let stream = futures::StreamExt::take_until(stream, shut_down(self.shutdown.clone()));
        Ok(Response::new(Box::pin(stream)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    #[tokio::test]
    async fn handler_validates_before_calling_the_index() {
        let api = QuoteApi::new(Index::new());
        let call = |max: i32| pb::AttributeQuoteRequest {
            text: "some words here".into(),
            max_candidates: max,
            offset_encoding: 0,
            view: 0,
        };
        let ok = api
            .attribute_quote(Request::new(call(0)))
            .await
            .expect("empty index answers");
        assert!(ok.into_inner().candidates.is_empty());
        let err = api
            .attribute_quote(Request::new(call(-1)))
            .await
            .expect_err("negative max");
        assert_eq!(err.code(), Code::InvalidArgument);
        let err = api
            .attribute_quote(Request::new(pb::AttributeQuoteRequest {
                view: 9,
                ..call(0)
            }))
            .await
            .expect_err("unknown view");
        assert_eq!(err.code(), Code::InvalidArgument);
        assert!(err.message().contains("view"), "{}", err.message());
    }
}
