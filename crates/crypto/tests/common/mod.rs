//! Shared by the crypto tests.

/// Deterministic "random" bytes (the app passes crypto.getRandomValues), xorshift from `seed`.
pub fn rnd(n: usize, seed: u64) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}
