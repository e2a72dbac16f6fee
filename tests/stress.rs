//! Concurrency stress: ingest (over the wire and straight into the index), deletes and every
//! lookup run at once against one durable server; afterwards the index's invariants hold, the
//! store agrees with the index, and a rebuild from the store is consistent too.

use crate::hostile::start;
use saywho::index::Index;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::claim_service_client::ClaimServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use saywho::service::{ServeConfig, Writes};
use saywho::store::Store;
use std::collections::BTreeSet;
use tonic::Code;
use tonic::transport::Channel;

mod corpus;

/// Articles written straight into the index, and over the wire per writer task (kept small:
/// cross-source resolution makes every ingest cost grow with the corpus).
const DIRECT: usize = 80;
const WIRE_PER_TASK: usize = 25;
use corpus::{PEOPLE, Rng, WORDS, hand_built};

/// Every lookup once; only OK and NOT_FOUND (things deleted meanwhile) are acceptable.
async fn every_lookup(channel: &Channel, rng: &mut Rng) {
    let ok = |r: Result<(), tonic::Status>, what: &str| match r {
        Ok(()) => {}
        Err(s) if s.code() == Code::NotFound => {}
        Err(s) => panic!("{what}: {s:?}"),
    };
    let (mut a, mut q) = (
        ArticleServiceClient::new(channel.clone()),
        QuoteServiceClient::new(channel.clone()),
    );
    let (mut s, mut c) = (
        SpeakerServiceClient::new(channel.clone()),
        ClaimServiceClient::new(channel.clone()),
    );
    let words = WORDS[rng.below(WORDS.len())].to_owned();
    let article = format!("articles/direct-{}", rng.below(DIRECT));
    ok(
        a.get_article(pb::GetArticleRequest {
            name: article.clone(),
            view: 0,
        })
        .await
        .map(drop),
        "GetArticle",
    );
    ok(
        a.list_articles(pb::ListArticlesRequest {
            page_size: 20,
            ..Default::default()
        })
        .await
        .map(drop),
        "ListArticles",
    );
    let listed = q
        .list_quotes(pb::ListQuotesRequest {
            article,
            ..Default::default()
        })
        .await;
    ok(
        listed.as_ref().map(drop).map_err(Clone::clone),
        "ListQuotes",
    );
    ok(
        q.search_quotes(pb::SearchQuotesRequest {
            query: words.clone(),
            ..Default::default()
        })
        .await
        .map(drop),
        "SearchQuotes",
    );
    ok(
        q.attribute_quote(pb::AttributeQuoteRequest {
            text: words,
            ..Default::default()
        })
        .await
        .map(drop),
        "AttributeQuote",
    );
    ok(
        q.list_attribution_conflicts(pb::ListAttributionConflictsRequest::default())
            .await
            .map(drop),
        "Conflicts",
    );
    if let Some(quote) = listed
        .ok()
        .and_then(|r| r.into_inner().quotes.into_iter().next())
    {
        ok(
            q.get_quote(pb::GetQuoteRequest {
                name: quote.name,
                offset_encoding: 0,
            })
            .await
            .map(drop),
            "GetQuote",
        );
    }
    let speakers = s
        .list_speakers(pb::ListSpeakersRequest {
            page_size: 10,
            ..Default::default()
        })
        .await;
    ok(
        speakers.as_ref().map(drop).map_err(Clone::clone),
        "ListSpeakers",
    );
    if let Some(sp) = speakers
        .ok()
        .and_then(|r| r.into_inner().speakers.into_iter().next())
    {
        ok(
            s.get_speaker(pb::GetSpeakerRequest { name: sp.name })
                .await
                .map(drop),
            "GetSpeaker",
        );
    }
    let claims = c
        .list_claims(pb::ListClaimsRequest {
            page_size: 10,
            ..Default::default()
        })
        .await;
    ok(
        claims.as_ref().map(drop).map_err(Clone::clone),
        "ListClaims",
    );
    if let Some(claim) = claims
        .ok()
        .and_then(|r| r.into_inner().claims.into_iter().next())
    {
        ok(
            c.get_claim(pb::GetClaimRequest {
                name: claim.name,
                offset_encoding: 0,
            })
            .await
            .map(drop),
            "GetClaim",
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_ingest_deletes_and_lookups_leave_a_consistent_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let index = Index::new();
    let config = ServeConfig {
        store: store.clone(),
        ..ServeConfig::default()
    };
    let server = start(config, index.clone(), true).await;

    // A watcher follows the feed throughout.
    let watch = QuoteServiceClient::new(server.channel.clone())
        .watch_quotes(pb::WatchQuotesRequest::default())
        .await
        .expect("watch")
        .into_inner();

    let mut tasks = Vec::new();
    for t in 0..4u64 {
        // Straight into the index, from blocking threads: many shared groups and speakers.
        let index = index.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            let mut rng = Rng(0x9E37_79B9 + t);
            for n in (t as usize..DIRECT).step_by(4) {
                let (new, extraction) = hand_built(n, &mut rng);
                index
                    .create_article_with(new, extraction)
                    .expect("direct create");
            }
        }));
    }
    for t in 0..3u64 {
        // Over the wire: creates (real extraction, durable) and deletes of anything.
        let channel = server.channel.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0xDEAD_BEEF + t);
            let mut client = ArticleServiceClient::new(channel);
            for i in 0..WIRE_PER_TASK {
                let text = format!(
                    "“Plan {i} works,” {} said on day {t}.",
                    PEOPLE[rng.below(4)]
                );
                let request = pb::CreateArticleRequest {
                    article: Some(pb::Article {
                        text,
                        outlet: format!("Wire {t}"),
                        ..Default::default()
                    }),
                    article_id: format!("wire-{t}-{i}"),
                    request_id: String::new(),
                };
                client.create_article(request).await.expect("wire create");
                let victim = if rng.below(2) == 0 {
                    format!("direct-{}", rng.below(DIRECT))
                } else {
                    format!("wire-{t}-{}", rng.below(i + 1))
                };
                let delete = pb::DeleteArticleRequest {
                    name: format!("articles/{victim}"),
                    allow_missing: true,
                };
                client.delete_article(delete).await.expect("delete");
            }
        }));
    }
    for t in 0..3u64 {
        let channel = server.channel.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0xC0FF_EE00 + t);
            for _ in 0..20 {
                every_lookup(&channel, &mut rng).await;
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    drop(watch);

    let violations = index.check_invariants();
    assert!(
        violations.is_empty(),
        "{} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );

    // The store holds exactly the wire-created articles the index holds.
    let mut stored = BTreeSet::new();
    store
        .scan(|a| {
            stored.insert(a.id);
            Ok::<(), std::convert::Infallible>(())
        })
        .expect("scan");
    let page = saywho::index::PageRequest::parse(1000, "", &["articles", ""]).expect("page");
    let all = index.list_articles("", None, &page);
    assert!(all.next_page_token.is_empty(), "fewer than 1000 articles");
    let live: BTreeSet<String> = all
        .items
        .iter()
        .map(|r| r.article.id.clone())
        .filter(|id| id.starts_with("wire-"))
        .collect();
    assert_eq!(stored, live, "store and index disagree");
    assert!(
        !live.is_empty() && live.len() < 3 * WIRE_PER_TASK,
        "some creates and some deletes happened"
    );

    // A rebuild from the store is consistent as well.
    let rebuilt = Index::new();
    let restored = Writes::new(rebuilt.clone(), store.clone(), Default::default())
        .expect("writes")
        .rebuild()
        .expect("rebuild");
    assert_eq!(restored.restored, live.len());
    assert!(
        rebuilt.check_invariants().is_empty(),
        "{:?}",
        rebuilt.check_invariants()
    );
}
