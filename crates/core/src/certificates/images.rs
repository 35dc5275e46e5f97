//! The user's background and seal images. PNG is decoded to pixels (its transparency becomes a soft
//! mask, so a seal does not hide the text under it); JPEG goes into the PDF as it is (DCTDecode), which
//! keeps a photo-sized background small and needs no decoder.
use std::collections::BTreeMap;
use std::path::Path;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Op, Pt, RawImage, RawImageData, RawImageFormat, XObjectId, XObjectTransform};

use super::template::CertificateTemplate;
use crate::error::{CoreError, Result};
use crate::pdf::Document;

/// Larger images are refused: a certificate background needs no more than a few megabytes.
const MAX_FILE_BYTES: u64 = 30 * 1024 * 1024;
const MAX_PIXELS: u64 = 40_000_000;

#[derive(Debug, Clone, PartialEq)]
enum Data {
    Pixels(RawImage),
    Jpeg { bytes: Vec<u8>, components: u8 },
}

/// A decoded (or checked) image, ready to be placed in any number of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    data: Data,
}

/// The images of a template, loaded once for a batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CertificateImages {
    pub background: Option<Image>,
    pub seal: Option<Image>,
}

impl CertificateImages {
    /// Reads the template's image files; none when the template names none.
    pub fn load(template: &CertificateTemplate) -> Result<CertificateImages> {
        let read =
            |p: &Option<std::path::PathBuf>, what: &str| -> Result<Option<Image>> { p.as_deref().map(|p| Image::from_file(p, what)).transpose() };
        Ok(CertificateImages { background: read(&template.background_image, "背景图片")?, seal: read(&template.seal_image, "印章图片")? })
    }
}

impl Image {
    pub fn from_file(path: &Path, what: &str) -> Result<Image> {
        let file_err = |e: std::io::Error| CoreError::FileOpen { file: path.display().to_string(), reason: e.to_string() };
        let len = std::fs::metadata(path).map_err(file_err)?.len();
        if len > MAX_FILE_BYTES {
            return Err(CoreError::validation(
                Some("image"),
                format!("{what}“{}”有 {} MB，太大了（上限 30 MB）；请压缩后再选择", path.display(), len / 1024 / 1024),
            ));
        }
        let bytes = std::fs::read(path).map_err(file_err)?;
        Image::from_bytes(&bytes, &format!("{what}“{}”", path.display()))
    }

    /// PNG or JPEG bytes, told apart by their signature (not by the file name).
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Image> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            decode_png(bytes, what)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            check_jpeg(bytes, what)
        } else {
            Err(CoreError::validation(Some("image"), format!("{what}不是 PNG 或 JPEG 图片；请另存为 PNG 或 JPEG 后再选择")))
        }
    }

    /// Registers the image in a document; place it with [`draw`].
    pub fn add_to(&self, doc: &mut Document) -> XObjectId {
        match &self.data {
            Data::Pixels(raw) => doc.pdf_mut().add_image(raw),
            Data::Jpeg { bytes, components } => {
                let cs = match components {
                    1 => "DeviceGray",
                    4 => "DeviceCMYK",
                    _ => "DeviceRGB",
                };
                let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
                let mut dict = BTreeMap::new();
                dict.insert("Type".to_string(), name("XObject"));
                dict.insert("Subtype".to_string(), name("Image"));
                dict.insert("Width".to_string(), DictItem::Int(self.width as i64));
                dict.insert("Height".to_string(), DictItem::Int(self.height as i64));
                dict.insert("ColorSpace".to_string(), name(cs));
                dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
                dict.insert("Filter".to_string(), name("DCTDecode"));
                if *components == 4 {
                    // Photoshop writes CMYK JPEGs inverted; the usual reading of them.
                    dict.insert("Decode".to_string(), DictItem::Array([1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec()));
                }
                let x = ExternalXObject {
                    stream: ExternalStream { dict, content: bytes.clone(), compress: false },
                    width: None,
                    height: None,
                    dpi: None,
                };
                doc.pdf_mut().add_xobject(&x)
            }
        }
    }
}

