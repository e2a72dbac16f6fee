//! Generated protobuf and gRPC code for `saywho.v1`, and the descriptor set reflection serves.
//!
//! This is the only place generated code is included; only [`crate::service`] uses it.

#![allow(missing_docs, unreachable_pub, clippy::all, clippy::pedantic)]

tonic::include_proto!("saywho.v1");

/// The encoded `FileDescriptorSet` of every `saywho.v1` proto file (for server reflection).
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("saywho_descriptor");
