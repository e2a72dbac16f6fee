//! Generated protobuf and gRPC code for `saywho.v1`.
