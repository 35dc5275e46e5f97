//! Phone scoring on the venue network (issue #13): tokens per judge per round, revoke, close, scores from
//! phones (range, 回避, lock, idempotent repeat, 409 on another value) and the secretariat's correction.
use crate::support::{add_judges, v1_contest};
use chrono::{DateTime, FixedOffset};
use rand::SeedableRng;
use saiwu_core::actions::lan;
use saiwu_core::judging::lan::{phone_view, PhoneInput};
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::{Group, Round};
use saiwu_core::Store;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-09-20T09:30:00+08:00").unwrap()
}

pub(crate) struct Venue {
    pub(crate) store: Store,
    pub(crate) _dir: tempfile::TempDir,
    /// Three enterprise finalists.
    pub(crate) nos: Vec<String>,
}

/// An unscored final: three enterprise finalists, three judges (评委甲 declared 回避 on the third entry).
pub(crate) fn venue() -> Venue {
    let (mut store, dir) = v1_contest(now());
    let judges = add_judges(&store, &[("评委甲", None), ("评委乙", None), ("评委丙", None)], now());
    let prelim = judging::round_entries(&store, Round::Preliminary).unwrap();
    let nos: Vec<String> = prelim.iter().filter(|e| e.group == Some(Group::Enterprise)).take(3).map(|e| e.project_no.clone()).collect();
    for no in &nos {
        saiwu_core::actions::judging::adjust_advancement(&mut store, no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    }
    saiwu_core::actions::judging::declare_conflict(&mut store, Round::Final, judges[0], &nos[2], "曾任该企业顾问", "秘书处", now()).unwrap();
    Venue { store, _dir: dir, nos }
}

fn rng(seed: u64) -> rand_chacha::ChaCha8Rng {
    rand_chacha::ChaCha8Rng::seed_from_u64(seed)
}

fn crit(v: &[f64]) -> PhoneInput {
    PhoneInput { criteria: Some(v.to_vec()), total: None }
}

const FULL: [f64; 6] = [28.5, 18.0, 12.0, 13.0, 8.0, 9.25];

#[test]
fn each_judge_gets_one_token_that_opens_only_their_list() {
    let mut v = venue();
    let st = lan::open_scoring(&mut v.store, Round::Final, Some("http://192.168.1.20:8080/"), &mut rng(1), now()).unwrap();
    assert_eq!(st.status, "open");
    assert_eq!(st.tokens.len(), 3);
    let t = &st.tokens[0];
    assert_eq!(t.url.as_deref(), Some(format!("http://192.168.1.20:8080/j/{}", t.token).as_str()));
    assert!(t.token.len() >= 20);
    // Listing again issues nothing new; the same seed would give the same tokens (the RNG is injected).
    let again = lan::tokens(&mut v.store, Round::Final, &mut rng(2), now()).unwrap();
    assert_eq!(again.iter().map(|t| &t.token).collect::<Vec<_>>(), st.tokens.iter().map(|t| &t.token).collect::<Vec<_>>());

    let view = phone_view(&v.store, &t.token).unwrap();
    assert_eq!(view.judge, "评委甲");
    assert_eq!(view.entries.len(), 3);
    assert_eq!(view.entries[0].sheet.criteria.len(), 6);
    assert_eq!(view.entries[0].sheet.max, 100);
    let recused: Vec<bool> = view.entries.iter().map(|e| e.recused).collect();
    assert_eq!(recused.iter().filter(|r| **r).count(), 1, "评委甲's 回避 shows on his list");
    // Nothing personal crosses: the JSON has no ID numbers or phones.
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains("id_number") && !json.contains("phone"), "{json}");

    assert_eq!(phone_view(&v.store, "nosuchtoken").unwrap_err().code(), "FROZEN");
}

