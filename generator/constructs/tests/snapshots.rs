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
