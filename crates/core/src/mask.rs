//! Masking of ID numbers and phones for the window and every public output. A leaf module: the import,
//! the entries and the exports all mask through it.

/// `140402********123X`: the first 6 and last 4 characters.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// `138****5678`: the first 3 and last 4 digits.
pub fn mask_phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// Masks ID numbers and mobile numbers inside free text: every run of 15–18 ID characters and every
/// 11-digit number starting with 1 (`+86`/`86` in front allowed), and the same written in groups
/// joined by spaces or dashes (`138 1234 5678`, `138-1234-5678`, `140402 19900101 123X`), which
/// people type in remarks and which end up in problem messages.
pub fn mask_free_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let groups = digit_groups(&chars, i);
        match masked_prefix(&chars, &groups) {
            Some((end, masked)) => {
                out.push_str(&masked);
                i = end;
            }
            None => {
                // Not personal data from here: keep this group and look again from the next one
                // (so "+86 138 1234 5678" and "2024 138 1234 5678" are still found).
                let (a, b) = groups[0];
                out.extend(&chars[a..b]);
                i = b;
            }
        }
    }
    out
}

/// Separators people put inside phone and ID numbers.
fn is_number_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{a0}' | '\u{3000}' | '－' | '‐' | '–')
}

/// Digit groups starting at `i`, joined by 1–3 separator characters: (start, end) char indices. An X
/// right after the 17th digit (an ID's check character) belongs to the last group and ends the chain.
fn digit_groups(chars: &[char], i: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut a = i;
    let mut total = 0;
    loop {
        let mut b = a;
        while b < chars.len() && chars[b].is_ascii_digit() {
            b += 1;
        }
        total += b - a;
        let x = total == 17 && b < chars.len() && (chars[b] == 'X' || chars[b] == 'x');
        if x {
            b += 1;
        }
        groups.push((a, b));
        if x {
            return groups;
        }
        let mut c = b;
        while c < chars.len() && c - b < 3 && is_number_separator(chars[c]) {
            c += 1;
        }
        if c == b || c >= chars.len() || !chars[c].is_ascii_digit() {
            return groups;
        }
        a = c;
    }
}

/// The longest run of `groups` from the first that is an ID or a phone: where it ends and its masked form.
fn masked_prefix(chars: &[char], groups: &[(usize, usize)]) -> Option<(usize, String)> {
    let mut digits = String::new();
    let mut best = None;
    for (k, &(a, b)) in groups.iter().enumerate() {
        digits.extend(&chars[a..b]);
        let masked = if k == 0 { mask_single_run(&digits) } else { mask_grouped(chars, groups[0].0, b, &digits) };
        if let Some(m) = masked {
            best = Some((b, m));
        }
    }
    best
}

/// One unbroken run (the long-standing rule): 18 or 15 ID characters, or 11 digits starting with 1.
fn mask_single_run(d: &str) -> Option<String> {
    let n = d.len();
    if n == 18 || (n == 15 && !d.ends_with(['X', 'x'])) {
        Some(mask_id(d))
    } else if n == 11 && d.starts_with('1') && !d.ends_with(['X', 'x']) {
        Some(mask_phone(d))
    } else if n == 13 && d.starts_with("86") && is_mobile(&d[2..]) {
        Some(format!("86{}", mask_phone(&d[2..])))
    } else {
        None
    }
}

/// Groups joined by separators: stricter (a mobile prefix, or an ID with a real birth date) and not glued to
/// letters, so amounts, dates and codes written in groups stay as they are.
fn mask_grouped(chars: &[char], start: usize, end: usize, d: &str) -> Option<String> {
    let glued = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if glued(start.checked_sub(1).and_then(|p| chars.get(p))) || glued(chars.get(end)) {
        return None;
    }
    if is_mobile(d) {
        return Some(mask_phone(d));
    }
    let digits_then_check = |n: usize| d.len() == n && d[..n - 1].bytes().all(|b| b.is_ascii_digit());
    let month_day = |m: &str, dd: &str| matches!(m.parse::<u32>(), Ok(1..=12)) && matches!(dd.parse::<u32>(), Ok(1..=31));
    if digits_then_check(18) && matches!(&d[6..8], "19" | "20") && month_day(&d[10..12], &d[12..14]) {
        return Some(mask_id(d));
    }
    if d.len() == 15 && d.bytes().all(|b| b.is_ascii_digit()) && month_day(&d[8..10], &d[10..12]) {
        return Some(mask_id(d));
    }
    None
}

/// 11 digits, 1[3-9]…: a mainland mobile number.
fn is_mobile(d: &str) -> bool {
    d.len() == 11 && d.bytes().all(|b| b.is_ascii_digit()) && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_masking() {
        assert_eq!(mask_free_text("张三（14040219900101123X）13812345678"), "张三（140402********123X）138****5678");
        assert_eq!(mask_free_text("营业收入 1234.5 万元，编号 CK2026001"), "营业收入 1234.5 万元，编号 CK2026001");
    }

    #[test]
    fn free_text_masking_of_numbers_written_in_groups() {
        for (text, want) in [
            ("电话 138 1234 5678，请回电", "电话 138****5678，请回电"),
            ("电话138-1234-5678", "电话138****5678"),
            ("+86 138 1234 5678", "+86 138****5678"),
            ("+86-138-1234-5678", "+86-138****5678"),
            ("+8613812345678", "+86138****5678"),
            ("联系人 139　1234　5678（全角空格）", "联系人 139****5678（全角空格）"),
            ("身份证 140402 19900101 123X 张三", "身份证 140402********123X 张三"),
            ("身份证 1404 0219 9001 0112 3x", "身份证 140402********123x"),
            ("旧证 140402 900101 123", "旧证 140402*****1123"),
            ("2024 138 1234 5678", "2024 138****5678"),
            ("13812345678x", "138****5678x"),
        ] {
            assert_eq!(mask_free_text(text), want, "{text}");
        }
        // Amounts, dates, ranges and codes written in groups are not phones or IDs.
        for text in [
            "金额 1 000 000 元",
            "2026-07-20 09:30",
            "60-65 分 3 项",
            "编号 CK1381234 5678",
            "1234 5678 9012 3456",
            "第 1 页 共 12 页",
            "报名 138 1234 567 项",
        ] {
            assert_eq!(mask_free_text(text), text);
        }
    }
}