#[test]
fn a_phone_score_is_checked_locked_and_idempotent() {
    let mut v = venue();
    let st = lan::open_scoring(&mut v.store, Round::Final, Some("http://127.0.0.1:8080"), &mut rng(3), now()).unwrap();
    let tok = st.tokens.iter().find(|t| t.judge == "评委甲").unwrap().token.clone();
    let no = v.nos[0].clone();

    // Out of range names the criterion; more than two decimals and the wrong count are refused; nothing stored.
    let e = lan::phone_score(&mut v.store, &tok, &no, &crit(&[31.0, 18.0, 12.0, 13.0, 8.0, 9.0]), "10.0.0.5", now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.to_string().contains("技术/产品创新") && e.to_string().contains("0～30"), "{e}");
    let e = lan::phone_score(&mut v.store, &tok, &no, &crit(&[28.125, 18.0, 12.0, 13.0, 8.0, 9.0]), "10.0.0.5", now()).unwrap_err();
    assert!(e.to_string().contains("两位小数"), "{e}");
    let e = lan::phone_score(&mut v.store, &tok, &no, &PhoneInput { criteria: None, total: Some(80.0) }, "10.0.0.5", now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(!saiwu_core::store::scores::any(v.store.conn(), "final").unwrap());

    let s = lan::phone_score(&mut v.store, &tok, &no, &crit(&FULL), "10.0.0.5", now()).unwrap();
    assert_eq!(s.total, 88.75);
    assert!(s.locked);
    // The same value again (a phone resending) is the same answer and writes nothing more.
    let log_before = judging::score_log(&v.store, Some(Round::Final), 100).unwrap().len();
    assert_eq!(lan::phone_score(&mut v.store, &tok, &no, &crit(&FULL), "10.0.0.5", now()).unwrap(), s);
    assert_eq!(judging::score_log(&v.store, Some(Round::Final), 100).unwrap().len(), log_before);
    // Another value is CONFLICT (the server's 409).
    let e = lan::phone_score(&mut v.store, &tok, &no, &crit(&[20.0, 18.0, 12.0, 13.0, 8.0, 9.25]), "10.0.0.5", now()).unwrap_err();
    assert_eq!(e.code(), "CONFLICT");
    assert!(e.to_string().contains("秘书处"), "{e}");

    // The log and the audited row name the judge and the device.
    let log = judging::score_log(&v.store, Some(Round::Final), 10).unwrap();
    assert!(log[0].who.contains("评委甲") && log[0].who.contains("10.0.0.5"), "{:?}", log[0]);
    let audited: String =
        v.store.conn().query_row("SELECT data FROM audit_log WHERE tbl = 'scores' ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(audited.contains("10.0.0.5") && audited.contains("评委甲"), "{audited}");
    assert!(saiwu_core::actions::audit::verify(&v.store, None, now()).unwrap().ok);

    // The phone sees it locked.
    let view = phone_view(&v.store, &tok).unwrap();
    let e0 = view.entries.iter().find(|e| e.project_no == no).unwrap();
    assert_eq!(e0.score.as_ref().unwrap().criteria.as_deref(), Some(&FULL[..]));

    // 回避 and an entry not on the list.
    let e = lan::phone_score(&mut v.store, &tok, &v.nos[2], &crit(&FULL), "10.0.0.5", now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(e.to_string().contains("回避"));
    assert_eq!(lan::phone_score(&mut v.store, &tok, "NOPE-1", &crit(&FULL), "10.0.0.5", now()).unwrap_err().code(), "NOT_IN_ROUND");

    // The secretariat's matrix: one scored, one 回避, the rest missing.
    let p = saiwu_core::judging::lan::progress(&v.store, Round::Final).unwrap();
    assert_eq!(p.judges, vec!["评委甲", "评委乙", "评委丙"]);
    assert_eq!((p.scored, p.missing), (1, 7));
    let row = p.rows.iter().find(|r| r.project_no == no).unwrap();
    assert_eq!(row.cells, vec!["scored", "missing", "missing"]);
    assert_eq!(p.rows.iter().find(|r| r.project_no == v.nos[2]).unwrap().cells[0], "recused");
}

#[test]
fn revoke_and_close_end_tokens_and_the_secretariat_corrects_with_a_reason() {
    let mut v = venue();
    let st = lan::open_scoring(&mut v.store, Round::Final, Some("http://127.0.0.1:8080"), &mut rng(4), now()).unwrap();
    let old = st.tokens.iter().find(|t| t.judge == "评委乙").unwrap().token.clone();
    let list = lan::revoke_token(&mut v.store, Round::Final, "评委乙", &mut rng(5), now()).unwrap();
    let new = list.iter().find(|t| t.judge == "评委乙").unwrap().token.clone();
    assert_ne!(old, new);
    let e = phone_view(&v.store, &old).unwrap_err();
    assert!(e.to_string().contains("作废"), "{e}");
    lan::phone_score(&mut v.store, &new, &v.nos[1], &crit(&FULL), "10.0.0.6", now()).unwrap();

    // The correction needs a reason; it replaces the locked score and is logged with it.
    let value = ScoreValue::Criteria { values: vec![2500, 1800, 1200, 1300, 800, 925] };
    let e = lan::correct_score(&mut v.store, Round::Final, "评委乙", &v.nos[1], &value, " ", "秘书处", now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(lan::correct_score(&mut v.store, Round::Final, "评委乙", &v.nos[1], &value, "评委当场更正", "秘书处", now()).unwrap());
    let log = judging::score_log(&v.store, Some(Round::Final), 1).unwrap();
    assert_eq!(log[0].reason, "更正：评委当场更正");
    let view = phone_view(&v.store, &new).unwrap();
    assert_eq!(view.entries.iter().find(|e| e.project_no == v.nos[1]).unwrap().score.as_ref().unwrap().total, 85.25);

    assert!(lan::close_round(&mut v.store, Round::Final, now()).unwrap());
    let e = phone_view(&v.store, &new).unwrap_err();
    assert_eq!(e.code(), "FROZEN");
    assert!(e.to_string().contains("已结束"), "{e}");
    assert_eq!(lan::tokens(&mut v.store, Round::Final, &mut rng(6), now()).unwrap_err().code(), "FROZEN");
    // Opening again issues new tokens; the old ones stay ended.
    let st = lan::open_scoring(&mut v.store, Round::Final, None, &mut rng(7), now()).unwrap();
    assert!(st.tokens.iter().all(|t| t.token != new));
    assert_eq!(st.url.as_deref(), Some("http://127.0.0.1:8080"));
}

/// The QR codes on a PDF page as decoded from a 200 dpi greyscale PNG rendering (pdftoppm); None only when
/// poppler is missing outside CI.
fn qr_codes_on_page(pdf: &[u8], page: usize) -> Option<Vec<String>> {
    if !crate::support::has_tool("pdftoppm") {
        assert!(!crate::support::in_ci(), "CI=true 但未安装 pdftoppm（poppler-utils）：二维码检查不能跳过。");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("s.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-png", "-gray", "-singlefile", "-r", "200", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(&input)
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    let mut reader = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(dir.path().join("p.png")).unwrap())).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    // Grey, or RGB with three equal channels (pdftoppm's -gray is not honoured for PNG by every release):
    // the first channel of each pixel.
    let (w, h) = (info.width as usize, info.height as usize);
    let step = info.color_type.samples();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * info.line_size + x * step]);
    Some(img.detect_grids().into_iter().map(|g| g.decode().expect("a printed QR code decodes").1).collect())
}

#[test]
fn sheets_printed_while_phone_scoring_is_open_carry_each_judges_own_code() {
    let mut v = venue();
    // Before scoring opens: no code, no address.
    let before = judging::score_sheets_pdf(&v.store, Round::Final, None).unwrap();
    if let Some(codes) = qr_codes_on_page(&before, 1) {
        assert!(codes.is_empty(), "{codes:?}");
    }
    if let Some(t) = crate::support::pdf_text(&before) {
        assert!(!t.contains("手机评分网址"), "{t}");
    }

    let st = lan::open_scoring(&mut v.store, Round::Final, Some("http://192.168.1.20:8080"), &mut rng(8), now()).unwrap();
    let pdf = judging::score_sheets_pdf(&v.store, Round::Final, None).unwrap();
    // One page per judge (three judges, one group), in the judges' order.
    assert_eq!(crate::support::page_count(&pdf).unwrap_or(3), 3);
    for (i, name) in ["评委甲", "评委乙", "评委丙"].iter().enumerate() {
        let url = st.tokens.iter().find(|t| t.judge == *name).unwrap().url.clone().unwrap();
        assert!(url.starts_with("http://192.168.1.20:8080/j/"), "{url}");
        if let Some(codes) = qr_codes_on_page(&pdf, i + 1) {
            assert_eq!(codes, vec![url.clone()], "{name}'s page carries exactly their own address");
        }
        if let Some(t) = crate::support::text_of(&pdf, i + 1, i + 1) {
            let flat = crate::support::flat(&t);
            assert!(flat.contains(&format!("评委：{name}")), "{flat}");
            assert!(flat.contains("手机扫码评分") && flat.contains(&format!("手机评分网址：{url}")), "{flat}");
            // No other judge's token on this judge's page.
            for other in st.tokens.iter().filter(|t| t.judge != *name) {
                assert!(!flat.contains(&other.token), "{name}'s page shows {}'s token", other.judge);
            }
        }
    }

    // Closed: the tokens ended, sheets printed now carry no code.
    assert!(lan::close_round(&mut v.store, Round::Final, now()).unwrap());
    let after = judging::score_sheets_pdf(&v.store, Round::Final, None).unwrap();
    if let Some(codes) = qr_codes_on_page(&after, 1) {
        assert!(codes.is_empty(), "{codes:?}");
    }
}
