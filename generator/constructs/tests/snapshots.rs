//! Snapshots of the code generated for every construct fixture of `specs/`, one file each in `snapshots/`.
//!
//! Re-bless after an intended change with `EXPECTORATE=overwrite cargo test -p specgen-constructs --test snapshots`.

use specgen::Generator;
use std::path::Path;

#[test]
fn every_fixture_matches_its_snapshot_and_generates_without_warnings() {
    // Tests run in the package folder; relative paths keep the rendered warnings machine-independent.
    let root = Path::new(".");
    // Only the files directly in `specs/` are fixtures (as for the build script); `specs/shared/` holds
    // the files their `$ref`s name.
    let is_spec = |path: &Path| {
        path.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
    };
    let mut specs: Vec<_> = std::fs::read_dir(root.join("specs"))
        .map(|dir| {
            dir.filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| is_spec(path))
                .collect()
        })
        .unwrap_or_default();
    specs.sort();
    assert!(!specs.is_empty(), "no fixtures found in specs/");
    let generator = Generator::new();
    for spec in specs {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let generated = match generator.generate(&spec) {
            Ok(generated) => generated,
            Err(diagnostics) => panic!("{stem} did not generate:\n{diagnostics}"),
        };
        // A fixture that expects warnings lists them in `snapshots/<stem>.warnings`.
        let warnings: String = generated
            .warnings
            .iter()
            .map(|w| format!("{w}\n"))
            .collect();
        if !warnings.is_empty() || root.join(format!("snapshots/{stem}.warnings")).exists() {
            expectorate::assert_contents(format!("snapshots/{stem}.warnings"), &warnings);
        }
        expectorate::assert_contents(format!("snapshots/{stem}.rs"), &generated.code);
    }
}

/// Fixtures also snapshotted with cargo features per tag, as `snapshots/<stem>.features.rs` (the crate
/// compiles them with every feature combination in `generator/tests/features_by_tag.rs`).
const WITH_FEATURES_BY_TAG: &[&str] = &["features_by_tag"];

#[test]
fn fixtures_with_features_by_tag_match_their_snapshots() {
    let generator = Generator::new().features_by_tag(true);
    for stem in WITH_FEATURES_BY_TAG {
        let spec = Path::new("specs").join(format!("{stem}.yaml"));
        let generated = match generator.generate(&spec) {
            Ok(generated) => generated,
            Err(diagnostics) => panic!("{stem} did not generate:\n{diagnostics}"),
        };
        assert!(
            generated.warnings.is_empty(),
            "{stem}: {:?}",
            generated.warnings
        );
        assert!(!generated.features.is_empty(), "{stem} has no tags");
        expectorate::assert_contents(format!("snapshots/{stem}.features.rs"), &generated.code);
    }
}
