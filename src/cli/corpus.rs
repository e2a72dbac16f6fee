//! `saywho corpus` (not yet written).

/// Flags of `saywho corpus`.
#[derive(Debug, clap::Args)]
pub(crate) struct CorpusArgs {}

/// Runs `saywho corpus`.
pub(crate) fn run(_args: CorpusArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho corpus is not implemented yet")
}
