//! Images are kept without their metadata: a photo's EXIF block can carry where and when it
//! was taken and with which device. Each JPEG or PNG is decoded (turned upright as its EXIF
//! orientation says) and encoded anew, which keeps the pixels and nothing else. Decoding is
//! capped so a small file cannot unpack to a huge picture.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::detect::MediaType;

/// The widest and tallest picture accepted, in pixels.
const MAX_SIDE: u32 = 12_000;
/// Memory one decode may take.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// `bytes` of `kind` encoded anew without metadata; a refusal in the reader's language when
/// they do not decode. Runs for a while on large pictures: call it on the blocking pool through
/// [`crate::web::frame::block`], which keeps the reader's language.
pub fn strip_metadata(kind: MediaType, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let format = match kind {
        MediaType::Jpeg => ImageFormat::Jpeg,
        MediaType::Png => ImageFormat::Png,
        _ => return Ok(bytes.to_vec()),
    };
    let refused = refusal(kind.label());
    let picture = decode_upright(format, bytes, &refused)?;
    match kind {
        MediaType::Jpeg => encode_jpeg(&picture, 90).map_err(refused),
        _ => encode_png(&picture).map_err(refused),
    }
}

/// The refusal of a picture that does not decode (`label` names its type), in the reader's
/// language, logging why.
fn refusal(label: String) -> impl Fn(image::ImageError) -> String {
    move |e: image::ImageError| {
        use crate::web::i18n::{lang, text_with};
        tracing::info!(error = %e, "image refused");
        text_with(
            lang(),
            "blobs-error-image-unreadable",
            &[
                ("type", label.as_str().into()),
                ("max", MAX_SIDE.to_string().into()),
            ],
        )
    }
}

/// `bytes` decoded as `format` within the caps and turned upright as their EXIF orientation
/// says.
fn decode_upright(
    format: ImageFormat,
    bytes: &[u8],
    refused: &impl Fn(image::ImageError) -> String,
) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let orientation = decoder.orientation().map_err(refused)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

fn encode_jpeg(picture: &DynamicImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    // JPEG has no transparency; a decoder may still hand back 16-bit or alpha pixels.
    let rgb = match picture {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => picture.clone(),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(&rgb)?;
    Ok(out)
}

fn encode_png(picture: &DynamicImage) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::new();
    picture.write_with_encoder(PngEncoder::new(&mut out))?;
    Ok(out)
}

/// What a photo is, told by its content: the kinds a camera or phone hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoKind {
    Jpeg,
    Png,
    Webp,
    /// HEIC/HEIF (an iPhone's default): recognised to be refused with advice, as no
    /// maintained pure-Rust decoder exists.
    Heic,
}

/// The kind of photo `bytes` hold, by their signature; `None` for anything else (text, PDF).
pub fn sniff_photo(bytes: &[u8]) -> Option<PhotoKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(PhotoKind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(PhotoKind::Png);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(PhotoKind::Webp);
    }
    if is_heif(bytes) {
        return Some(PhotoKind::Heic);
    }
    None
}

/// An ISO base media file whose major or compatible brands say HEIC/HEIF.
fn is_heif(bytes: &[u8]) -> bool {
    const BRANDS: &[&[u8; 4]] = &[
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1",
    ];
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = size.clamp(16, 256).min(bytes.len());
    let major = &bytes[8..12];
    let compatible = bytes[16..end].chunks_exact(4);
    std::iter::once(major)
        .chain(compatible)
        .any(|brand| BRANDS.iter().any(|b| b.as_slice() == brand))
}

/// The refusal of a HEIC photo, with what to do instead.
pub const HEIC_REFUSAL: &str = "blobs-error-heic";

/// A photo made fit to keep: encoded anew without any metadata, upright, with a thumbnail.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    /// A JPEG at most `thumb_side` pixels on its long side.
    pub thumbnail: Vec<u8>,
}

