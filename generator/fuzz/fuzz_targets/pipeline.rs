//! Arbitrary bytes through the loader and (when they load) the whole pipeline, formatting included: no
//! input may panic, overflow the stack, hang or use unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::{Generator, RuntimeMode};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // Specs are text: bytes that are not UTF-8 are refused by the reader before parsing (tested there).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A folder that does not exist: relative `$ref`s fail to read instead of reaching real files.
    let path = Path::new("/nonexistent-specgen-fuzz/spec.yaml");
    // Loading, bundling and checking come first inside `generate_text`. The shared runtime keeps each run to
    // the spec's own code (an embedded runtime would be formatted again on every run).
    let generator = Generator::new().runtime(RuntimeMode::Shared("crate::runtime".to_owned()));
    let _ = generator.generate_text(path, text.to_owned());
});
