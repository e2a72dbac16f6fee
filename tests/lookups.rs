//! The lookups over the wire: who said it, quotes, search, speakers, claims, conflicts, watch.
//!
//! Quote lookups are in `quotes`, watch streams in `watch`, health and reflection in
//! `discovery`; speakers, claims and conflicts are here, beside the corpus they all share.

use crate::util::{TestServer, extraction, put};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;

mod discovery;
mod quotes;
mod watch;

/// Short for a person speaker.
const P: SpeakerKind = SpeakerKind::Person;

/// Two outlets carry Rubio's words (one in full, one a fragment); a third gives the same words
/// to somebody else; Lavrov makes a claim in two outlets.
fn corpus() -> Index {
    let index = Index::new();
    let a = "Ünïcode first. \"Today we took an important step forward,\" Rubio said. Lavrov said the talks were useful.";
    let rubio_lavrov = [
        ("Marco Rubio", P, &["Rubio"][..]),
        ("Sergey Lavrov", P, &["Lavrov"][..]),
    ];
    put(
        &index,
        "a",
        "Outlet A",
        a,
        extraction(
            a,
            &rubio_lavrov,
            &[("Today we took an important step forward", Some(0))],
            &[("the talks were useful", Some(1))],
        ),
    );
    let b = "“An important step forward,” said Rubio. Russia's Lavrov said the talks were useful.";
    put(
        &index,
        "b",
        "Outlet B",
        b,
        extraction(
            b,
            &[
                ("Marco Rubio", P, &["Rubio"]),
                ("Sergey Lavrov", P, &["Russia's Lavrov"]),
            ],
            &[("An important step forward", Some(0))],
            &[("the talks were useful", Some(1))],
        ),
    );
    let c = "\"Today we took an important step forward,\" Witkoff said.";
    put(
        &index,
        "c",
        "Outlet C",
        c,
        extraction(
            c,
            &[("Steve Witkoff", P, &["Witkoff"])],
            &[("Today we took an important step forward", Some(0))],
            &[],
        ),
    );
    index
}

#[tokio::test]
async fn speakers_claims_and_conflicts() {
    let server = TestServer::start(corpus()).await;
    let mut s = server.speakers();
    let found = s
        .list_speakers(pb::ListSpeakersRequest {
            query: "Russia’s LAVROV".into(),
            ..Default::default()
        })
        .await
        .expect("speakers")
        .into_inner();
    assert_eq!(found.speakers.len(), 1);
    let lavrov = &found.speakers[0];
    assert_eq!(lavrov.display_name, "Sergey Lavrov");
    assert_eq!((lavrov.article_count, lavrov.claim_count), (2, 2));

    let claims = server
        .claims()
        .list_claims(pb::ListClaimsRequest {
            claimant: lavrov.name.clone(),
            ..Default::default()
        })
        .await
        .expect("claims")
        .into_inner();
    assert_eq!(claims.claims.len(), 1);
    let claim = &claims.claims[0];
    assert_eq!(claim.independent_outlet_count, 2);
    assert_eq!(claim.corroborating_outlets, ["Outlet A", "Outlet B"]);

    let conflicts = server
        .quotes()
        .list_attribution_conflicts(pb::ListAttributionConflictsRequest::default())
        .await
        .expect("conflicts")
        .into_inner();
    assert_eq!(conflicts.conflicts.len(), 1);
    let sides: Vec<String> = conflicts.conflicts[0]
        .sides
        .iter()
        .map(|s| s.outlets.join(","))
        .collect();
    assert_eq!(sides.len(), 2);
    assert!(sides.contains(&"Outlet C".to_string()));
    server.stop().await;
}
