//! Security schemes as the spec declares them, and the credentials a client holds for them.

use super::secret::Secret;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

/// Where an API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// In a request header.
    Header,
    /// In the query string.
    Query,
    /// In a cookie.
    Cookie,
}

/// How a security scheme puts its credential on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// A key sent verbatim, after an optional prefix, in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
        /// Text sent before the key (for example `Basic ` when a vendor wants the key as is).
        prefix: &'static str,
    },
}

/// A security scheme of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in `components.securitySchemes`.
    pub name: &'static str,
    /// How it is applied.
    pub kind: SchemeKind,
}

/// A credential held for one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A token or key sent as is.
    Token(Secret),
    /// A user name and password for HTTP basic.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: Secret,
    },
}

/// The credentials of a client, shared by its clones so that a token obtained by one call serves all.
/// Builders hold a plain map instead: clones of a builder must never share (or overwrite) credentials.
#[derive(Clone, Default)]
pub struct Credentials {
    by_scheme: Arc<RwLock<BTreeMap<&'static str, Credential>>>,
}

impl Credentials {
    /// A store of its own, holding `initial`.
    pub fn new(initial: BTreeMap<&'static str, Credential>) -> Self {
        Credentials {
            by_scheme: Arc::new(RwLock::new(initial)),
        }
    }

    /// Sets (or replaces) the credential for a scheme.
    pub fn set(&self, scheme: &'static str, credential: Credential) {
        // A poisoned lock only means another thread panicked mid-write of a plain map; the map is still usable.
        let mut map = self.by_scheme.write().unwrap_or_else(|e| e.into_inner());
        map.insert(scheme, credential);
    }

    /// Whether a credential is held for a scheme.
    pub fn has(&self, scheme: &str) -> bool {
        let map = self.by_scheme.read().unwrap_or_else(|e| e.into_inner());
        map.contains_key(scheme)
    }

    /// The credential held for a scheme, if any.
    pub fn get(&self, scheme: &str) -> Option<Credential> {
        let map = self.by_scheme.read().unwrap_or_else(|e| e.into_inner());
        map.get(scheme).cloned()
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let map = self.by_scheme.read().unwrap_or_else(|e| e.into_inner());
        f.debug_set().entries(map.keys()).finish()
    }
}
