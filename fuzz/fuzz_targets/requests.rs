//! Request validation: arbitrary bytes decoded as each saywho request message and handed to the
//! real handlers (over a small index) never panic; every refusal is a status, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prost::Message;
use saywho::index::{Index, NewArticle};
use saywho::pb;
use saywho::pb::article_service_server::ArticleService;
use saywho::pb::claim_service_server::ClaimService;
use saywho::pb::quote_service_server::QuoteService;
use saywho::pb::speaker_service_server::SpeakerService;
use saywho::service::{ArticleApi, ClaimApi, Limits, QuoteApi, SpeakerApi, Writes};
use saywho::store::Store;
use std::sync::OnceLock;
use tonic::Request;

struct Apis {
    runtime: tokio::runtime::Runtime,
    articles: ArticleApi,
    quotes: QuoteApi,
    speakers: SpeakerApi,
    claims: ClaimApi,
}

fn apis() -> &'static Apis {
    static APIS: OnceLock<Apis> = OnceLock::new();
    APIS.get_or_init(|| {
        let index = Index::new();
        for (id, text) in [
            ("a", "“We agreed,” Jane Doe said."),
            ("b", "Jane Doe said that talks failed."),
        ] {
            let new = NewArticle {
                id: Some(id.into()),
                text: text.into(),
                ..Default::default()
            };
            index.create_article(new).expect("seed article");
        }
        let writes = Writes::new(index.clone(), Store::in_memory(), Limits::default());
        Apis {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            articles: ArticleApi::new(index.clone(), writes),
            quotes: QuoteApi::new(index.clone()),
            speakers: SpeakerApi::new(index.clone()),
            claims: ClaimApi::new(index),
        }
    })
}

macro_rules! call {
    ($apis:expr, $bytes:expr, $service:ident . $method:ident ( $ty:ty )) => {
        if let Ok(message) = <$ty>::decode($bytes) {
            let _ = $apis
                .runtime
                .block_on($apis.$service.$method(Request::new(message)));
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let apis = apis();
    match which % 14 {
        0 => call!(
            apis,
            bytes,
            articles.create_article(pb::CreateArticleRequest)
        ),
        1 => call!(apis, bytes, articles.get_article(pb::GetArticleRequest)),
        2 => call!(apis, bytes, articles.list_articles(pb::ListArticlesRequest)),
        3 => call!(
            apis,
            bytes,
            articles.delete_article(pb::DeleteArticleRequest)
        ),
        4 => call!(
            apis,
            bytes,
            quotes.attribute_quote(pb::AttributeQuoteRequest)
        ),
        5 => call!(apis, bytes, quotes.list_quotes(pb::ListQuotesRequest)),
        6 => call!(apis, bytes, quotes.search_quotes(pb::SearchQuotesRequest)),
        7 => call!(apis, bytes, quotes.get_quote(pb::GetQuoteRequest)),
        8 => call!(
            apis,
            bytes,
            quotes.list_attribution_conflicts(pb::ListAttributionConflictsRequest)
        ),
        9 => call!(apis, bytes, speakers.get_speaker(pb::GetSpeakerRequest)),
        10 => call!(apis, bytes, speakers.list_speakers(pb::ListSpeakersRequest)),
        11 => call!(apis, bytes, claims.get_claim(pb::GetClaimRequest)),
        12 => call!(apis, bytes, claims.list_claims(pb::ListClaimsRequest)),
        _ => call!(apis, bytes, quotes.watch_quotes(pb::WatchQuotesRequest)),
    }
});
