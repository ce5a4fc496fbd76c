//! Embeds the default framework minified: its whitespace would otherwise ride in every wasm
//! download. Reading it here also checks it is well-formed JSON at compile time.
use std::path::Path;

fn main() {
    let src = "src/framework/default.json";
    println!("cargo:rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("read the default framework");
    let value: serde_json::Value =
        serde_json::from_str(&text).expect("the default framework is JSON");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default-framework.min.json");
    std::fs::write(out, serde_json::to_string(&value).unwrap())
        .expect("write the minified framework");
}
