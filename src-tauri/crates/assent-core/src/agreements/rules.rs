//! The checks every signature must pass before it is recorded.

use super::{Method, Point, SignatureInput, SignerRole};
use crate::templates::TemplateKind;
use crate::{Error, values};

/// The largest drawn signature picture accepted.
pub const MAX_SIGNATURE_PNG: usize = 1024 * 1024;
/// The largest scan of a paper form accepted.
pub const MAX_SCAN_BYTES: usize = 10 * 1024 * 1024;

pub(crate) fn refuse(reason: impl Into<String>) -> Error {
    Error::invalid("signature", reason)
}

/// The roles that may sign each kind of agreement.
pub(crate) fn allowed_roles(kind: TemplateKind) -> &'static [SignerRole] {
    match kind {
        TemplateKind::Ks1 => &[SignerRole::Parent, SignerRole::ChildMark],
        TemplateKind::Ks2 => &[SignerRole::Pupil, SignerRole::Parent],
        TemplateKind::Staff | TemplateKind::GovernorVisitor | TemplateKind::Parent => {
            &[SignerRole::Themselves]
        }
    }
}

/// The roles whose signatures make the agreement complete.
pub(crate) fn required_roles(kind: TemplateKind) -> &'static [SignerRole] {
    match kind {
        TemplateKind::Ks1 => &[SignerRole::Parent],
        TemplateKind::Ks2 => &[SignerRole::Pupil, SignerRole::Parent],
        TemplateKind::Staff | TemplateKind::GovernorVisitor | TemplateKind::Parent => {
            &[SignerRole::Themselves]
        }
    }
}

/// A drawn signature must be a real mark: some strokes covering some distance, not a dot.
pub(crate) fn check_strokes(strokes: &[Vec<Point>]) -> Result<(), Error> {
    let points: Vec<&Point> = strokes.iter().flatten().collect();
    if points.len() < 2 {
        return Err(refuse("The signature is empty. Please sign in the box."));
    }
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &points {
        if !p.x.is_finite() || !p.y.is_finite() {
            return Err(refuse("The signature has points outside the box."));
        }
        min_x = min_x.min(p.x);
        max_x = max_x.max(p.x);
        min_y = min_y.min(p.y);
        max_y = max_y.max(p.y);
    }
    let length: f64 = strokes
        .iter()
        .map(|s| {
            s.windows(2)
                .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
                .sum::<f64>()
        })
        .sum();
    if (max_x - min_x).max(max_y - min_y) < 10.0 || length < 20.0 {
        return Err(refuse(
            "The signature is only a dot. Please sign your name or make your mark.",
        ));
    }
    Ok(())
}

fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// The scan's type from its first bytes; anything but PNG, JPEG or PDF is refused.
pub(crate) fn scan_mime(bytes: &[u8]) -> Result<&'static str, Error> {
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(refuse(
            "The scan is larger than 10 MB. Scan it at a lower resolution.",
        ));
    }
    if is_png(bytes) {
        Ok("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else {
        Err(refuse("The scan must be a PNG or JPEG picture or a PDF."))
    }
}

/// Checks one signature's method-specific parts; returns the date it was signed on, if on paper.
pub(crate) fn check_signature(
    s: &SignatureInput,
    today: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>, Error> {
    if s.signer_name.trim().is_empty() {
        return Err(refuse("Enter the name of the person signing."));
    }
    match s.method {
        Method::Drawn => {
            let png = s.image_png.as_deref().unwrap_or_default();
            if !is_png(png) {
                return Err(refuse(
                    "The drawn signature did not arrive as a picture. Please sign again.",
                ));
            }
            if png.len() > MAX_SIGNATURE_PNG {
                return Err(refuse("The signature picture is too large."));
            }
            check_strokes(s.strokes.as_deref().unwrap_or_default())?;
            Ok(None)
        }
        Method::Typed => {
            if !s.agreed {
                return Err(refuse("Tick \"I agree\" to sign by typing your name."));
            }
            Ok(None)
        }
        Method::Paper => {
            let text = s
                .signed_on
                .as_deref()
                .ok_or_else(|| refuse("Enter the date written on the paper form."))?;
            let date = values::parse_date(text)
                .map_err(|reason| refuse(format!("The date on the form: {reason}.")))?;
            if date > today {
                return Err(refuse("The date on the form is in the future."));
            }
            Ok(Some(date))
        }
    }
}
