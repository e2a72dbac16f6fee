//! `saywho.v1.QuoteService`: who said it, what did they say, where did it appear.

use super::names::{self, millis};
use super::view::View;
use crate::index::{Error, Index, PageRequest, QuoteEvent, QuoteFilter, keys};
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
}

impl QuoteApi {
    /// Handlers over `index`.
    pub fn new(index: Index) -> Self {
        QuoteApi { index }
    }
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
        } = request.into_inner();
        let max = match max_candidates {
            n if n < 0 => {
                return Err(Error::invalid("max_candidates", "must not be negative").into());
            }
            0 => DEFAULT_CANDIDATES,
            n => (n as usize).min(MAX_CANDIDATES),
        };
        let encoding = names::encoding(offset_encoding)?;
        let candidates = self.index.attribute(&text, max)?;
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
        } = request.into_inner();
        let speaker = names::parse_optional(&speaker, "speakers", "speaker")?;
        let article = names::parse_optional(&article, "articles", "article")?;
        let encoding = names::encoding(offset_encoding)?;
        let start_ms = start_time.map(|t| millis(&t, "start_time")).transpose()?;
        let end_ms = end_time.map(|t| millis(&t, "end_time")).transpose()?;
        if let (Some(s), Some(e)) = (start_ms, end_ms)
            && e < s
        {
            return Err(Error::invalid("end_time", "must not be before start_time").into());
        }
        let outlet = outlet.trim().to_string();
        let range = format!("{start_ms:?}..{end_ms:?}");
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
        };
        let found = self.index.list_quotes(&filter, &page);
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::ListQuotesResponse {
            quotes: found.items.iter().map(|g| view.quote(g)).collect(),
            next_page_token: found.next_page_token,
        }))
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
        } = request.into_inner();
        let encoding = names::encoding(offset_encoding)?;
        let normalised = keys::words(&query).join(" ");
        let page = PageRequest::parse(page_size, &page_token, &["search", &normalised])?;
        let found = self.index.search_quotes(&query, &page)?;
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::SearchQuotesResponse {
            results: found
                .items
                .iter()
                .map(|hit| pb::QuoteSearchResult {
                    quote: Some(view.quote(&hit.quote)),
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
            quote: Some(view.quote(&quote)),
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
                        .is_none_or(|s| occurrence.speaker.as_ref() == Some(s));
                    let words_ok = words.iter().all(|w| quote.words.contains(w));
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
        Ok(Response::new(Box::pin(stream)))
    }
}
