//! QR codes of judges' phone-scoring addresses (issue #13): one encoder for the window, which draws the
//! modules as SVG rects, and for the printed score sheets, which draw them as filled squares.
use serde::Serialize;

use crate::error::{CoreError, Result};

/// A QR code's modules, row by row (`size` × `size`, true = dark), without the quiet zone.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct QrMatrix {
    pub size: u32,
    pub dark: Vec<bool>,
}

/// Medium error correction: a sheet folded or marked with a pen still scans.
pub fn encode(text: &str) -> Result<QrMatrix> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| CoreError::validation(Some("text"), format!("无法生成二维码（{e}）：内容过长或含无法编码的字符。")))?;
    let size = code.width() as u32;
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok(QrMatrix { size, dark })
}

impl QrMatrix {
    pub fn is_dark(&self, row: u32, col: u32) -> bool {
        row < self.size && col < self.size && self.dark[(row * self.size + col) as usize]
    }

    /// The dark modules of each row as runs `(row, first column, length)`: one filled rectangle per run
    /// keeps a printed code to a few hundred drawing operations.
    pub fn runs(&self) -> Vec<(u32, u32, u32)> {
        let mut out = Vec::new();
        for r in 0..self.size {
            let mut c = 0;
            while c < self.size {
                if self.is_dark(r, c) {
                    let start = c;
                    while c < self.size && self.is_dark(r, c) {
                        c += 1;
                    }
                    out.push((r, start, c - start));
                } else {
                    c += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let q = encode("http://192.168.1.20:8080/j/abcdefghjkmnpqrstuvwxyz2").unwrap();
        assert!(q.size >= 21 && (q.size - 17) % 4 == 0, "a QR side is 17 + 4·version: {}", q.size);
        let mut from_runs = vec![false; q.dark.len()];
        for (r, c, n) in q.runs() {
            for k in c..c + n {
                assert!(!from_runs[(r * q.size + k) as usize], "runs overlap");
                from_runs[(r * q.size + k) as usize] = true;
            }
        }
        assert_eq!(from_runs, q.dark);
        // The finder pattern's top-left corner is dark, the module after its 7-wide edge light.
        assert!(q.is_dark(0, 0) && q.is_dark(0, 6) && !q.is_dark(0, 7));
    }
}
