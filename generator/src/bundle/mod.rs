//! Bundles a spec with the files its `$ref`s name, so that every later stage sees one document whose
//! references are all local `#/components/<section>/<name>` ones.
//!
//! The document is walked by its OpenAPI shape ([`kinds`]); each `$ref` is followed (through chains, across
//! files, [`files`]) to the node it finally names. A node that is not already a component of the spec is
//! *hoisted*: copied into `components/<section>/<name>` under a name taken from its pointer ([`naming`]),
//! and every reference to it (and the node itself, where it sits in the spec) becomes a local `$ref`. A
//! component of the spec that only refers to another file (`Pet: {$ref: pet.yaml}`) takes that file's
//! node in place, keeping its name. Path items and other nodes that `components` cannot hold in OpenAPI 3.0
//! are copied where they are referenced. Hoisted and copied nodes remember where they came from, so that
//! problems found in them later are reported in their own file, at their own line.
//!
//! A spec that needs none of this comes back unchanged.

pub(crate) mod files;
pub(crate) mod kinds;
mod naming;

use crate::diagnostics::{Diagnostic, pointer_token};
use files::{Files, ROOT};
use kinds::{Children, Kind};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::components::{MAX_CHAIN, component_name, component_pointer};

/// One file the bundled document was made from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path it is reported under.
    pub path: PathBuf,
    /// Its text, to locate problems.
    pub text: String,
    /// Where the nodes of a converted file (a Swagger 2.0 document of a 2.0 spec) were written.
    pub(crate) map: Option<crate::normalise::PointerMap>,
}

/// Where a subtree of the bundled document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Its pointer in the bundled document.
    pub bundled: String,
    /// The index of its file in [`Bundle::files`].
    pub file: usize,
    /// Its pointer in that file.
    pub pointer: String,
}

/// A spec with everything its references name.
#[derive(Debug)]
pub struct Bundle {
    /// The bundled document.
    pub raw: Value,
    /// Every file read, the spec first.
    pub files: Vec<SourceFile>,
    /// Subtrees that came from elsewhere than the same pointer of the spec.
    pub origins: Vec<Origin>,
    /// Warnings of converting other files, for the parts the document took from them (located).
    pub warnings: Vec<Diagnostic>,
}

/// A node: a file and a JSON pointer in it, read as one kind of object.
type NodeKey = (usize, String, Kind);

/// What a `$ref` finally names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Resolution {
    /// A component of the spec itself, by name; lowering follows it.
    Component(String),
    /// Any other node.
    Node(usize, String),
}

/// The component a hoisted node becomes.
#[derive(Debug, Clone)]
struct Graft {
    name: String,
    /// The node replaces a component of the spec that only referred to it.
    in_place: bool,
}

/// Bundles the spec at `path` (`map` tells where its converted nodes were written; `swagger2`, that it
/// was a Swagger 2.0 document, whose other files that are 2.0 documents are converted too); problems come
/// back located in the file where they are.
pub fn bundle(
    path: &Path,
    text: String,
    raw: Value,
    map: crate::normalise::PointerMap,
    swagger2: bool,
) -> Result<Bundle, Vec<Diagnostic>> {
    let mut bundler = Bundler::new(Files::new(path, text, raw, map, swagger2));
    let root = bundler.files.value(ROOT);
    bundler.claim_proxies(&root);
    bundler.discover(ROOT, "", Kind::Document, &root);
    let mut next = 0;
    while let Some((file, pointer, kind)) = bundler.order.get(next).cloned() {
        let value = bundler.files.value(file);
        if let Some(node) = value.pointer(&pointer) {
            bundler.discover(file, &pointer, kind, node);
        }
        next += 1;
    }
    if !bundler.diagnostics.is_empty() {
        return Err(bundler.diagnostics);
    }
    let raw = if bundler.changes {
        bundler.emit_document(&root)
    } else {
        // Nothing to bundle: the spec stands as written. Its tree is moved out of the file table (the last
        // handle to it once `root` is dropped), not copied: a copy doubled the peak memory of large specs.
        drop(root);
        bundler.files.loaded.truncate(1);
        let value = bundler.files.loaded.first_mut().map_or_else(
            || std::rc::Rc::new(Value::Null),
            |file| std::mem::replace(&mut file.value, std::rc::Rc::new(Value::Null)),
        );
        std::rc::Rc::try_unwrap(value).unwrap_or_else(|shared| (*shared).clone())
    };
    let warnings = bundler.conversion_warnings();
    let files = bundler
        .files
        .loaded
        .into_iter()
        .map(|file| SourceFile {
            path: file.path,
            text: file.text,
            map: file.map,
        })
        .collect();
    Ok(Bundle {
        raw,
        files,
        origins: bundler.origins,
        warnings,
    })
}

