//! Texts of exact values. Long division in u128 so that no reduced `Ratio<i64>` can overflow.
use num_rational::Ratio;

/// Sign, |numerator|, denominator of the reduced value (denominator > 0), or `None` for a zero
/// denominator (never produced by this module; callers could build one with `Ratio::new_raw`).
fn parts(r: &Ratio<i64>) -> Option<(bool, u128, u128)> {
    let (n, d) = (*r.numer() as i128, *r.denom() as i128);
    if d == 0 {
        return None;
    }
    let (mut n, mut d) = (n.unsigned_abs(), d.unsigned_abs());
    let neg = n != 0 && ((*r.numer() < 0) != (*r.denom() < 0));
    let g = gcd(n, d);
    if g > 1 {
        n /= g;
        d /= g;
    }
    Some((neg, n, d))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn only_2_and_5(mut d: u128) -> bool {
    while d.is_multiple_of(2) {
        d /= 2;
    }
    while d.is_multiple_of(5) {
        d /= 5;
    }
    d == 1
}

/// True when the value has a finite decimal expansion (its reduced denominator is 2^a·5^b).
pub fn is_terminating(r: &Ratio<i64>) -> bool {
    parts(r).is_some_and(|(_, _, d)| only_2_and_5(d))
}

/// The exact value (SPEC §11 `score`): a terminating decimal without trailing zeros ("82.625", "85",
/// "85.5"), else the reduced fraction ("250/3").
pub fn exact_string(r: &Ratio<i64>) -> String {
    let Some((neg, n, d)) = parts(r) else {
        return format!("{}/0", r.numer());
    };
    let sign = if neg { "-" } else { "" };
    if !only_2_and_5(d) {
        return format!("{sign}{n}/{d}");
    }
    let mut s = format!("{sign}{}", n / d);
    let mut rem = n % d;
    if rem > 0 {
        s.push('.');
        // Terminates: d divides a power of ten; remainders stay below d, so rem·10 fits in u128.
        while rem > 0 {
            rem *= 10;
            s.push(char::from(b'0' + (rem / d) as u8));
            rem %= d;
        }
    }
    s
}

/// Rounds half away from zero (四舍五入) to `places` decimals (at most 18), always showing them all.
pub fn round_half_up(r: &Ratio<i64>, places: u32) -> String {
    let places = places.min(18);
    let Some((neg, n, d)) = parts(r) else {
        return format!("{}/0", r.numer());
    };
    let scale = 10u128.pow(places);
    // n < 2^63 and scale ≤ 10^18, so n·scale < 2^123: no overflow.
    let scaled = n * scale;
    let mut q = scaled / d;
    if (scaled % d) * 2 >= d {
        q += 1;
    }
    let sign = if neg && q != 0 { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{q}");
    }
    format!("{sign}{}.{:0width$}", q / scale, q % scale, width = places as usize)
}

/// The display value (SPEC §11 `score_display`): 2 decimals, 四舍五入 on the exact value.
pub fn display_2dp(r: &Ratio<i64>) -> String {
    round_half_up(r, 2)
}

/// The result as the score card's formula shows it: exact with at least two decimals when it
/// terminates ("85.00", "82.625"), else 4 decimals and the exact fraction ("85.1667（精确值 511/6）").
pub fn formula_value(r: &Ratio<i64>) -> String {
    if !is_terminating(r) {
        return format!("{}（精确值 {}）", round_half_up(r, 4), exact_string(r));
    }
    let mut s = exact_string(r);
    match s.find('.') {
        None => s.push_str(".00"),
        Some(dot) if s.len() - dot == 2 => s.push('0'),
        Some(_) => {}
    }
    s
}

/// Hundredths as points with two decimals: 8550 → "85.50".
pub fn hundredths_display(h: i64) -> String {
    hundredths_display_wide(h as i128)
}

pub(crate) fn hundredths_display_wide(h: i128) -> String {
    let a = h.unsigned_abs();
    format!("{}{}.{:02}", if h < 0 { "-" } else { "" }, a / 100, a % 100)
}
