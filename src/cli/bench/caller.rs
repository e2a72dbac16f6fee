//! One caller of the closed loop: a client per service on one channel, and the request each
//! method sends, drawn round-robin from the payloads.

use prost::Message as _;
use saywho::corpus::parse_time;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use saywho::pb::{
    Article, AttributeQuoteRequest, CreateArticleRequest, GetSpeakerRequest, ListArticlesRequest,
    ListQuotesRequest, SearchQuotesRequest,
};
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_client::HealthClient;

use super::payload::Payloads;
use super::runner::Method;

/// A unique-per-run tag for CreateArticle ids (lower-case letters and digits).
pub(super) fn run_tag() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{:x}",
        (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32)
    )
}

/// One caller's clients.
pub(super) struct Caller {
    health: HealthClient<Channel>,
    quotes: QuoteServiceClient<Channel>,
    speakers: SpeakerServiceClient<Channel>,
    articles: ArticleServiceClient<Channel>,
}

impl Caller {
    pub(super) fn new(ch: Channel) -> Caller {
        Caller {
            health: HealthClient::new(ch.clone()),
            quotes: QuoteServiceClient::new(ch.clone()),
            speakers: SpeakerServiceClient::new(ch.clone()),
            articles: ArticleServiceClient::new(ch),
        }
    }

    /// Sends call number `k` of `method`; returns the response size in bytes, or the gRPC code
    /// on failure.
    pub(super) async fn call(
        &mut self,
        method: Method,
        p: &Payloads,
        k: usize,
        tag: &str,
    ) -> Result<usize, tonic::Code> {
        let pick = |v: &Vec<String>| v.get(k % v.len().max(1)).cloned().unwrap_or_default();
        let r = match method {
            Method::Health | Method::All => self
                .health
                .check(HealthCheckRequest {
                    service: String::new(),
                })
                .await
                .map(|r| r.into_inner().encoded_len()),
            Method::AttributeQuote | Method::AttributeQuoteFull => {
                let req = AttributeQuoteRequest {
                    text: pick(&p.quotes),
                    max_candidates: 5,
                    view: method.quote_view() as i32,
                    ..Default::default()
                };
                self.quotes
                    .attribute_quote(req)
                    .await
                    .map(|r| r.into_inner().encoded_len())
            }
            Method::ListQuotes | Method::ListQuotesFull => {
                let req = ListQuotesRequest {
                    page_size: 20,
                    speaker: pick(&p.speakers),
                    view: method.quote_view() as i32,
                    ..Default::default()
                };
                self.quotes
                    .list_quotes(req)
                    .await
                    .map(|r| r.into_inner().encoded_len())
            }
            Method::SearchQuotes | Method::SearchQuotesFull => {
                let req = SearchQuotesRequest {
                    query: pick(&p.queries),
                    page_size: 20,
                    view: method.quote_view() as i32,
                    ..Default::default()
                };
                self.quotes
                    .search_quotes(req)
                    .await
                    .map(|r| r.into_inner().encoded_len())
            }
            Method::GetSpeaker => self
                .speakers
                .get_speaker(GetSpeakerRequest {
                    name: pick(&p.speakers),
                })
                .await
                .map(|r| r.into_inner().encoded_len()),
            Method::ListArticles => {
                let req = ListArticlesRequest {
                    page_size: 20,
                    speaker: pick(&p.speakers),
                    ..Default::default()
                };
                self.articles
                    .list_articles(req)
                    .await
                    .map(|r| r.into_inner().encoded_len())
            }
            Method::CreateArticle => {
                let Some(a) = p.articles.get(k % p.articles.len().max(1)) else {
                    return Err(tonic::Code::FailedPrecondition);
                };
                let article = Article {
                    text: a.text.clone(),
                    outlet: a.outlet.clone(),
                    url: a.url.clone(),
                    publish_time: parse_time(&a.published),
                    ..Default::default()
                };
                let req = CreateArticleRequest {
                    article: Some(article),
                    article_id: format!("bench-{tag}-{k}"),
                    ..Default::default()
                };
                self.articles
                    .create_article(req)
                    .await
                    .map(|r| r.into_inner().encoded_len())
            }
        };
        r.map_err(|s| s.code())
    }
}
