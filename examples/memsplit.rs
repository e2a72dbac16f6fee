//! Where the index's memory goes (a development measurement, not a benchmark): loads the first N
//! articles of a JSON Lines corpus into the cross-source resolver alone, then into a whole
//! index, and prints the live heap each holds, counted by a global allocator that tallies the
//! bytes requested (the allocator's own overhead comes on top; see the server's RSS for that).
//!
//! `cargo run --release --example memsplit -- corpus.jsonl [N] [--leak]`
//!
//! With `--leak` the index is not dropped at exit, so that `heaptrack` lists every block it
//! holds with where it was allocated (`heaptrack_print --print-leaks 1 FILE`).

use anyhow::{Context, Result};
use saywho::corpus::read_article;
use saywho::index::{Index, NewArticle};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufRead;
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

/// The system allocator, counting live bytes and blocks.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static BLOCKS: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        BLOCKS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes in MB.
fn live_mb() -> f64 {
    LIVE.load(Relaxed) as f64 / 1e6
}

/// Live heap freed by dropping `value`, in MB.
fn freed_by<T>(value: T) -> f64 {
    let before = live_mb();
    drop(value);
    before - live_mb()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).context("usage: memsplit CORPUS.jsonl [N]")?;
    let n: usize = args.get(2).map_or(Ok(usize::MAX), |s| s.parse())?;
    let file = std::fs::File::open(path).with_context(|| format!("open {path}"))?;
    let mut articles = Vec::new();
    for line in std::io::BufReader::new(file).lines().take(n) {
        articles.push(read_article(&line?)?);
    }
    let text: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "{} articles, {:.1} MB of text",
        articles.len(),
        text as f64 / 1e6
    );

    let extractions: Vec<_> = articles
        .iter()
        .map(|a| saywho::extract::extract(&a.text))
        .collect();
    let before = live_mb();
    let mut r = saywho::resolve::Resolver::with_statements();
    for (a, ex) in articles.iter().zip(&extractions) {
        r.add_article(a, ex);
    }
    println!("resolver alone: {:.1} MB", live_mb() - before);
    println!(
        "  quotes     {:.1} MB",
        freed_by(std::mem::take(&mut r.quotes))
    );
    println!(
        "  claims     {:.1} MB",
        freed_by(std::mem::take(&mut r.claims))
    );
    println!(
        "  speakers   {:.1} MB",
        freed_by(std::mem::take(&mut r.speakers))
    );
    println!(
        "  syndication {:.1} MB",
        freed_by(std::mem::take(&mut r.syndication))
    );
    println!("  the rest   {:.1} MB", freed_by(r));
    drop(extractions);

    let before = live_mb();
    let index = Index::new();
    // the input stays alive, so that what the index holds is counted whole
    for a in &articles {
        index.create_article(NewArticle {
            id: Some(a.id.clone()),
            request_id: None,
            text: a.text.to_string(),
            meta: a.meta.clone(),
        })?;
    }
    let held = live_mb() - before;
    let leak = args.get(3).is_some_and(|a| a == "--leak");
    println!(
        "whole index: {held:.1} MB ({:.1}x the text) in {} blocks",
        held * 1e6 / text.max(1) as f64,
        BLOCKS.load(Relaxed)
    );
    if leak {
        std::mem::forget(index);
    }
    Ok(())
}
