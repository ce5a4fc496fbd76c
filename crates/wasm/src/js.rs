//! The few JavaScript built-ins the engine's API calls, bound here rather than through `js-sys`:
//! js-sys brings code of its own into any module that links it (its futures support and a
//! waker, about 1.1 KB raw that no optimiser removes), which the core, on the first load, does
//! without. The modules that use more of JavaScript (sheets, team files) still take js-sys.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)`; `Err` where it throws.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    /// `parseFloat(text)`.
    #[wasm_bindgen(js_name = parseFloat)]
    pub fn parse_float(text: &str) -> f64;

    /// `Object.is(a, b)`: the same value (for objects: the same object).
    #[wasm_bindgen(js_namespace = Object, js_name = is)]
    pub fn same(a: &JsValue, b: &JsValue) -> bool;

    /// `new Error(message)`.
    #[wasm_bindgen(js_name = Error)]
    pub type JsError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> JsError;

    /// `Reflect.set(target, key, value)`; `Err` where it throws (a target that is no object).
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    pub fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// Any value read by index, as `value[i]`.
    pub type Indexed;
    #[wasm_bindgen(method, structural, indexing_getter)]
    pub fn get(this: &Indexed, index: u32) -> JsValue;
}
