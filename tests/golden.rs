//! Golden results: the engine's output for fixed inputs, pinned in files. The wasm test
//! (`crates/wasm/tests/wasm.rs`) compares the browser build against the same files, bit for bit.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them after an intended change.
#![cfg(not(target_arch = "wasm32"))]

use resilience::api;
use resilience::result::Results;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden");

fn check(input: &str, framework: Option<&str>, golden: &str) {
    let read = |name: &str| std::fs::read_to_string(format!("{DIR}/{name}")).unwrap();
    let fw = match framework {
        Some(f) => api::framework(&api::parse_json(&read(f)).unwrap()).unwrap(),
        None => api::default_framework(),
    };
    let batch = api::read_input(&read(input), &fw).unwrap();
    let scored = api::score(&fw, &batch);
    let out = serde_json::to_string_pretty(&Results {
        fw: &fw,
        batch: &batch,
        scored: &scored,
    })
    .unwrap()
        + "\n";
    let path = format!("{DIR}/{golden}");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    assert_eq!(
        out,
        std::fs::read_to_string(&path).unwrap(),
        "{golden} differs; UPDATE_GOLDEN=1 if intended"
    );
}

#[test]
fn default_framework_batch() {
    check("default-batch.json", None, "default-batch.out.json");
}

/// The previous default framework, which the app still ships to score the assessments made
/// under it, scores as it did when it was the default: its output is the one pinned for it then.
#[test]
fn previous_default_framework_batch() {
    check(
        "default-batch.json",
        Some("../../../www/frameworks/resilience-default-1.1.0.json"),
        "default-batch-1.1.0.out.json",
    );
}

#[test]
fn custom_framework_every_method() {
    check(
        "custom-batch.json",
        Some("custom-framework.json"),
        "custom-batch.out.json",
    );
}

#[test]
fn xlsform_bytes_are_pinned() {
    let bytes = resilience_sheets::xlsform::xlsform(&api::default_framework());
    let path = format!("{DIR}/default-xlsform.xlsx");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    assert!(
        bytes == std::fs::read(&path).unwrap(),
        "XLSForm bytes differ; UPDATE_GOLDEN=1 if intended"
    );
}

#[test]
fn kobo_import_is_pinned() {
    let fw = api::default_framework();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/odk/kobo_xml_values.csv"
    ))
    .unwrap();
    let options = resilience_sheets::import::odk::OdkOptions {
        group: vec!["unit".into(), "date".into()],
    };
    let import = resilience_sheets::import_odk_file(text.as_bytes(), &fw, &options).unwrap();
    let out = serde_json::to_string_pretty(&import.output(&fw)).unwrap() + "\n";
    let path = format!("{DIR}/kobo-import.out.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    assert_eq!(
        out,
        std::fs::read_to_string(&path).unwrap(),
        "kobo import differs; UPDATE_GOLDEN=1 if intended"
    );
}