struct Bundler {
    files: Files,
    /// Where each `$ref` (by the node holding it) leads; `None` once reported as a problem.
    resolved: HashMap<NodeKey, Option<Resolution>>,
    /// Hoisted nodes, and their order of discovery (the order they are added to `components`).
    grafts: HashMap<NodeKey, Graft>,
    order: Vec<NodeKey>,
    /// Component names in use, per section.
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    /// Nodes being copied in place, to refuse a node that contains a reference to itself.
    copying: Vec<(usize, String)>,
    /// Whether the document must be rewritten at all.
    changes: bool,
    origins: Vec<Origin>,
    diagnostics: Vec<Diagnostic>,
}

impl Bundler {
    fn new(files: Files) -> Self {
        let root = files.value(ROOT);
        let mut taken: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        let components = root.get("components").and_then(Value::as_object);
        for (section, entries) in components.into_iter().flatten() {
            let Some(section) = section_name(section) else {
                continue;
            };
            let names = entries
                .as_object()
                .into_iter()
                .flat_map(|e| e.keys().cloned());
            taken.entry(section).or_default().extend(names);
        }
        Bundler {
            files,
            resolved: HashMap::new(),
            grafts: HashMap::new(),
            order: Vec::new(),
            taken,
            copying: Vec::new(),
            changes: false,
            origins: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Components of the spec that only refer to a node elsewhere take that node in place, first, so that
    /// it keeps the component's name however else it is reached.
    fn claim_proxies(&mut self, root: &Value) {
        let components = root.get("components").and_then(Value::as_object);
        for (section, entries) in components.into_iter().flatten() {
            let Some(kind) = section_kind(section) else {
                continue;
            };
            for (name, node) in entries.as_object().into_iter().flatten() {
                if reference_of(node).is_none() {
                    continue;
                }
                let pointer = component_pointer(section, name);
                if let Some(Resolution::Node(file, target)) = self.resolve(ROOT, &pointer, kind) {
                    let key = (file, target, kind);
                    if !self.grafts.contains_key(&key) {
                        let graft = Graft {
                            name: name.clone(),
                            in_place: true,
                        };
                        self.grafts.insert(key.clone(), graft);
                        self.order.push(key);
                        self.changes = true;
                    }
                }
            }
        }
    }

    /// Follows every reference under `node` (a `kind` at `pointer` of `file`), hoisting what they name.
    fn discover(&mut self, file: usize, pointer: &str, kind: Kind, node: &Value) {
        let Some(object) = node.as_object() else {
            return;
        };
        if let Some(reference) = reference_of(node) {
            self.discover_reference(file, pointer, kind, reference);
            if kind.section().is_some() {
                return;
            }
        }
        for (key, value) in object {
            if key == "$ref" {
                continue;
            }
            // The child's pointer is made only for the keys that are walked into.
            let Some(children) = kind.children(key) else {
                continue;
            };
            let child = format!("{pointer}/{}", pointer_token(key));
            match children {
                Children::One(kind) => self.discover(file, &child, kind, value),
                Children::Map(kind) => {
                    for (name, value) in value.as_object().into_iter().flatten() {
                        let at = format!("{child}/{}", pointer_token(name));
                        self.discover(file, &at, kind, value);
                    }
                }
                Children::List(kind) => {
                    for (index, value) in value.as_array().into_iter().flatten().enumerate() {
                        self.discover(file, &format!("{child}/{index}"), kind, value);
                    }
                }
            }
        }
    }

    fn discover_reference(&mut self, file: usize, pointer: &str, kind: Kind, reference: &str) {
        match (self.resolve(file, pointer, kind), kind.section()) {
            (Some(Resolution::Component(name)), Some(section))
                if reference != local_reference(section, &name) =>
            {
                self.changes = true;
            }
            (Some(Resolution::Node(target_file, target)), Some(section)) => {
                self.changes = true;
                let key = (target_file, target, kind);
                if self.grafts.contains_key(&key) {
                    return;
                }
                let value = self.files.value(target_file);
                let path = self.files.path(target_file);
                let base = naming::derive(path, &value, &key.1, kind_name(kind));
                let name = naming::unique(&base, self.taken.entry(section).or_default());
                let graft = Graft {
                    name,
                    in_place: false,
                };
                self.grafts.insert(key.clone(), graft);
                self.order.push(key);
            }
            (Some(Resolution::Node(target_file, target)), None) => {
                self.changes = true;
                let node = (target_file, target);
                if self.copying.contains(&node) {
                    let at = format!("{pointer}/$ref");
                    let problem = Diagnostic::error(
                        at.as_str(),
                        format!("$ref {reference:?} names a node that contains this reference"),
                    )
                    .with_hint("a path item cannot include itself");
                    self.diagnostics.push(self.files.locate(file, problem));
                    return;
                }
                let value = self.files.value(node.0);
                if let Some(target) = value.pointer(&node.1) {
                    self.copying.push(node.clone());
                    self.discover(node.0, &node.1, kind, target);
                    self.copying.pop();
                }
            }
            _ => {}
        }
    }

    /// Where the `$ref` of the node at `pointer` of `file` leads, following it once per node.
    fn resolve(&mut self, file: usize, pointer: &str, kind: Kind) -> Option<Resolution> {
        let key = (file, pointer.to_owned(), kind);
        if let Some(known) = self.resolved.get(&key) {
            return known.clone();
        }
        let resolution = self.follow(file, pointer, kind);
        self.resolved.insert(key, resolution.clone());
        resolution
    }

    /// Follows a chain of references to the first component of the spec, or else to the first node that is
    /// not a reference; reports dangling references and cycles where the offending `$ref` is written.
    fn follow(&mut self, file: usize, pointer: &str, kind: Kind) -> Option<Resolution> {
        let section = kind.section();
        let mut chain: Vec<(usize, String)> = Vec::new();
        let mut at = (file, pointer.to_owned());
        // Once a component of the spec is reached it is the answer, but the chain is still followed to
        // catch cycles that leave the spec and come back; problems past it are reported from it.
        let mut component: Option<String> = None;
        loop {
            let value = self.files.value(at.0);
            let Some(reference) = value.pointer(&at.1).and_then(reference_of) else {
                let node = Resolution::Node(at.0, at.1);
                return Some(component.map_or(node, Resolution::Component));
            };
            chain.push(at.clone());
            let written_at = format!("{}/$ref", at.1);
            let target = match self.files.target(at.0, &written_at, reference) {
                Ok(target) => target,
                Err(problem) => {
                    if component.is_none() {
                        self.diagnostics.push(problem);
                    }
                    return component.map(Resolution::Component);
                }
            };
            let target_component = section
                .filter(|_| target.0 == ROOT)
                .and_then(|section| component_name(&target.1, section));
            if component.is_none() {
                component = target_component;
            }
            let Some(target) = self.reach(target.0, &target.1) else {
                if component.is_some() {
                    // A missing component of the spec: lowering reports it, as for any dangling local $ref.
                    return component.map(Resolution::Component);
                }
                let problem = Diagnostic::error(
                    written_at.as_str(),
                    format!(
                        "dangling $ref {reference:?}: {} has no node at {:?}",
                        self.files.path(target.0).display(),
                        target.1
                    ),
                )
                .with_hint("fix the reference's file path or JSON pointer");
                self.diagnostics.push(self.files.locate(at.0, problem));
                return None;
            };
            if let Some(start) = chain.iter().position(|node| *node == target) {
                let cycle = chain.get(start..).unwrap_or_default();
                // A cycle among the spec's own components is reported by lowering, as it always was.
                let local = cycle.iter().all(|(f, p)| {
                    *f == ROOT && section.and_then(|s| component_name(p, s)).is_some()
                });
                if component.is_none() || !local {
                    let problem = self.cycle(cycle, kind);
                    self.diagnostics.push(problem);
                    return None;
                }
                return component.map(Resolution::Component);
            }
            if component.is_some() {
                // Past a component of the spec only cycles matter; anything else is reported from it.
                if chain.len() >= MAX_CHAIN {
                    return component.map(Resolution::Component);
                }
                at = target;
                continue;
            }
            if chain.len() >= MAX_CHAIN {
                let problem = Diagnostic::error(
                    written_at.as_str(),
                    format!("$ref {reference:?} ends a chain of more than {MAX_CHAIN} references"),
                );
                self.diagnostics.push(self.files.locate(at.0, problem));
                return None;
            }
            let named = kinds::kind_at(&self.files.value(target.0), &target.1);
            if let Some(named) = named.filter(|named| *named != kind) {
                let problem = Diagnostic::error(
                    written_at.as_str(),
                    format!(
                        "$ref {reference:?} names a {} where a {} belongs",
                        kind_name(named),
                        kind_name(kind)
                    ),
                )
                .with_hint(format!("refer to a {} instead", kind_name(kind)));
                self.diagnostics.push(self.files.locate(at.0, problem));
                return None;
            }
            at = target;
        }
    }

    /// Where the node at `pointer` of `file` really is: a pointer may pass through references
    /// (`#/components/schemas/Pet/properties/owner` when `Pet` is itself a `$ref`), which are followed.
    fn reach(&mut self, file: usize, pointer: &str) -> Option<(usize, String)> {
        if self.files.value(file).pointer(pointer).is_some() {
            return Some((file, pointer.to_owned()));
        }
        let mut at = (file, String::new());
        let mut hops = 0;
        for token in pointer.split('/').skip(1) {
            loop {
                let value = self.files.value(at.0);
                let Some(reference) = reference_of(value.pointer(&at.1)?) else {
                    break;
                };
                hops += 1;
                if hops > MAX_CHAIN {
                    return None;
                }
                let written_at = format!("{}/$ref", at.1);
                at = self.files.target(at.0, &written_at, reference).ok()?;
            }
            at.1 = format!("{}/{token}", at.1);
        }
        self.files.value(at.0).pointer(&at.1)?;
        Some(at)
    }

    /// The problem of a cycle of references, reported at its first node (by file, then pointer), so that
    /// the cycle reads the same however it was entered.
    fn cycle(&self, cycle: &[(usize, String)], kind: Kind) -> Diagnostic {
        let first = cycle
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| a.cmp(b))
            .map_or(0, |(index, _)| index);
        let steps: Vec<String> = cycle
            .iter()
            .cycle()
            .skip(first)
            .take(cycle.len() + 1)
            .map(|(file, pointer)| format!("{}#{pointer}", self.files.path(*file).display()))
            .collect();
        let (file, pointer) = cycle.get(first).cloned().unwrap_or_default();
        let problem = Diagnostic::error(
            format!("{pointer}/$ref"),
            format!(
                "$ref cycle never reaches a {}: {}",
                kind_name(kind),
                steps.join(" -> ")
            ),
        )
        .with_hint("one node of the cycle must be a definition rather than a $ref");
        self.files.locate(file, problem)
    }

    /// The warnings of converting other files that concern a part the document took (the rest of such a
    /// file is not generated), located in their files.
    fn conversion_warnings(&mut self) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        for (index, file) in self.files.loaded.iter_mut().enumerate().skip(1) {
            for problem in std::mem::take(&mut file.problems) {
                let taken = self.origins.iter().any(|origin| {
                    origin.file == index
                        && problem
                            .pointer
                            .strip_prefix(origin.pointer.as_str())
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                });
                if taken {
                    warnings.push((index, problem));
                }
            }
        }
        warnings
            .into_iter()
            .map(|(index, problem)| self.files.locate(index, problem))
            .collect()
    }