/// `bytes` as a photo to keep: JPEG stays JPEG, PNG stays PNG, WebP becomes JPEG (PNG when it
/// has transparency); every EXIF, GPS and maker field is gone and the picture is turned
/// upright. HEIC and anything that is no picture are refused in the reader's language. Runs
/// for a while on large pictures: call it on the blocking pool through
/// [`crate::web::frame::block`], which keeps the reader's language.
pub fn clean_photo(bytes: &[u8], thumb_side: u32) -> Result<CleanPhoto, String> {
    let (format, label) = match sniff_photo(bytes) {
        Some(PhotoKind::Jpeg) => (ImageFormat::Jpeg, MediaType::Jpeg.label()),
        Some(PhotoKind::Png) => (ImageFormat::Png, MediaType::Png.label()),
        Some(PhotoKind::Webp) => (ImageFormat::WebP, crate::web::i18n::t("blobs-type-webp")),
        Some(PhotoKind::Heic) => return Err(HEIC_REFUSAL.to_owned()),
        None => {
            return Err("blobs-error-not-a-picture".to_owned());
        }
    };
    let refused = refusal(label);
    let picture = decode_upright(format, bytes, &refused)?;
    let (mime, out) = match format {
        ImageFormat::Png => ("image/png", encode_png(&picture)),
        ImageFormat::WebP if picture.color().has_alpha() => ("image/png", encode_png(&picture)),
        _ => ("image/jpeg", encode_jpeg(&picture, 88)),
    };
    let out = out.map_err(&refused)?;
    let thumb = picture.thumbnail(thumb_side, thumb_side);
    let thumbnail = encode_jpeg(&thumb, 80).map_err(&refused)?;
    Ok(CleanPhoto {
        bytes: out,
        mime,
        width: picture.width(),
        height: picture.height(),
        thumbnail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn picture() -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::from_fn(8, 4, |x, _| Rgb([x as u8 * 30, 90, 200])))
    }

    fn jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        picture()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    /// An EXIF block (APP1) holding a GPS position and orientation 6 (turn right), put right
    /// after the JPEG's start marker.
    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        let mut tiff: Vec<u8> = Vec::new();
        tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
        // IFD0: orientation, GPS IFD pointer.
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        // GPS IFD at 38: latitude reference N.
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn a_photo_loses_its_exif_and_is_turned_upright() {
        let tagged = with_exif(&jpeg());
        assert!(tagged.windows(6).any(|w| w == b"Exif\0\0"));
        let clean = strip_metadata(MediaType::Jpeg, &tagged).unwrap();
        assert!(!clean.windows(4).any(|w| w == b"Exif"));
        let back = image::load_from_memory(&clean).unwrap();
        assert_eq!(
            (back.width(), back.height()),
            (4, 8),
            "turned as orientation 6 says"
        );
    }

    #[test]
    fn a_png_is_written_anew_and_broken_images_are_refused() {
        let mut png = Vec::new();
        picture()
            .write_with_encoder(PngEncoder::new(&mut png))
            .unwrap();
        let clean = strip_metadata(MediaType::Png, &png).unwrap();
        assert_eq!(image::load_from_memory(&clean).unwrap().width(), 8);
        let refusal = strip_metadata(MediaType::Png, b"\x89PNG\r\n\x1a\nbroken").unwrap_err();
        assert!(refusal.contains("kunde inte läsas"), "{refusal}");
        assert!(
            refusal.contains("som PNG-bild") && refusal.contains("högst 12000 × 12000 bildpunkter"),
            "{refusal}"
        );
        let english = crate::web::frame::speaking(crate::web::i18n::Lang::En, || {
            strip_metadata(MediaType::Png, b"\x89PNG\r\n\x1a\nbroken").unwrap_err()
        });
        assert!(
            english.contains("as a PNG image") && english.contains("12000 × 12000 pixels"),
            "{english}"
        );
    }

    #[test]
    fn a_photo_is_cleaned_with_a_thumbnail_and_heic_is_refused_with_advice() {
        let tagged = with_exif(&jpeg());
        let photo = clean_photo(&tagged, 2).unwrap();
        assert_eq!(photo.mime, "image/jpeg");
        assert_eq!((photo.width, photo.height), (4, 8));
        assert!(!photo.bytes.windows(4).any(|w| w == b"Exif"));
        assert!(!photo.thumbnail.windows(4).any(|w| w == b"Exif"));
        let thumb = image::load_from_memory(&photo.thumbnail).unwrap();
        assert!(thumb.width() <= 2 && thumb.height() <= 2);
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert_eq!(sniff_photo(&heic), Some(PhotoKind::Heic));
        assert_eq!(clean_photo(&heic, 400).unwrap_err(), HEIC_REFUSAL);
        assert!(clean_photo(b"just text", 400).is_err());
        assert!(clean_photo(b"%PDF-1.4 x", 400).is_err());
    }
}
