use super::*;
use crate::model::ArticleMeta;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.to_owned(),
        text: text.into(),
        meta: ArticleMeta {
            outlet: "Outlet".into(),
            url: format!("https://example.invalid/{id}"),
            title: format!("Title {id}"),
            published_ms: Some(1_739_836_800_000),
        },
        ingested_ms: 7,
    }
}

fn ids_in_order(store: &Store) -> Vec<String> {
    let mut ids = Vec::new();
    store
        .scan(|a| {
            ids.push(a.id);
            Ok::<(), std::convert::Infallible>(())
        })
        .expect("scan");
    ids
}

#[tokio::test]
async fn put_get_delete_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = article("a", "“We agreed,” he said.");
    {
        let store = Store::open(dir.path()).expect("open");
        assert!(store.is_empty().expect("len"));
        assert!(matches!(
            store.put(&a).await,
            Ok(PutOutcome::Stored { seq: 0 })
        ));
        assert_eq!(store.get("a").expect("get"), Some(a.clone()));
        assert!(store.contains("a").expect("contains"));
        assert!(store.put(&article("b", "two")).await.is_ok());
        assert!(store.put(&article("c", "three")).await.is_ok());
        assert!(store.delete("b").await.expect("delete"));
        assert!(
            !store.delete("b").await.expect("delete again"),
            "second delete finds nothing"
        );
    }
    let store = Store::open(dir.path()).expect("reopen");
    assert_eq!(
        store.get("a").expect("get"),
        Some(a),
        "every field survives"
    );
    assert_eq!(store.get("b").expect("get"), None);
    assert_eq!(ids_in_order(&store), ["a", "c"]);
    // Sequence numbers continue after the highest stored one.
    assert!(matches!(
        store.put(&article("d", "four")).await,
        Ok(PutOutcome::Stored { seq: 3 })
    ));
    assert_eq!(ids_in_order(&store), ["a", "c", "d"]);
}

#[tokio::test]
async fn same_id_is_idempotent_or_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    store.put(&article("x", "text")).await.expect("put");
    let mut retry = article("x", "text");
    retry.ingested_ms = 99;
    assert_eq!(
        store.put(&retry).await.expect("put"),
        PutOutcome::Exists { same_text: true }
    );
    assert_eq!(
        store.put(&article("x", "other")).await.expect("put"),
        PutOutcome::Exists { same_text: false }
    );
    assert_eq!(
        store.get("x").expect("get").map(|a| a.ingested_ms),
        Some(7),
        "first write kept"
    );
    assert_eq!(store.len().expect("len"), 1);
}

#[tokio::test]
async fn markers_persist() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        assert!(!store.is_marked(SEEDS_LOADED).expect("read"));
        store.mark(SEEDS_LOADED).await.expect("mark");
    }
    let store = Store::open(dir.path()).expect("reopen");
    assert!(store.is_marked(SEEDS_LOADED).expect("read"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_are_all_acknowledged_batched_and_present_after_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 400;
    {
        let store = Store::open(dir.path()).expect("open");
        let tasks: Vec<_> = (0..n)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .put(&article(&format!("id-{i}"), &"w ".repeat(i)))
                        .await
                })
            })
            .collect();
        for task in tasks {
            assert!(matches!(
                task.await.expect("join"),
                Ok(PutOutcome::Stored { .. })
            ));
        }
        let stats = store.stats();
        assert_eq!(stats.ops(), n as u64);
        assert!(
            stats.commits() < n as u64,
            "{} commits for {n} puts: no batching",
            stats.commits()
        );
        assert!(stats.max_batch() > 1);
    }
    let store = Store::open(dir.path()).expect("reopen");
    assert_eq!(store.len().expect("len"), n as u64);
    for i in 0..n {
        let got = store
            .get(&format!("id-{i}"))
            .expect("get")
            .expect("present");
        assert_eq!(&*got.text, "w ".repeat(i));
    }
}

#[tokio::test]
async fn batch_cap_is_respected_and_same_batch_duplicates_are_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_with(dir.path(), 3).expect("open");
    let puts = (0..10).map(|i| {
        let store = store.clone();
        // Ids repeat: the second put of an id in the same batch must see the first.
        async move { store.put(&article(&format!("k{}", i % 5), "same")).await }
    });
    let results = futures::future::join_all(puts).await;
    let stored = results
        .iter()
        .filter(|r| matches!(r, Ok(PutOutcome::Stored { .. })))
        .count();
    let existing = results
        .iter()
        .filter(|r| matches!(r, Ok(PutOutcome::Exists { same_text: true })))
        .count();
    assert_eq!((stored, existing), (5, 5));
    assert!(store.stats().max_batch() <= 3);
    assert_eq!(store.len().expect("len"), 5);
}

#[tokio::test]
async fn in_memory_keeps_nothing() {
    let store = Store::in_memory();
    assert!(!store.is_durable());
    assert!(store.put(&article("a", "x")).await.is_ok());
    assert_eq!(store.get("a").expect("get"), None);
    assert!(ids_in_order(&store).is_empty());
}

#[tokio::test]
async fn second_open_of_the_same_directory_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _first = Store::open(dir.path()).expect("open");
    let err = Store::open(dir.path()).expect_err("already open");
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
}

#[test]
fn a_corrupt_record_is_reported_not_panicked() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let db = Database::create(dir.path().join(FILE_NAME)).expect("create");
        let txn = db.begin_write().expect("txn");
        txn.open_table(ARTICLES)
            .expect("table")
            .insert(0, &b"\x01{not json"[..])
            .expect("insert");
        txn.commit().expect("commit");
    }
    let store = Store::open(dir.path()).expect("open");
    let err = store
        .scan(|_| Ok::<(), std::convert::Infallible>(()))
        .expect_err("corrupt");
    assert!(
        matches!(err, ScanError::Store(StoreError::Corrupt { key: 0, .. })),
        "{err}"
    );
}

#[tokio::test]
async fn sequence_numbers_are_never_given_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        store.put(&article("a", "one")).await.expect("put");
        store.put(&article("b", "two")).await.expect("put");
        assert!(store.delete("b").await.expect("delete"));
        assert_eq!(
            store.next_seq().expect("next"),
            2,
            "the newest, deleted, keeps its number"
        );
    }
    let store = Store::open(dir.path()).expect("reopen");
    assert!(matches!(
        store.put(&article("b", "two again")).await,
        Ok(PutOutcome::Stored { seq: 2 })
    ));
    assert_eq!(
        store.ids().expect("ids"),
        [("a".to_owned(), 0), ("b".to_owned(), 2)]
    );
}
