//! `saywho import` (not yet written).

/// Flags of `saywho import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {}

/// Runs `saywho import`.
pub(crate) async fn run(_args: ImportArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho import is not implemented yet")
}
