//! A count of the scanner's unit steps (trie steps and parser entries), kept only in test builds,
//! so that tests can check that extraction stays linear in the input on adversarial text without
//! timing anything. In other builds `count` is an empty function.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one step (test builds only).
#[inline(always)]
pub(crate) fn count() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

/// The steps counted on this thread since the last `take`.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

#[cfg(test)]
mod tests {
    use super::take;

    fn steps(text: &str) -> u64 {
        take();
        let found = crate::extract(text);
        std::hint::black_box(found);
        take()
    }

    /// Doubling an adversarial input at most doubles the work (2% slack for boundary effects; a
    /// quadratic scanner would show about 4x).
    #[test]
    fn work_is_linear_on_adversarial_input() {
        let patterns: &[&str] = &[
            "more than ",
            "between ",
            "1 ",
            "1, ",
            "1-",
            "1,000 ",
            "a few hundred thousand ",
            "hundreds of thousands of ",
            "one in ",
            "twenty-five ",
            "5 ft 2 in ",
            "$5-10 million ",
            "up 5% from ",
            "about half of ",
            "9",
            "<",
            "at least 200 and less than ",
            "three and a half ",
            "the the ",
            "pill presses seized ",
        ];
        for p in patterns {
            let small = steps(&p.repeat(2_000));
            let large = steps(&p.repeat(4_000));
            assert!(
                large <= 2 * small + small / 50 + 1_000,
                "{p:?}: {small} steps for 2,000 repetitions, {large} for 4,000"
            );
        }
    }
}
