//! The lookups over the wire: who said it, quotes, search, speakers, claims, conflicts, watch.

use crate::util::{TestServer, extraction, put};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;
use std::time::Duration;
use tokio_stream::StreamExt;

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
async fn who_said_ranks_speakers_with_evidence_and_offsets() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let answer = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "TOOK an important step—forward".into(),
            max_candidates: 0,
            offset_encoding: pb::OffsetEncoding::CodePoints as i32,
            view: pb::QuoteView::Full as i32,
        })
        .await
        .expect("attribute")
        .into_inner();
    let names: Vec<String> = answer
        .candidates
        .iter()
        .map(|c| {
            c.speaker
                .as_ref()
                .map(|s| s.display_name.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["Marco Rubio", "Steve Witkoff"]);
    let rubio = &answer.candidates[0];
    assert_eq!(rubio.match_kind, pb::MatchKind::Contained as i32);
    // Outlet B's shorter quote shares half the query's shingles: a near match for Rubio.
    assert_eq!(rubio.outlets, ["Outlet A", "Outlet B"]);
    let kinds: Vec<i32> = rubio.evidence.iter().map(|e| e.match_kind).collect();
    assert_eq!(
        kinds,
        [pb::MatchKind::Contained as i32, pb::MatchKind::Near as i32]
    );
    let occ = &rubio.evidence[0].occurrences[0];
    let span = occ.span.as_ref().expect("span");
    assert_eq!(span.content, "Today we took an important step forward");
    assert_eq!(span.encoding, pb::OffsetEncoding::CodePoints as i32);
    // "Ünïcode first. \"" is 16 code points but 18 bytes.
    assert_eq!(span.begin_offset, 16);
    assert_eq!(occ.cue.as_ref().map(|c| c.content.as_str()), Some("said"));

    let exact = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "an important step forward".into(),
            ..Default::default()
        })
        .await
        .expect("attribute exact")
        .into_inner();
    let top = &exact.candidates[0];
    assert_eq!(
        top.speaker.as_ref().map(|s| s.name.as_str()),
        Some("speakers/marco-rubio")
    );
    assert_eq!(top.match_kind, pb::MatchKind::Exact as i32);
    assert_eq!(
        top.outlets,
        ["Outlet A", "Outlet B"],
        "both outlets give Rubio these words"
    );
    // the default (basic) view counts each piece of evidence's occurrences without listing them;
    // the full view lists them (at most 16, and there are fewer here); all else is the same
    let full = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "an important step forward".into(),
            view: pb::QuoteView::Full as i32,
            ..Default::default()
        })
        .await
        .expect("attribute exact, full view")
        .into_inner();
    assert_eq!(full.candidates.len(), exact.candidates.len());
    for (basic, full) in exact.candidates.iter().zip(&full.candidates) {
        assert_eq!(basic.speaker, full.speaker);
        assert_eq!(basic.score, full.score);
        assert_eq!(basic.evidence.len(), full.evidence.len());
        for (b, f) in basic.evidence.iter().zip(&full.evidence) {
            assert_eq!((&b.quote, b.match_kind), (&f.quote, f.match_kind));
            assert!(b.occurrences.is_empty(), "the basic view lists none");
            assert!(b.occurrence_count > 0);
            assert_eq!(b.occurrence_count, f.occurrence_count);
            assert_eq!(f.occurrences.len(), f.occurrence_count as usize);
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn quotes_by_speaker_alias_article_and_search() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let by_alias = q
        .list_quotes(pb::ListQuotesRequest {
            speaker_alias: "rubio".into(),
            ..Default::default()
        })
        .await
        .expect("by alias")
        .into_inner();
    assert_eq!(
        by_alias.quotes.len(),
        1,
        "Rubio's fragment in B joined the longer quote of A"
    );
    let by_name = q
        .list_quotes(pb::ListQuotesRequest {
            speaker: "speakers/steve-witkoff".into(),
            ..Default::default()
        })
        .await
        .expect("by name")
        .into_inner();
    assert_eq!(by_name.quotes.len(), 1);
    let shared = &by_name.quotes[0];
    assert_eq!(
        shared.occurrence_count, 3,
        "outlets A and C carry the same words, B a fragment of them"
    );
    assert_eq!(shared.first_seen_article, "articles/a");
    assert!(
        shared.related_quotes.is_empty(),
        "the fragment is in the group, not beside it"
    );

    let got = q
        .get_quote(pb::GetQuoteRequest {
            name: shared.name.clone(),
            offset_encoding: 0,
        })
        .await
        .expect("get quote")
        .into_inner()
        .quote
        .expect("quote");
    assert_eq!(got.occurrences.len(), 3);
    assert_eq!(got.outlet_counts.len(), 3);

    let search = q
        .search_quotes(pb::SearchQuotesRequest {
            query: "Forward TODAY".into(),
            ..Default::default()
        })
        .await
        .expect("search")
        .into_inner();
    assert_eq!(search.total_size, 1);
    assert_eq!(search.results[0].matched_terms, ["forward", "today"]);

    let mut token = String::new();
    let mut seen = 0;
    loop {
        let page = q
            .list_quotes(pb::ListQuotesRequest {
                page_size: 1,
                page_token: token,
                ..Default::default()
            })
            .await
            .expect("page")
            .into_inner();
        seen += page.quotes.len();
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(seen, 1);

    let outlets = |min: i32, max: i32| pb::ListQuotesRequest {
        min_outlet_count: min,
        max_outlet_count: max,
        ..Default::default()
    };
    let shared = q
        .list_quotes(outlets(2, 0))
        .await
        .expect("shared")
        .into_inner();
    assert_eq!(shared.quotes.len(), 1, "the quote outlets A, B and C carry");
    assert_eq!(shared.quotes[0].outlet_counts.len(), 3);
    let single = q
        .list_quotes(outlets(0, 1))
        .await
        .expect("single")
        .into_inner();
    assert!(single.quotes.is_empty(), "no quote only one outlet carried");
    server.stop().await;
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

#[tokio::test]
async fn watch_streams_new_quotes_for_a_speaker() {
    let server = TestServer::start(corpus()).await;
    let mut stream = server
        .quotes()
        .watch_quotes(pb::WatchQuotesRequest {
            speaker: "speakers/marco-rubio".into(),
            ..Default::default()
        })
        .await
        .expect("watch")
        .into_inner();
    let index = server.index.clone();
    let writer = tokio::spawn(async move {
        let other = "\"Unrelated words here,\" Witkoff said.";
        put(
            &index,
            "w1",
            "Outlet W",
            other,
            extraction(
                other,
                &[("Steve Witkoff", P, &[])],
                &[("Unrelated words here", Some(0))],
                &[],
            ),
        );
        let text = "\"Peace will take work,\" Rubio said.";
        put(
            &index,
            "w2",
            "Outlet W",
            text,
            extraction(
                text,
                &[("Marco Rubio", P, &[])],
                &[("Peace will take work", Some(0))],
                &[],
            ),
        );
    });
    let first = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .expect("an event within 10 s")
        .expect("stream open")
        .expect("event ok");
    writer.await.expect("writer");
    let occ = first.occurrence.expect("occurrence");
    assert_eq!(
        occ.article, "articles/w2",
        "Witkoff's quote is filtered out"
    );
    assert_eq!(first.quote.expect("quote").text, "Peace will take work");
    server.stop().await;
}

#[tokio::test]
async fn health_reports_serving() {
    let server = TestServer::start(Index::new()).await;
    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel());
    let reply = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "saywho.v1.QuoteService".into(),
        })
        .await
        .expect("health")
        .into_inner();
    assert_eq!(
        reply.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
    server.stop().await;
}

/// Real extraction on the seeds: seed 000 and 003 both carry Rubio's words.
#[tokio::test]
async fn who_said_a_seed_quote() {
    let server = TestServer::seeded().await;
    let answer = server
        .quotes()
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "the first step of a long and difficult journey".into(),
            view: pb::QuoteView::Full as i32,
            ..Default::default()
        })
        .await
        .expect("attribute")
        .into_inner();
    let top = answer
        .candidates
        .first()
        .expect("a candidate for a seed quote");
    assert_eq!(
        top.speaker.as_ref().map(|s| s.display_name.as_str()),
        Some("Marco Rubio")
    );
    let articles: Vec<&str> = top
        .evidence
        .iter()
        .flat_map(|e| e.occurrences.iter().map(|o| o.article.as_str()))
        .collect();
    assert!(
        articles.contains(&"articles/000_26f2c2b453f453d2"),
        "{articles:?}"
    );
    server.stop().await;
}

