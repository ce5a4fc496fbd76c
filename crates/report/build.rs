//! Embeds only the app's words the report uses (`www/i18n/*.json`, the keys under the
//! prefixes below): the whole files are 67 KB, which would ride in the browser's analysis
//! module for the 4 KB the report says.
use std::path::Path;

const PREFIXES: [&str; 5] = ["report.", "result.", "alarm.", "band.", "evidence."];

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    for lang in ["en", "fr"] {
        let src = format!("../../www/i18n/{lang}.json");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(&src).expect("read the app's words");
        let all: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).expect("the app's words are a JSON object");
        let kept: serde_json::Map<String, serde_json::Value> = all
            .into_iter()
            .filter(|(k, _)| PREFIXES.iter().any(|p| k.starts_with(p)))
            .collect();
        std::fs::write(
            Path::new(&out).join(format!("{lang}.json")),
            serde_json::to_string(&kept).unwrap(),
        )
        .expect("write the report's words");
    }
}
