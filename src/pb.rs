//! Generated protobuf and gRPC code for `saywho.v1`, and the descriptor set reflection serves.
//!
//! This is the only place generated code is included; only [`crate::service`] uses it. One
//! message, [`ListQuotesResponse`], is written by hand (see its module).

#![allow(missing_docs, unreachable_pub, clippy::all, clippy::pedantic)]

tonic::include_proto!("saywho.v1");

mod list_quotes;
pub use list_quotes::ListQuotesResponse;

/// The encoded `FileDescriptorSet` of every `saywho.v1` proto file (for server reflection).
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("saywho_descriptor");
