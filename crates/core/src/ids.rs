//! Check characters of the two identifiers the contest relies on (DOMAIN §2–3):
//! 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999).
//! Pure functions over normalised text; the importer reports, never repairs.

/// The 31 characters a credit code may use, value = index.
const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

fn credit_value(c: char) -> Option<u32> {
    CREDIT_CHARSET.find(c).map(|i| i as u32)
}

/// The 18th character of a credit code whose first 17 characters are given.
/// `None` when the input is not 17 characters of the credit-code alphabet.
pub fn credit_code_check_char(first17: &str) -> Option<char> {
    let chars: Vec<char> = first17.chars().collect();
    if chars.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in chars.iter().zip(CREDIT_WEIGHTS) {
        sum += credit_value(*c)? * w;
    }
    let c18 = (31 - sum % 31) % 31;
    CREDIT_CHARSET.chars().nth(c18 as usize)
}

/// What is wrong with a (normalised, upper-case) credit code, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeIssue {
    /// Not 18 characters.
    Length,
    /// A character outside 0-9 A-H J-N P Q R T U W X Y (no I O S V Z).
    Charset,
    /// Well-formed but the 18th character does not match.
    CheckChar { expected: char },
}

pub fn check_credit_code(code: &str) -> Result<(), CreditCodeIssue> {
    // Checked once per imported row: no copies of the code on the way.
    if code.chars().count() != 18 {
        return Err(CreditCodeIssue::Length);
    }
    let mut values = [0u32; 18];
    for (v, c) in values.iter_mut().zip(code.chars()) {
        *v = credit_value(c).ok_or(CreditCodeIssue::Charset)?;
    }
    let sum: u32 = values[..17].iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let expected = CREDIT_CHARSET.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    // Every character is in the (ASCII) alphabet: the 18th is the 18th byte.
    if code.as_bytes()[17] as char == expected {
        Ok(())
    } else {
        Err(CreditCodeIssue::CheckChar { expected })
    }
}

/// The 18th character of an ID number whose first 17 digits are given (ISO 7064 MOD 11-2).
pub fn id_number_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes.iter().zip(ID_WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(ID_CHECK[(sum % 11) as usize] as char)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNumberIssue {
    /// Neither 18 characters nor an old 15-digit number.
    Length,
    /// Non-digits where digits belong.
    Charset,
    /// Birth date segment is not a real calendar date.
    BirthDate,
    /// The 18th character does not match.
    CheckChar { expected: char },
}

/// Validates a normalised ID number (upper-case X). Old 15-digit numbers carry no check digit and
/// are accepted when their birth date is real. Region codes are not required to be mainland ones
/// (港澳台居民居住证 and 外国人永久居留身份证 validate by checksum only, DOMAIN §3).
pub fn check_id_number(id: &str) -> Result<(), IdNumberIssue> {
    let b = id.as_bytes();
    match b.len() {
        15 => {
            if !b.iter().all(u8::is_ascii_digit) {
                return Err(IdNumberIssue::Charset);
            }
            let date = format!("19{}", &id[6..12]);
            valid_birth(&date).then_some(()).ok_or(IdNumberIssue::BirthDate)
        }
        18 => {
            if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
                return Err(IdNumberIssue::Charset);
            }
            if !valid_birth(&id[6..14]) {
                return Err(IdNumberIssue::BirthDate);
            }
            let expected = id_number_check_char(&id[..17]).ok_or(IdNumberIssue::Charset)?;
            if b[17] as char == expected {
                Ok(())
            } else {
                Err(IdNumberIssue::CheckChar { expected })
            }
        }
        _ => Err(IdNumberIssue::Length),
    }
}

