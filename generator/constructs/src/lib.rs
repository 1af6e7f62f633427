//! specgen's construct fixtures, compiled: one module per spec of `specs/`, each covering one group of
//! OpenAPI constructs. The tests snapshot the generated code and exercise it against wiremock on 127.0.0.1.

include!(concat!(env!("OUT_DIR"), "/clients.rs"));

// The crates generated signatures name, for callers (and tests) that do not depend on them directly.
pub use {bytes, chrono, futures_util, reqwest, serde_json, uuid};

/// The runtime every fixture uses.
pub use specgen_runtime as runtime;
