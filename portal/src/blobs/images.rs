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

/// `bytes` of `kind` encoded anew without metadata; a Swedish refusal when they do not decode.
/// Runs for a while on large pictures: call it on the blocking pool.
pub fn strip_metadata(kind: MediaType, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let format = match kind {
        MediaType::Jpeg => ImageFormat::Jpeg,
        MediaType::Png => ImageFormat::Png,
        _ => return Ok(bytes.to_vec()),
    };
    let refused = |e: image::ImageError| {
        tracing::info!(error = %e, "image refused");
        format!(
            "Bilden kunde inte läsas som {}. Den kan vara skadad eller för stor (högst {MAX_SIDE} × {MAX_SIDE} bildpunkter).",
            kind.label()
        )
    };
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
    let mut out = Vec::new();
    match kind {
        MediaType::Jpeg => {
            // JPEG has no transparency; a decoder may still hand back 16-bit or alpha pixels.
            let rgb = match picture {
                DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => picture,
                other => DynamicImage::ImageRgb8(other.to_rgb8()),
            };
            JpegEncoder::new_with_quality(&mut out, 90)
                .encode_image(&rgb)
                .map_err(refused)?;
        }
        _ => {
            picture
                .write_with_encoder(PngEncoder::new(&mut out))
                .map_err(refused)?;
        }
    }
    Ok(out)
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
    }
}
