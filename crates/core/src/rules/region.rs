//! R04 "registered in Changzhi" (DOMAIN §2.5): the registered address decides; the credit code's
//! region segment (characters 3–6 = 1404) supports it.
use super::{finding, unchecked, Finding, Outcome};
use crate::model::Entry;
use crate::text::nfkc_cow;

/// Current and old names of Changzhi's districts and counties that alone place an address there.
/// 城区 and 郊区 are ambiguous (阳泉 and 晋城 have them), so they count only together with 长治.
const PLACES: &[&str] =
    &["潞州", "上党区", "屯留", "潞城", "襄垣", "平顺", "黎城", "壶关", "长子县", "武乡", "沁县", "沁源", "长治县", "屯留县", "潞城市"];

/// Whether the address names Changzhi: 长治 as a place (not 长治路, a street in other cities), or
/// one of its districts and counties.
pub fn address_in_changzhi(address: &str) -> bool {
    let a = nfkc_cow(address);
    let mut rest = &*a;
    while let Some(i) = rest.find("长治") {
        let after = &rest[i + "长治".len()..];
        // "长治路"/"长治街" is a street name; "长治市", "长治高新区", "山西省长治…" are the city.
        if !(after.starts_with('路') || after.starts_with('街') || after.starts_with("大街") || after.starts_with('道')) {
            return true;
        }
        rest = after;
    }
    PLACES.iter().any(|p| a.contains(p))
}

pub fn code_in_changzhi(credit_code: &str) -> bool {
    credit_code.get(2..6) == Some("1404")
}

pub fn r04_registered_in_changzhi(e: &Entry, address_column: bool, code_column: bool) -> Finding {
    if !address_column && !code_column {
        return unchecked("R04", "报名表中没有“注册地址”和“统一社会信用代码”列");
    }
    let code = e.credit_code.as_deref();
    let code_cz = code.map(code_in_changzhi).unwrap_or(false);
    let code_text = match code {
        Some(c) if code_cz => format!("信用代码 {c} 第3–6位为 1404（长治）"),
        Some(c) => format!("信用代码 {c} 第3–6位为 {}（非长治）", c.get(2..6).unwrap_or("?")),
        None => "无统一社会信用代码".into(),
    };
    let address = e.address.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let address_cz = address.map(address_in_changzhi).unwrap_or(false);
    match address {
        Some(a) if address_cz && code_cz => finding("R04", Outcome::Pass, format!("注册地址“{a}”在长治，{code_text}")),
        Some(a) if address_cz => finding("R04", Outcome::Pass, format!("注册地址“{a}”在长治（以地址为准；{code_text}，可能为迁入或省级登记）")),
        Some(a) if code_cz => finding("R04", Outcome::Review, format!("注册地址“{a}”不在长治，但{code_text}，可能已迁出，请核实")),
        Some(a) => finding("R04", Outcome::Fail, format!("注册地址“{a}”不在长治，{code_text}")),
        None if code_cz => finding("R04", Outcome::Review, format!("未填写注册地址，{code_text}，请核实注册地")),
        None => finding("R04", Outcome::Fail, format!("未填写注册地址，{code_text}，无法证明在长治注册")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert!(address_in_changzhi("山西省长治市潞州区英雄南路1号"));
        assert!(address_in_changzhi("长治高新技术产业开发区创业街136号"));
        assert!(address_in_changzhi("山西省长治县太行北路339号"));
        assert!(address_in_changzhi("襄垣县古韩镇"));
        assert!(!address_in_changzhi("上海市长治路100号"));
        assert!(!address_in_changzhi("阳泉市城区桃北路"));
        assert!(!address_in_changzhi("太原市小店区"));
        assert!(address_in_changzhi("天津市长治路1号，现迁至长治市潞州区"));
    }

    #[test]
    fn codes_old_and_new() {
        for c in ["91140403MA0K7Q2D3L", "91140491MAK2TX345N", "91140402X", "91140481X", "91140471X"] {
            assert!(code_in_changzhi(c), "{c}");
        }
        assert!(!code_in_changzhi("91140802MAK1UQKG7W"));
        assert!(!code_in_changzhi("91140000X"));
    }
}
