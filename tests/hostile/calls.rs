//! The hostile requests of the table in `hostile.rs`, and how to send each.

use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use tonic::Status;
use tonic::transport::Channel;

/// One hostile request.
pub(crate) enum Call {
    Create(String),
    CreateRawText(Vec<u8>),
    Get(&'static str),
    Delete(&'static str),
    ListArticles {
        page_size: i32,
        page_token: String,
        view: i32,
    },
    ListQuotes {
        speaker: &'static str,
        article: &'static str,
        offset_encoding: i32,
    },
    GetQuote(&'static str),
    GetSpeaker(String),
    ListSpeakers {
        kind: i32,
    },
    Attribute(String),
    Search(String),
}

/// The wire form of CreateArticleRequest with `article.text` as raw bytes, to send what a
/// well-behaved client cannot: invalid UTF-8.
#[derive(Clone, PartialEq, prost::Message)]
struct RawCreate {
    #[prost(message, optional, tag = "1")]
    article: Option<RawArticle>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct RawArticle {
    #[prost(bytes = "vec", tag = "2")]
    text: Vec<u8>,
}

pub(crate) async fn run(call: Call, channel: &Channel) -> Result<(), Status> {
    let mut articles = ArticleServiceClient::new(channel.clone());
    let mut quotes = QuoteServiceClient::new(channel.clone());
    let mut speakers = SpeakerServiceClient::new(channel.clone());
    let article = |text: String| pb::CreateArticleRequest {
        article: Some(pb::Article {
            text,
            ..Default::default()
        }),
        ..Default::default()
    };
    match call {
        Call::Create(text) => articles.create_article(article(text)).await.map(drop),
        Call::CreateRawText(text) => {
            let mut grpc = tonic::client::Grpc::new(channel.clone());
            grpc.ready()
                .await
                .map_err(|e| Status::unknown(e.to_string()))?;
            let path =
                http::uri::PathAndQuery::from_static("/saywho.v1.ArticleService/CreateArticle");
            let codec = tonic_prost::ProstCodec::<RawCreate, pb::CreateArticleResponse>::default();
            let request = RawCreate {
                article: Some(RawArticle { text }),
            };
            grpc.unary(tonic::Request::new(request), path, codec)
                .await
                .map(drop)
        }
        Call::Get(name) => articles
            .get_article(pb::GetArticleRequest {
                name: name.into(),
                view: 0,
            })
            .await
            .map(drop),
        Call::Delete(name) => articles
            .delete_article(pb::DeleteArticleRequest {
                name: name.into(),
                allow_missing: false,
            })
            .await
            .map(drop),
        Call::ListArticles {
            page_size,
            page_token,
            view,
        } => articles
            .list_articles(pb::ListArticlesRequest {
                page_size,
                page_token,
                view,
                ..Default::default()
            })
            .await
            .map(drop),
        Call::ListQuotes {
            speaker,
            article,
            offset_encoding,
        } => quotes
            .list_quotes(pb::ListQuotesRequest {
                speaker: speaker.into(),
                article: article.into(),
                offset_encoding,
                ..Default::default()
            })
            .await
            .map(drop),
        Call::GetQuote(name) => quotes
            .get_quote(pb::GetQuoteRequest {
                name: name.into(),
                offset_encoding: 0,
            })
            .await
            .map(drop),
        Call::GetSpeaker(name) => speakers
            .get_speaker(pb::GetSpeakerRequest { name })
            .await
            .map(drop),
        Call::ListSpeakers { kind } => speakers
            .list_speakers(pb::ListSpeakersRequest {
                kind,
                ..Default::default()
            })
            .await
            .map(drop),
        Call::Attribute(text) => quotes
            .attribute_quote(pb::AttributeQuoteRequest {
                text,
                ..Default::default()
            })
            .await
            .map(drop),
        Call::Search(query) => quotes
            .search_quotes(pb::SearchQuotesRequest {
                query,
                ..Default::default()
            })
            .await
            .map(drop),
    }
}

/// A ListQuotes page token, to replay against ListArticles.
pub(crate) async fn foreign_token(channel: &Channel) -> String {
    let page = QuoteServiceClient::new(channel.clone())
        .list_quotes(pb::ListQuotesRequest {
            page_size: 1,
            ..Default::default()
        })
        .await
        .expect("list quotes")
        .into_inner();
    if page.next_page_token.is_empty() {
        // One quote only: make a token-shaped string that decodes but belongs to nothing.
        "eyJxIjoxLCJjIjoiU3RhcnQifQ".into()
    } else {
        page.next_page_token
    }
}
