//! Splitting a whole into parts that add up exactly (README, Targets): the largest-remainder method.
//! Money is split in cents and counts in whole units, so the parts always sum to the total.

/// Splits `total` in proportion to `weights`. Each part gets the floor of its exact share;
/// the units left over go one each to the parts with the largest remainders (ties to the
/// earlier part). All-zero (or no) weights split evenly. Parts differ from their exact share
/// by less than one unit.
pub fn largest_remainder(total: i64, weights: &[u64]) -> Vec<i64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let even;
    let weights = if weights.iter().all(|w| *w == 0) {
        even = vec![1u64; weights.len()];
        &even
    } else {
        weights
    };
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    let negative = total < 0;
    let magnitude = u128::from(total.unsigned_abs());
    let mut parts: Vec<u128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = magnitude * u128::from(*w);
        parts.push(exact / sum);
        remainders.push((exact % sum, i));
    }
    let given: u128 = parts.iter().sum();
    let mut left = magnitude - given;
    // Largest remainder first; the stable sort keeps earlier parts first among equals.
    remainders.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        // A part with zero weight never receives a unit.
        if weights[i] > 0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    parts
        .into_iter()
        .map(|p| {
            let p = p as i64;
            if negative { -p } else { p }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_million_and_a_cent_into_four_quarters() {
        let parts = largest_remainder(100_000_001, &[1, 1, 1, 1]);
        assert_eq!(parts.iter().sum::<i64>(), 100_000_001);
        assert_eq!(parts, [25_000_001, 25_000_000, 25_000_000, 25_000_000]);
    }

    #[test]
    fn ten_into_three() {
        assert_eq!(largest_remainder(10, &[1, 1, 1]), [4, 3, 3]);
    }

    #[test]
    fn zero_weights_get_nothing_and_all_zero_is_even() {
        assert_eq!(largest_remainder(10, &[0, 1, 1]), [0, 5, 5]);
        assert_eq!(largest_remainder(7, &[0, 0]), [4, 3]);
        assert_eq!(largest_remainder(100, &[3, 0, 1]), [75, 0, 25]);
        assert!(largest_remainder(5, &[]).is_empty());
    }

    proptest! {
        #[test]
        fn parts_sum_exactly_and_stay_within_a_unit(
            total in 0i64..=i64::MAX / 2,
            weights in proptest::collection::vec(0u64..1_000_000, 1..20),
        ) {
            let parts = largest_remainder(total, &weights);
            prop_assert_eq!(parts.iter().sum::<i64>(), total);
            let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
            if sum > 0 {
                for (p, w) in parts.iter().zip(&weights) {
                    let exact = total as f64 * *w as f64 / sum as f64;
                    prop_assert!((*p as f64 - exact).abs() <= 1.0 + exact * 1e-12);
                }
            }
        }
    }
}
