//! `saywho.v1.SpeakerService`: speakers with aliases, roles and counts.

use super::names;
use super::view::{View, speaker_kind_filter};
use crate::index::{Error, Index, PageRequest};
use crate::pb;
use crate::pb::speaker_service_server::SpeakerService;
use tonic::{Request, Response, Status};

/// Most article names a speaker carries (`Speaker.articles`, the first by name); ListArticles
/// with a speaker filter pages through all of them.
pub const MAX_SPEAKER_ARTICLES: usize = 50;

/// The SpeakerService handlers.
#[derive(Clone, Debug)]
pub struct SpeakerApi {
    index: Index,
}

impl SpeakerApi {
    /// Handlers over `index`.
    pub fn new(index: Index) -> Self {
        SpeakerApi { index }
    }
}

#[tonic::async_trait]
impl SpeakerService for SpeakerApi {
    async fn get_speaker(
        &self,
        request: Request<pb::GetSpeakerRequest>,
    ) -> Result<Response<pb::GetSpeakerResponse>, Status> {
        let pb::GetSpeakerRequest { name } = request.into_inner();
        let id = names::parse(&name, "speakers", "name")?;
        let speaker = self.index.get_speaker(&id)?;
        let view = View::new(&self.index, pb::OffsetEncoding::Utf8);
        Ok(Response::new(pb::GetSpeakerResponse {
            speaker: Some(view.speaker_message(&speaker)),
        }))
    }

    async fn list_speakers(
        &self,
        request: Request<pb::ListSpeakersRequest>,
    ) -> Result<Response<pb::ListSpeakersResponse>, Status> {
        let pb::ListSpeakersRequest {
            page_size,
            page_token,
            query,
            kind,
        } = request.into_inner();
        let kind = pb::SpeakerKind::try_from(kind)
            .map_err(|_| Error::invalid("kind", format!("unknown value {kind}")))?;
        let kind_key = format!("{kind:?}");
        let page = PageRequest::parse(page_size, &page_token, &["speakers", &query, &kind_key])?;
        let found = self
            .index
            .list_speakers(&query, speaker_kind_filter(kind), &page);
        let view = View::new(&self.index, pb::OffsetEncoding::Utf8);
        Ok(Response::new(pb::ListSpeakersResponse {
            speakers: found
                .items
                .iter()
                .map(|s| view.speaker_message(s))
                .collect(),
            next_page_token: found.next_page_token,
            total_size: found.total.unwrap_or_default() as i32,
        }))
    }
}