    /// The bundled document: the spec, rewritten, with every hoisted node added to its components.
    fn emit_document(&mut self, root: &Value) -> Value {
        let mut document = self.emit(ROOT, "", Kind::Document, root, "", false);
        for key in self.order.clone() {
            let Some(graft) = self.grafts.get(&key).cloned() else {
                continue;
            };
            let (file, pointer, kind) = key;
            let Some(section) = kind.section() else {
                continue;
            };
            if graft.in_place {
                continue;
            }
            let bundled = component_pointer(section, &graft.name);
            let value = self.files.value(file);
            let Some(node) = value.pointer(&pointer) else {
                continue;
            };
            self.origins.push(Origin {
                bundled: bundled.clone(),
                file,
                pointer: pointer.clone(),
            });
            let copy = self.emit(file, &pointer, kind, node, &bundled, true);
            let entries = document
                .as_object_mut()
                .map(|root| root.entry("components").or_insert_with(empty))
                .and_then(Value::as_object_mut)
                .map(|components| components.entry(section).or_insert_with(empty))
                .and_then(Value::as_object_mut);
            if let Some(entries) = entries {
                entries.insert(graft.name, copy);
            }
        }
        document
    }

    /// A copy of `node` (a `kind` at `pointer` of `file`) as it sits at `out` of the bundled document, with
    /// references rewritten; `hoisted` when this copy is the node's own component.
    fn emit(
        &mut self,
        file: usize,
        pointer: &str,
        kind: Kind,
        node: &Value,
        out: &str,
        hoisted: bool,
    ) -> Value {
        if !hoisted {
            let key = (file, pointer.to_owned(), kind);
            if let (Some(graft), Some(section)) = (self.grafts.get(&key), kind.section()) {
                return serde_json::json!({ "$ref": local_reference(section, &graft.name) });
            }
        }
        if reference_of(node).is_some() {
            return self.emit_reference(file, pointer, kind, node, out);
        }
        match node.as_object() {
            Some(object) => {
                let mut copy = Map::new();
                for (key, value) in object {
                    let value = self.emit_child(file, pointer, kind, key, value, out);
                    copy.insert(key.clone(), value);
                }
                Value::Object(copy)
            }
            None => node.clone(),
        }
    }

