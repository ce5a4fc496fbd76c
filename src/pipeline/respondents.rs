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
        _ => {
            // Sorting first makes the result independent of respondents' order, the mean's
            // floating-point sum included.
            scratch.clear();
            scratch.extend_from_slice(responses);
            scratch.sort_unstable_by(f64::total_cmp);
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
