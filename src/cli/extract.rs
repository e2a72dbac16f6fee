//! `saywho extract` (not yet written).

/// Flags of `saywho extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractArgs {}

/// Runs `saywho extract`.
pub(crate) fn run(_args: ExtractArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho extract is not implemented yet")
}
