//! The snapshot file's tests: reading back, refusing damaged or foreign files.

use super::*;

fn save(store: &Store, body: &[u8], covers: u64) -> u64 {
    store
        .save_snapshot(|out| {
            out.write_all(body).map_err(|e| e.to_string())?;
            Ok::<u64, String>(covers)
        })
        .expect("save")
}

#[test]
fn a_snapshot_reads_back_until_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let size = save(&store, b"state", 7);
    assert_eq!(size as usize, HEADER + 5 + trailer_len(1));
    for _ in 0..2 {
        let loaded = store.read_snapshot().expect("read").expect("present");
        assert_eq!((loaded.body(), loaded.covers_below), (&b"state"[..], 7));
    }
    // a failed save leaves the previous snapshot as it was, and no partial file
    let failed = store.save_snapshot(|_| Err::<u64, _>("no body"));
    assert!(matches!(failed, Err(SnapshotError::Body(_))));
    let path = store.snapshot_path().expect("durable");
    assert!(!path.with_extension("snapshot.partial").exists());
    let kept = store.read_snapshot().expect("read").expect("kept");
    assert_eq!(kept.body(), b"state");
    save(&store, b"newer", 9);
    let loaded = store.read_snapshot().expect("read").expect("present");
    assert_eq!((loaded.body(), loaded.covers_below), (&b"newer"[..], 9));
    store.remove_snapshot().expect("remove");
    assert!(store.read_snapshot().expect("read").is_none());
    // a partial file left by a write cut short is removed when the store is next read
    let partial = path.with_extension("snapshot.partial");
    std::fs::write(&partial, b"half a snapshot").expect("write");
    assert!(store.read_snapshot().expect("read").is_none());
    assert!(!partial.exists());
}

#[test]
fn damaged_or_foreign_snapshots_are_refused_and_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let path = store.snapshot_path().expect("durable");
    save(&store, b"state", 7);
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("truncate");
    let err = store.read_snapshot().expect_err("truncated");
    assert!(matches!(err, SnapshotError::Damaged { .. }), "{err}");
    assert!(!path.exists(), "reported once");
    // an empty file maps to no bytes at all
    std::fs::write(&path, b"").expect("empty");
    let err = store.read_snapshot().expect_err("empty");
    assert!(matches!(err, SnapshotError::Damaged { .. }), "{err}");
    // another build: a different fingerprint
    let mut other = bytes.clone();
    other[MAGIC.len() + 4] ^= 1;
    std::fs::write(&path, other).expect("write");
    let err = store.read_snapshot().expect_err("other build");
    assert!(matches!(err, SnapshotError::OtherBuild { .. }), "{err}");
    assert!(!path.exists(), "reported once");
}

#[test]
fn a_damaged_block_of_the_body_is_found_when_checked() -> Result<(), SnapshotError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let path = store.snapshot_path().expect("durable");
    let body: Vec<u8> = (0..BLOCK * 5 / 2).map(|i| (i % 241) as u8).collect();
    save(&store, &body, 3);
    let intact = store.read_snapshot()?.expect("present");
    assert_eq!(intact.body(), &body[..]);
    assert!(intact.check(BLOCK..BLOCK + 1)? > BLOCK);
    intact.check_all()?;
    drop(intact);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[HEADER + 2 * BLOCK + 10] ^= 0x40;
    std::fs::write(&path, bytes).expect("damage");
    // the header and trailer are whole: the damage shows when its block is checked
    let loaded = store.read_snapshot()?.expect("present");
    assert_eq!(loaded.covers_below, 3);
    let first = loaded.check(0..10)?;
    assert!((10..=BLOCK).contains(&first), "{first}");
    let err = loaded
        .check(2 * BLOCK..2 * BLOCK + 20)
        .expect_err("damaged block");
    assert!(matches!(err, SnapshotError::Damaged { .. }), "{err}");
    assert!(loaded.check_all().is_err());
    Ok(())
}

#[test]
fn an_in_memory_store_keeps_no_snapshot() {
    let store = Store::in_memory();
    assert!(matches!(
        store.save_snapshot(|_| Ok::<u64, String>(0)),
        Err(SnapshotError::InMemory)
    ));
    assert!(store.read_snapshot().expect("read").is_none());
    assert!(store.remove_snapshot().is_ok());
}
