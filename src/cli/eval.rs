//! `saywho eval` (not yet written).

/// Flags of `saywho eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {}

/// Runs `saywho eval`.
pub(crate) fn run(_args: EvalArgs) -> anyhow::Result<()> {
    anyhow::bail!("saywho eval is not implemented yet")
}