    /// The copy of the value under `key` of a node.
    fn emit_child(
        &mut self,
        file: usize,
        pointer: &str,
        kind: Kind,
        key: &str,
        value: &Value,
        out: &str,
    ) -> Value {
        let token = pointer_token(key);
        let (pointer, out) = (format!("{pointer}/{token}"), format!("{out}/{token}"));
        match kind.children(key) {
            Some(Children::One(kind)) => self.emit(file, &pointer, kind, value, &out, false),
            Some(Children::Map(kind)) => match value.as_object() {
                Some(entries) => {
                    let mut copy = Map::new();
                    for (name, value) in entries {
                        let token = pointer_token(name);
                        let (at, at_out) = (format!("{pointer}/{token}"), format!("{out}/{token}"));
                        let value = self.emit(file, &at, kind, value, &at_out, false);
                        copy.insert(name.clone(), value);
                    }
                    Value::Object(copy)
                }
                None => value.clone(),
            },
            Some(Children::List(kind)) => match value.as_array() {
                Some(items) => {
                    let mut copy = Vec::with_capacity(items.len());
                    for (index, value) in items.iter().enumerate() {
                        let (at, at_out) = (format!("{pointer}/{index}"), format!("{out}/{index}"));
                        copy.push(self.emit(file, &at, kind, value, &at_out, false));
                    }
                    Value::Array(copy)
                }
                None => value.clone(),
            },
            None => value.clone(),
        }
    }

