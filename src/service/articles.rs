//! `saywho.v1.ArticleService`: ingest, read, list and delete articles.

use super::names::{self, millis};
use super::view::View;
use super::writes::Writes;
use crate::index::{Created, Error, Index, NewArticle, PageRequest, Result};
use crate::model::ArticleMeta;
use crate::pb;
use crate::pb::article_service_server::ArticleService;
use tonic::{Request, Response, Status, Streaming};

/// The ArticleService handlers.
#[derive(Clone, Debug)]
pub struct ArticleApi {
    index: Index,
    writes: Writes,
}

impl ArticleApi {
    /// Handlers reading `index` and writing through `writes` (which holds the same index).
    pub fn new(index: Index, writes: Writes) -> Self {
        ArticleApi { index, writes }
    }

    /// Validates, extracts, stores durably and publishes.
    async fn create(&self, new: NewArticle) -> Result<Created> {
        let created = self.writes.create(new).await;
        crate::metrics::record_ingest(super::import::outcome(&created));
        created
    }
}

/// The wire create request to a domain submission (every field destructured, so a new proto
/// field fails the build until it is handled).
pub(super) fn new_article(
    article: Option<pb::Article>,
    article_id: String,
    request_id: String,
) -> Result<NewArticle> {
    let Some(pb::Article {
        name: _,
        text,
        outlet,
        url,
        title,
        publish_time,
        create_time: _,
        quote_count: _,
        claim_count: _,
        speaker_count: _,
        copy_of: _,
        copies: _,
    }) = article
    else {
        return Err(Error::invalid("article", "is required"));
    };
    let published_ms = match publish_time {
        Some(ts) => Some(millis(&ts, "article.publish_time")?),
        None => None,
    };
    Ok(NewArticle {
        id: (!article_id.is_empty()).then_some(article_id),
        request_id: (!request_id.is_empty()).then_some(request_id),
        text,
        meta: ArticleMeta {
            outlet: outlet.trim().to_string(),
            url,
            title,
            published_ms,
        },
    })
}

fn view_is_full(raw: i32, default_full: bool) -> Result<bool> {
    match pb::ArticleView::try_from(raw) {
        Ok(pb::ArticleView::Unspecified) => Ok(default_full),
        Ok(pb::ArticleView::Basic) => Ok(false),
        Ok(pb::ArticleView::Full) => Ok(true),
        Err(_) => Err(Error::invalid("view", format!("unknown value {raw}"))),
    }
}

#[tonic::async_trait]
impl ArticleService for ArticleApi {
    async fn create_article(
        &self,
        request: Request<pb::CreateArticleRequest>,
    ) -> Result<Response<pb::CreateArticleResponse>, Status> {
        let pb::CreateArticleRequest {
            article,
            article_id,
            request_id,
        } = request.into_inner();
        let created = self
            .create(new_article(article, article_id, request_id)?)
            .await?;
        tracing::info!(article = %created.record.article.id, existed = created.already_existed, "article created");
        let view = View::new(&self.index, pb::OffsetEncoding::Utf8);
        Ok(Response::new(pb::CreateArticleResponse {
            article: Some(view.article_message(&created.record, false)),
            already_existed: created.already_existed,
        }))
    }

    async fn import_articles(
        &self,
        request: Request<Streaming<pb::ImportArticlesRequest>>,
    ) -> Result<Response<pb::ImportArticlesResponse>, Status> {
        let response = super::import::import(&self.writes, request.into_inner()).await?;
        Ok(Response::new(response))
    }

    async fn get_article(
        &self,
        request: Request<pb::GetArticleRequest>,
    ) -> Result<Response<pb::GetArticleResponse>, Status> {
        let pb::GetArticleRequest { name, view } = request.into_inner();
        let id = names::parse(&name, "articles", "name")?;
        let full = view_is_full(view, true)?;
        let record = self.index.get_article(&id)?;
        let view = View::new(&self.index, pb::OffsetEncoding::Utf8);
        Ok(Response::new(pb::GetArticleResponse {
            article: Some(view.article_message(&record, full)),
        }))
    }

    async fn list_articles(
        &self,
        request: Request<pb::ListArticlesRequest>,
    ) -> Result<Response<pb::ListArticlesResponse>, Status> {
        let pb::ListArticlesRequest {
            page_size,
            page_token,
            outlet,
            view,
            speaker,
        } = request.into_inner();
        let full = view_is_full(view, false)?;
        let outlet = outlet.trim();
        let speaker = names::parse_optional(&speaker, "speakers", "speaker")?;
        let page = PageRequest::parse(
            page_size,
            &page_token,
            &[
                "articles",
                &outlet.to_lowercase(),
                speaker.as_deref().unwrap_or(""),
            ],
        )?;
        let found = self.index.list_articles(outlet, speaker.as_deref(), &page);
        let view = View::new(&self.index, pb::OffsetEncoding::Utf8);
        Ok(Response::new(pb::ListArticlesResponse {
            articles: found
                .items
                .iter()
                .map(|r| view.article_message(r, full))
                .collect(),
            next_page_token: found.next_page_token,
            total_size: found.total.unwrap_or_default() as i32,
        }))
    }

    async fn delete_article(
        &self,
        request: Request<pb::DeleteArticleRequest>,
    ) -> Result<Response<pb::DeleteArticleResponse>, Status> {
        let pb::DeleteArticleRequest {
            name,
            allow_missing,
        } = request.into_inner();
        let id = names::parse(&name, "articles", "name")?;
        let result = self.writes.delete(&id).await;
        let deleted = match result {
            Ok(d) => Some(d),
            Err(Error::NotFound { .. }) if allow_missing => None,
            Err(e) => return Err(e.into()),
        };
        tracing::info!(%name, deleted = deleted.is_some(), "article deleted");
        Ok(Response::new(pb::DeleteArticleResponse {
            name,
            deleted: deleted.is_some(),
            removed_quote_occurrences: deleted.map_or(0, |d| d.quote_occurrences as i32),
            removed_claim_occurrences: deleted.map_or(0, |d| d.claim_occurrences as i32),
        }))
    }
}
