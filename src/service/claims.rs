//! `saywho.v1.ClaimService`: attributed claims across outlets.

use super::names;
use super::view::View;
use crate::index::{Index, PageRequest};
use crate::pb;
use crate::pb::claim_service_server::ClaimService;
use tonic::{Request, Response, Status};

/// The ClaimService handlers.
#[derive(Clone, Debug)]
pub struct ClaimApi {
    index: Index,
}

impl ClaimApi {
    /// Handlers over `index`.
    pub fn new(index: Index) -> Self {
        ClaimApi { index }
    }
}

#[tonic::async_trait]
impl ClaimService for ClaimApi {
    async fn get_claim(
        &self,
        request: Request<pb::GetClaimRequest>,
    ) -> Result<Response<pb::GetClaimResponse>, Status> {
        let pb::GetClaimRequest {
            name,
            offset_encoding,
        } = request.into_inner();
        let id = names::parse(&name, "claims", "name")?;
        let encoding = names::encoding(offset_encoding)?;
        let claim = self.index.get_claim(&id)?;
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::GetClaimResponse {
            claim: Some(view.claim(&claim)),
        }))
    }

    async fn list_claims(
        &self,
        request: Request<pb::ListClaimsRequest>,
    ) -> Result<Response<pb::ListClaimsResponse>, Status> {
        let pb::ListClaimsRequest {
            page_size,
            page_token,
            claimant,
            outlet,
            offset_encoding,
        } = request.into_inner();
        let claimant_id =
            names::parse_optional(&claimant, "speakers", "claimant")?.unwrap_or_default();
        let encoding = names::encoding(offset_encoding)?;
        let outlet = outlet.trim();
        let page = PageRequest::parse(
            page_size,
            &page_token,
            &["claims", &claimant_id, &outlet.to_lowercase()],
        )?;
        let found = self.index.list_claims(&claimant_id, outlet, &page);
        let mut view = View::new(&self.index, encoding);
        Ok(Response::new(pb::ListClaimsResponse {
            claims: found.items.iter().map(|c| view.claim(c)).collect(),
            next_page_token: found.next_page_token,
        }))
    }
}
