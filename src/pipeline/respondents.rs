//! Step 1: several informants' scores for one indicator become one value, with their spread.

use crate::framework::RespondentAggregation;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorValue {
    /// The combined value on the indicator's own scale; `None` when nobody scored it.
    pub value: Option<f64>,
    pub respondents: u32,
    /// max − min of the respondents' scores; `None` when nobody scored it.
    pub spread: Option<f64>,
}

/// Combines `responses` (any order) by median or mean. `scratch` is reused between calls.
pub fn combine(
    responses: &[f64],
    method: RespondentAggregation,
    scratch: &mut Vec<f64>,
) -> IndicatorValue {
    let n = responses.len();
    match n {
        0 => IndicatorValue {
            value: None,
            respondents: 0,
            spread: None,
        },
        1 => IndicatorValue {
            value: Some(responses[0]),
            respondents: 1,
            spread: Some(0.0),
        },
        // Two or three respondents, the usual panel: sorted by comparisons, not a sort call.
        2 | 3 => {
            let (mut a, mut b) = (responses[0], responses[1]);
            if b < a {
                std::mem::swap(&mut a, &mut b);
            }
            let sorted = if n == 2 {
                [a, b, b]
            } else {
                let c = responses[2];
                if c < a {
                    [c, a, b]
                } else if c < b {
                    [a, c, b]
                } else {
                    [a, b, c]
                }
            };
            let value = match (method, n) {
                (RespondentAggregation::Median, 2) | (RespondentAggregation::Mean, 2) => {
                    (a + b) / 2.0
                }
                (RespondentAggregation::Median, _) => sorted[1],
                (RespondentAggregation::Mean, _) => (sorted[0] + sorted[1] + sorted[2]) / 3.0,
            };
            IndicatorValue {
                value: Some(value),
                respondents: n as u32,
                spread: Some(sorted[n - 1] - sorted[0]),
            }
        }
        _ => {
            // Sorting first makes the result independent of respondents' order, the mean's
            // floating-point sum included.
            scratch.clear();
            scratch.extend_from_slice(responses);
            crate::sort::floats(scratch);
            let value = match method {
                RespondentAggregation::Median if n % 2 == 1 => scratch[n / 2],
                RespondentAggregation::Median => (scratch[n / 2 - 1] + scratch[n / 2]) / 2.0,
                RespondentAggregation::Mean => scratch.iter().sum::<f64>() / n as f64,
            };
            IndicatorValue {
                value: Some(value),
                respondents: n as u32,
                spread: Some(scratch[n - 1] - scratch[0]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RespondentAggregation::*;

    #[test]
    fn small_panels_agree_with_the_general_rule() {
        // Every order of every 2- and 3-respondent panel on 0–4, against a plain sort.
        let mut s = Vec::new();
        for a in 0..5 {
            for b in 0..5 {
                for c in 0..6 {
                    let v: Vec<f64> = if c == 5 {
                        vec![a as f64, b as f64]
                    } else {
                        vec![a as f64 * 0.7, b as f64, c as f64 * 1.1]
                    };
                    let mut sorted = v.clone();
                    sorted.sort_by(f64::total_cmp);
                    let k = sorted.len();
                    let median = if k == 2 {
                        (sorted[0] + sorted[1]) / 2.0
                    } else {
                        sorted[1]
                    };
                    let mean = sorted.iter().sum::<f64>() / k as f64;
                    assert_eq!(combine(&v, Median, &mut s).value, Some(median), "{v:?}");
                    assert_eq!(
                        combine(&v, Mean, &mut s).value.map(f64::to_bits),
                        Some(mean.to_bits()),
                        "{v:?}"
                    );
                    assert_eq!(
                        combine(&v, Median, &mut s).spread,
                        Some(sorted[k - 1] - sorted[0])
                    );
                }
            }
        }
    }

    #[test]
    fn median_and_mean() {
        let mut s = Vec::new();
        assert_eq!(combine(&[2.0, 3.0, 1.0], Median, &mut s).value, Some(2.0));
        assert_eq!(
            combine(&[4.0, 1.0, 3.0, 2.0], Median, &mut s).value,
            Some(2.5)
        );
        assert_eq!(
            combine(&[4.0, 1.0, 3.0, 2.0], Mean, &mut s).value,
            Some(2.5)
        );
        let v = combine(&[2.0, 3.0, 1.0], Median, &mut s);
        assert_eq!((v.respondents, v.spread), (3, Some(2.0)));
        assert_eq!(combine(&[], Median, &mut s).value, None);
    }
}
