//! Compiles `proto/saywho/v1/*.proto` with the pure-Rust `protox` (no system `protoc`), generates
//! the tonic/prost code, and writes the descriptor set that server reflection serves. Also sets
//! `SAYWHO_SOURCE_FINGERPRINT`, a hash of every file under `src/`: an index snapshot is loaded
//! only by a build with the same sources, since any change may change what ingest derives.

use prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::Path::new("proto/saywho/v1");
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "proto"))
        .collect();
    files.sort();
    let fds = protox::compile(&files, ["proto"])?;
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("saywho_descriptor.bin"), fds.encode_to_vec())?;
    // one reply is written by hand, so that a server can send quotes it has already encoded
    tonic_prost_build::configure()
        .extern_path(
            ".saywho.v1.ListQuotesResponse",
            "crate::pb::ListQuotesResponse",
        )
        .compile_fds(fds)?;
    println!("cargo:rerun-if-changed=proto");
    let mut sources = Vec::new();
    list_files(std::path::Path::new("src"), &mut sources)?;
    sources.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    for path in &sources {
        std::hash::Hash::hash(&path, &mut hasher);
        std::hash::Hash::hash(&std::fs::read(path)?, &mut hasher);
    }
    let fingerprint = std::hash::Hasher::finish(&hasher);
    println!("cargo:rustc-env=SAYWHO_SOURCE_FINGERPRINT={fingerprint:016x}");
    println!("cargo:rerun-if-changed=src");
    Ok(())
}

/// Every file under `dir`, recursively.
fn list_files(
    dir: &std::path::Path,
    out: &mut Vec<std::path::PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