    /// The copy of a `$ref` node: a local reference, or the named node itself where it must be copied.
    fn emit_reference(
        &mut self,
        file: usize,
        pointer: &str,
        kind: Kind,
        node: &Value,
        out: &str,
    ) -> Value {
        let resolution = self
            .resolved
            .get(&(file, pointer.to_owned(), kind))
            .cloned()
            .flatten();
        let target = match (resolution, kind.section()) {
            (Some(Resolution::Component(name)), Some(section)) => {
                return with_reference(node, local_reference(section, &name));
            }
            (Some(Resolution::Node(target_file, target)), Some(section)) => {
                let key = (target_file, target, kind);
                let Some(graft) = self.grafts.get(&key).cloned() else {
                    return node.clone();
                };
                let here = file == ROOT && pointer == component_pointer(section, &graft.name);
                if !(graft.in_place && here) {
                    return with_reference(node, local_reference(section, &graft.name));
                }
                (key.0, key.1)
            }
            (Some(Resolution::Node(target_file, target)), None) => (target_file, target),
            _ => return node.clone(),
        };
        if self.copying.contains(&target) {
            return node.clone();
        }
        let value = self.files.value(target.0);
        let Some(target_node) = value.pointer(&target.1) else {
            return node.clone();
        };
        self.origins.push(Origin {
            bundled: out.to_owned(),
            file: target.0,
            pointer: target.1.clone(),
        });
        self.copying.push(target.clone());
        let mut copy = self.emit(target.0, &target.1, kind, target_node, out, true);
        self.copying.pop();
        // Keys written beside the `$ref` of a path item add to (or replace) those of the node it names.
        if kind.section().is_none() {
            if let (Some(copy), Some(object)) = (copy.as_object_mut(), node.as_object()) {
                for (key, value) in object.iter().filter(|(key, _)| *key != "$ref") {
                    let token = pointer_token(key);
                    self.origins.push(Origin {
                        bundled: format!("{out}/{token}"),
                        file,
                        pointer: format!("{pointer}/{token}"),
                    });
                    let value = self.emit_child(file, pointer, kind, key, value, out);
                    copy.insert(key.clone(), value);
                }
            }
        }
        copy
    }
}

