//! `specs/hostile.yaml`: spec text full of comment ends, quotes, `#`, braces, backslashes, newlines, control
//! and bidirectional characters and Rust keywords, in every place text can stand. The crate compiling it is
//! half the proof; this test parses the generated module and shows that none of that text became code.

use specgen::Generator;
use std::path::Path;
use syn::visit::Visit;

/// The names of everything the generated module defines or invokes.
#[derive(Default)]
struct Items {
    functions: Vec<String>,
    modules: Vec<String>,
    macros: Vec<String>,
    attributes: Vec<String>,
}

impl<'ast> Visit<'ast> for Items {
    fn visit_signature(&mut self, signature: &'ast syn::Signature) {
        self.functions.push(signature.ident.to_string());
        syn::visit::visit_signature(self, signature);
    }

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        self.modules.push(module.ident.to_string());
        syn::visit::visit_item_mod(self, module);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // The runtime's enum and struct macros are the one exception, and only with a table of literals (below).
        let path: Vec<String> = mac
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let is_table = matches!(
            path.iter().map(String::as_str).collect::<Vec<_>>()[..],
            ["runtime", "enums", "string_enum" | "integer_enum"] | ["runtime", "object", "fields"]
        ) && is_wire_table(mac);
        if !is_table {
            self.macros.extend(path.last().cloned());
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        let name = attribute
            .path()
            .segments
            .last()
            .map(|s| s.ident.to_string());
        self.attributes.extend(name);
        syn::visit::visit_attribute(self, attribute);
    }
}

/// Whether a runtime macro's input is only names and literals: `runtime, Enum, CatchAll, Variant("wire"), ...`
/// or `runtime, Struct, Presence(field, "wire"), ...` (an integer's wire value may be negated). Spec
/// text can then only be a literal or a sanitised name.
fn is_wire_table(mac: &syn::Macro) -> bool {
    use syn::{Expr, Token};
    let entries = |input: syn::parse::ParseStream| {
        let mut entries = Vec::new();
        while !input.is_empty() {
            entries.push(input.parse::<Expr>()?);
            if input.peek(Token![;]) {
                input.parse::<Token![;]>()?;
            } else if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(entries)
    };
    let Ok(entries) = mac.parse_body_with(entries) else {
        return false;
    };
    let is_name = |expr: &Expr| matches!(expr, Expr::Path(path) if path.path.get_ident().is_some());
    let is_literal = |expr: &Expr| match expr {
        Expr::Lit(_) => true,
        Expr::Unary(negated) => {
            matches!(negated.op, syn::UnOp::Neg(_)) && matches!(*negated.expr, Expr::Lit(_))
        }
        _ => false,
    };
    entries.len() >= 2
        && entries.iter().all(|entry| match entry {
            Expr::Call(call) => {
                let args: Vec<&Expr> = call.args.iter().collect();
                is_name(&call.func)
                    && match args.as_slice() {
                        [wire] => is_literal(wire),
                        [field, wire] => is_name(field) && is_literal(wire),
                        _ => false,
                    }
            }
            other => is_name(other),
        })
}

fn generated() -> String {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/hostile.yaml");
    let generator = Generator::new();
    match generator.generate(&spec) {
        Ok(generated) => generated.code,
        Err(diagnostics) => panic!("hostile.yaml did not generate:\n{diagnostics}"),
    }
}

#[test]
fn no_spec_text_becomes_code() {
    let code = generated();
    let file = match syn::parse_file(&code) {
        Ok(file) => file,
        Err(error) => panic!("the generated module does not parse: {error}"),
    };
    let mut items = Items::default();
    items.visit_file(&file);
    // The spec writes `fn pwned() {}`, `mod x {`, `compile_error!` and `#![pwned]` in every text field.
    assert!(
        !items.functions.iter().any(|f| f == "pwned"),
        "{:?}",
        items.functions
    );
    assert!(
        !items.modules.iter().any(|m| m == "x"),
        "{:?}",
        items.modules
    );
    assert!(
        items.macros.is_empty(),
        "macros invoked: {:?}",
        items.macros
    );
    let allowed = [
        "doc",
        "derive",
        "serde",
        "allow",
        "deprecated",
        "non_exhaustive",
        "cfg",
        "must_use",
    ];
    let unexpected: Vec<&String> = items
        .attributes
        .iter()
        .filter(|a| !allowed.contains(&a.as_str()))
        .collect();
    assert!(unexpected.is_empty(), "attributes: {unexpected:?}");
    // The text is all there, as documentation and string literals.
    assert!(code.contains("/// */ fn pwned() {} /*"), "{code}");
    assert!(code.contains("//! \"); compile_error!(\"pwned\"); (\""));
    assert!(code.contains("Required(fn_pwned, \"fn pwned() {}\")"));
    assert!(code.contains("FnPwned(\"\\\"); fn pwned() {} (\\\"\")"));
}

#[test]
fn control_and_bidirectional_characters_never_reach_comments() {
    let code = generated();
    let comments = code
        .lines()
        .filter(|line| line.trim_start().starts_with("//"));
    for line in comments {
        assert!(
            !line.chars().any(
                |c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                    || (c.is_control() && c != '\t')
            ),
            "{line:?}"
        );
    }
    // In string literals they stay, escaped.
    assert!(code.contains("Unnamed(\"\\u{202e}\")"), "{code}");
}

#[test]
fn names_from_hostile_text_are_sanitised_predictably() {
    let code = generated();
    for expected in [
        "pub fn get_fn_pwned_item(",
        "pub fn self_(&self, self_: impl AsRef<str>)",
        "pub fn r#type(self",
        "pub fn _1st(self",
        "pub fn q_uote(self",
        "pub fn set_key_fn_pwned(&self",
        "pub struct EvilThing {",
        "pub fn_pwned: String,",
        "pub fn_pwned2: Option<EvilThingFnPwned>,",
        "pub pwned: Option<EvilThingPwned>,",
        "pub enum Kind {",
        "Self_,",
        "Self2,",
    ] {
        assert!(code.contains(expected), "{expected} missing from\n{code}");
    }
}