fn valid_birth(yyyymmdd: &str) -> bool {
    // Eight digits (what the callers pass) are read directly, without chrono's format parser.
    let b = yyyymmdd.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let year = num(0..4);
        return year >= 1800 && chrono::NaiveDate::from_ymd_opt(year as i32, num(4..6), num(6..8)).is_some();
    }
    chrono::NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").map(|d| d.year_ce().1 >= 1800).unwrap_or(false)
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_code_vectors_from_domain() {
        assert_eq!(check_credit_code("914403001922038216"), Ok(()));
        assert_eq!(check_credit_code("91330100799655058B"), Ok(()));
        assert_eq!(check_credit_code("91130600738737199K"), Ok(()));
        assert_eq!(check_credit_code("91140491MAK2TX345N"), Ok(()));
        assert_eq!(check_credit_code("91140802MAK1UQKG7W"), Ok(()));
        assert_eq!(check_credit_code("914403001922038217"), Err(CreditCodeIssue::CheckChar { expected: '6' }));
        assert_eq!(check_credit_code("91350203M0001QAY9B"), Err(CreditCodeIssue::CheckChar { expected: '9' }));
        assert_eq!(check_credit_code("9144030019220382"), Err(CreditCodeIssue::Length));
        assert_eq!(check_credit_code("91440300192203821I"), Err(CreditCodeIssue::Charset));
    }

    #[test]
    fn id_number_vectors_from_domain() {
        assert_eq!(check_id_number("11010519491231002X"), Ok(()));
        assert_eq!(check_id_number("440524188001010014"), Ok(()));
        assert_eq!(id_number_check_char("44052418800101001"), Some('4'));
        assert_eq!(check_id_number("340524198001010013"), Err(IdNumberIssue::CheckChar { expected: 'X' }));
        assert_eq!(check_id_number("140402900101123"), Ok(()));
        assert_eq!(check_id_number("140402901301123"), Err(IdNumberIssue::BirthDate));
        assert_eq!(check_id_number("1404021990"), Err(IdNumberIssue::Length));
    }

    /// The checks as they were first written (allocating, through chrono's parser): the faster ones
    /// must agree with them on every input.
    fn credit_reference(code: &str) -> Result<(), CreditCodeIssue> {
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(CreditCodeIssue::Length);
        }
        if chars.iter().any(|c| credit_value(*c).is_none()) {
            return Err(CreditCodeIssue::Charset);
        }
        let first17: String = chars[..17].iter().collect();
        let expected = credit_code_check_char(&first17).ok_or(CreditCodeIssue::Charset)?;
        if chars[17] == expected {
            Ok(())
        } else {
            Err(CreditCodeIssue::CheckChar { expected })
        }
    }

    fn birth_reference(yyyymmdd: &str) -> bool {
        chrono::NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").map(|d| d.year_ce().1 >= 1800).unwrap_or(false)
    }

    #[test]
    fn faster_checks_agree_with_the_reference() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let mut runner = TestRunner::new(Config { cases: 20_000, failure_persistence: None, ..Config::default() });
        runner
            .run(&"[0-9A-Z中ａ]{16,19}", |code| {
                prop_assert_eq!(check_credit_code(&code), credit_reference(&code));
                Ok(())
            })
            .unwrap();
        // A valid code with each of its characters changed stays in agreement too.
        let good = "91140491MAK2TX345N";
        for i in 0..18 {
            for c in CREDIT_CHARSET.chars().chain(['I', 'O', 'z']) {
                let mut v: Vec<char> = good.chars().collect();
                v[i] = c;
                let code: String = v.into_iter().collect();
                assert_eq!(check_credit_code(&code), credit_reference(&code), "{code}");
            }
        }
        runner
            .run(&"(1[6-9]|20|00|18|99)[0-9]{2}(0[0-9]|1[0-3])([0-3][0-9])", |d| {
                prop_assert_eq!(valid_birth(&d), birth_reference(&d), "{}", d);
                Ok(())
            })
            .unwrap();
        for d in ["18000101", "17991231", "20000229", "19000229", "00000101", "99991231", "2000011", "2000-1-1", "２０００0101"] {
            assert_eq!(valid_birth(d), birth_reference(d), "{d}");
        }
    }
}