/// grpcurl 1.8.6 speaks reflection v1alpha, newer tools v1: both list every service.
#[tokio::test]
async fn reflection_lists_services_on_v1_and_v1alpha() {
    use tonic_reflection::pb::{v1, v1alpha};
    let server = TestServer::start(Index::new()).await;
    let mut alpha =
        v1alpha::server_reflection_client::ServerReflectionClient::new(server.channel());
    let request = v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1alpha::server_reflection_request::MessageRequest::ListServices(String::new()),
        ),
    };
    let mut replies = alpha
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("v1alpha")
        .into_inner();
    let reply = replies.next().await.expect("a reply").expect("ok");
    let Some(v1alpha::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        reply.message_response
    else {
        panic!("unexpected reply {reply:?}");
    };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    for want in [
        "saywho.v1.ArticleService",
        "saywho.v1.QuoteService",
        "saywho.v1.SpeakerService",
        "saywho.v1.ClaimService",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    let mut v1 = v1::server_reflection_client::ServerReflectionClient::new(server.channel());
    let request = v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1::server_reflection_request::MessageRequest::FileContainingSymbol(
                "google.rpc.BadRequest".into(),
            ),
        ),
    };
    let mut replies = v1
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("v1")
        .into_inner();
    let reply = replies.next().await.expect("a reply").expect("ok");
    assert!(
        matches!(
            reply.message_response,
            Some(v1::server_reflection_response::MessageResponse::FileDescriptorResponse(_))
        ),
        "error-detail types are served so clients can decode them: {reply:?}"
    );
    server.stop().await;
}

/// Shutdown ends open watch streams instead of waiting for the drain deadline.
#[tokio::test]
async fn shutdown_ends_open_watch_streams() {
    let server = TestServer::start(Index::new()).await;
    let mut stream = server
        .quotes()
        .watch_quotes(pb::WatchQuotesRequest::default())
        .await
        .expect("watch")
        .into_inner();
    let stopping = tokio::spawn(server.stop());
    let end = tokio::time::timeout(Duration::from_secs(30), stream.next())
        .await
        .expect("the stream ends instead of hanging");
    assert!(
        end.as_ref().is_none_or(|item| item.is_err()),
        "no event after shutdown: {end:?}"
    );
    stopping.await.expect("server stopped cleanly");
}
