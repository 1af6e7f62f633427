//! Lowers `components.securitySchemes` into how each credential is sent.

use crate::diagnostics::Diagnostic;
use crate::ir::{ParamLocation, SecurityKind, SecurityScheme};
use crate::names::{Scope, value_name};
use openapiv3::{APIKeyLocation, SecurityScheme as OaScheme};

/// Every scheme of the document, in spec order.
pub fn lower_schemes(
    openapi: &openapiv3::OpenAPI,
    builder_methods: &mut Scope,
    client_methods: &mut Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SecurityScheme> {
    let Some(components) = &openapi.components else {
        return Vec::new();
    };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let pointer = super::refs::component_pointer("securitySchemes", name);
        let scheme = match super::refs::resolve(
            scheme,
            "securitySchemes",
            Some(&components.security_schemes),
            &pointer,
        ) {
            Ok(scheme) => scheme,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let (kind, doc) = match scheme {
            OaScheme::HTTP {
                scheme,
                description,
                ..
            } => {
                let kind = match scheme.to_ascii_lowercase().as_str() {
                    "basic" => SecurityKind::Basic,
                    "bearer" => SecurityKind::Bearer,
                    other => {
                        diagnostics.push(Diagnostic::warning(
                            pointer.clone(),
                            format!("http scheme {other:?} is sent as a bearer token"),
                        ));
                        SecurityKind::Bearer
                    }
                };
                (kind, description.clone())
            }
            OaScheme::APIKey {
                location,
                name: key_name,
                description,
                extensions,
            } => {
                let location = match location {
                    APIKeyLocation::Header => ParamLocation::Header,
                    APIKeyLocation::Query => ParamLocation::Query,
                    APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                let prefix = crate::extensions::VALUE_PREFIX
                    .read(extensions)
                    .unwrap_or_default();
                (
                    SecurityKind::ApiKey {
                        location,
                        name: key_name.clone(),
                        prefix,
                    },
                    description.clone(),
                )
            }
            OaScheme::OAuth2 { description, .. } | OaScheme::OpenIDConnect { description, .. } => {
                (SecurityKind::Bearer, description.clone())
            }
        };
        schemes.push(SecurityScheme {
            name: name.clone(),
            setter: builder_methods.claim(&value_name(name)),
            client_setter: client_methods.claim(&value_name(&format!("set {name}"))),
            doc,
            kind,
        });
    }
    schemes
}