/// Places a registered image with its top-left at (x, y) mm (from the top-left of a page of height
/// `page_h` mm), `w` × `h` mm.
pub fn draw(doc: &mut Document, id: &XObjectId, page_h: f32, x: f32, y: f32, w: f32, h: f32) -> Result<()> {
    let pt = |mm: f32| mm * 72.0 / 25.4;
    doc.push_ops([Op::UseXobject {
        id: id.clone(),
        // The image is a unit square: scale it to the box, then move it (PDF's y grows upwards).
        transform: XObjectTransform {
            translate_x: Some(Pt(pt(x))),
            translate_y: Some(Pt(pt(page_h - y - h))),
            scale_x: Some(pt(w)),
            scale_y: Some(pt(h)),
            no_auto_scale: true,
            ..Default::default()
        },
    }])
}

fn decode_png(bytes: &[u8], what: &str) -> Result<Image> {
    let bad = |e: &dyn std::fmt::Display| CoreError::validation(Some("image"), format!("{what}无法读取（{e}）；请用看图软件另存为 PNG 后再选择"));
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palette and low bit depths expand to 8 bits; 16 bits are cut to 8 (plenty for print).
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().map_err(|e| bad(&e))?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w as u64 * h as u64 > MAX_PIXELS {
        return Err(CoreError::validation(Some("image"), format!("{what}的尺寸 {w} × {h} 像素不合适（上限约 4000 万像素）")));
    }
    let size = reader.output_buffer_size().ok_or_else(|| bad(&"图片太大"))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(|e| bad(&e))?;
    buf.truncate(frame.buffer_size());
    let format = match frame.color_type {
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        png::ColorType::Indexed => return Err(bad(&"调色板未能展开")),
    };
    // Rows may be padded; the PDF wants them packed.
    let bpp = match format {
        RawImageFormat::R8 => 1,
        RawImageFormat::RG8 => 2,
        RawImageFormat::RGB8 => 3,
        _ => 4,
    };
    let row = w as usize * bpp;
    if frame.line_size != row {
        buf = buf.chunks(frame.line_size).flat_map(|l| l[..row.min(l.len())].iter().copied()).collect();
    }
    let raw = RawImage { pixels: RawImageData::U8(buf), width: w as usize, height: h as usize, data_format: format, tag: Vec::new() };
    Ok(Image { width: w, height: h, data: Data::Pixels(raw) })
}

/// Reads width, height and components from the JPEG's frame header; the data itself is passed on.
fn check_jpeg(bytes: &[u8], what: &str) -> Result<Image> {
    let bad = |why: &str| CoreError::validation(Some("image"), format!("{what}无法读取（{why}）；请用看图软件另存为 JPEG 或 PNG 后再选择"));
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(bad("文件结构损坏"));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        if len < 2 {
            return Err(bad("文件结构损坏"));
        }
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let seg = bytes.get(i + 4..i + 2 + len).ok_or_else(|| bad("文件不完整"))?;
            if seg.len() < 6 {
                return Err(bad("文件不完整"));
            }
            if matches!(marker, 0xC3 | 0xC7 | 0xCB | 0xCF) {
                return Err(bad("无损 JPEG 不受 PDF 支持"));
            }
            let (precision, h, w, comps) = (seg[0], u16::from_be_bytes([seg[1], seg[2]]), u16::from_be_bytes([seg[3], seg[4]]), seg[5]);
            if precision != 8 || w == 0 || h == 0 || !matches!(comps, 1 | 3 | 4) {
                return Err(bad("不支持的 JPEG 格式"));
            }
            return Ok(Image { width: w as u32, height: h as u32, data: Data::Jpeg { bytes: bytes.to_vec(), components: comps } });
        }
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        i += 2 + len;
    }
    Err(bad("找不到图像尺寸"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_an_image() {
        let e = Image::from_bytes(b"GIF89a....", "印章图片").unwrap_err().to_string();
        assert!(e.contains("不是 PNG 或 JPEG"), "{e}");
        let e = Image::from_bytes(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 1], "背景图片").unwrap_err().to_string();
        assert!(e.contains("背景图片"), "{e}");
    }

    #[test]
    fn reads_a_jpeg_frame_header() {
        // SOI, APP0 (len 4), SOF0: len 11, precision 8, h 20, w 30, 3 components…
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 20, 0, 30, 3, 1, 0x11, 0];
        j.extend([0xFF, 0xD9]);
        let img = Image::from_bytes(&j, "背景图片").unwrap();
        assert_eq!((img.width, img.height), (30, 20));
    }
}
