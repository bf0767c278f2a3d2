//! A picture placed in a document (a signature), added once and drawn any
//! number of times.

use printpdf::XObjectId;

/// A picture placed in the document, drawn any number of times.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    pub(super) id: XObjectId,
    pub(super) width: f32,
    pub(super) height: f32,
}

impl Picture {
    /// The size it is drawn at to fit inside `w` × `h` points, keeping its shape.
    pub(crate) fn fit(&self, w: f32, h: f32) -> (f32, f32) {
        let scale = (w / self.width).min(h / self.height);
        (self.width * scale, self.height * scale)
    }
}