/// The `$ref` of a reference object.
fn reference_of(node: &Value) -> Option<&str> {
    node.as_object()?.get("$ref")?.as_str()
}

/// `node` with its `$ref` replaced (keys beside it are kept as written; OpenAPI 3.0 ignores them).
fn with_reference(node: &Value, reference: String) -> Value {
    let mut copy = node.as_object().cloned().unwrap_or_default();
    copy.insert("$ref".to_owned(), Value::String(reference));
    Value::Object(copy)
}

fn empty() -> Value {
    Value::Object(Map::new())
}

/// `#/components/<section>/<name>`.
fn local_reference(section: &str, name: &str) -> String {
    format!("#{}", component_pointer(section, name))
}

/// A `components` key as a `'static` section name.
fn section_name(section: &str) -> Option<&'static str> {
    section_kind(section).and_then(Kind::section)
}

/// The kind of the nodes of a `components` section.
fn section_kind(section: &str) -> Option<Kind> {
    match Kind::Components.children(section) {
        Some(Children::Map(kind)) if kind.section().is_some() => Some(kind),
        _ => None,
    }
}

/// How problems name a kind.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Document => "document",
        Kind::Components => "components object",
        Kind::PathItem => "path item",
        Kind::Operation => "operation",
        Kind::Callback => "callback",
        Kind::Parameter => "parameter",
        Kind::Header => "header",
        Kind::RequestBody => "request body",
        Kind::Response => "response",
        Kind::MediaType => "media type",
        Kind::Encoding => "encoding",
        Kind::Schema => "schema",
        Kind::Example => "example",
        Kind::Link => "link",
        Kind::SecurityScheme => "security scheme",
    }
}
