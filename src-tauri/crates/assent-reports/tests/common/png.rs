//! Signature pictures for the tests, made without an image library.

/// A signature picture: a dark squiggle on a transparent background.
pub fn signature_png(seed: u32) -> Vec<u8> {
    let (width, height) = (240_u32, 80_u32);
    let mut rgba = vec![0_u8; (width * height * 4) as usize];
    for x in 10..width - 10 {
        let phase = f64::from(x) / 18.0 + f64::from(seed);
        let wave = phase.sin() * 22.0 + (phase * 2.3).cos() * 6.0;
        // Always between 12 and 68: inside the picture.
        #[allow(clippy::cast_possible_truncation)]
        let y = 40 + wave.round().clamp(-28.0, 28.0) as i32;
        for dy in 0..4 {
            let row = u32::try_from(y + dy).unwrap().min(height - 1);
            let at = ((row * width + x) * 4) as usize;
            rgba[at..at + 4].copy_from_slice(&[20, 30, 120, 255]);
        }
    }
    png(width, height, &rgba)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// An uncompressed ("stored") PNG: valid, and needs no image library.
fn png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut raw = Vec::new();
    for row in rgba.chunks((width * 4) as usize) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut zlib = vec![0x78, 0x01];
    for (n, block) in raw.chunks(65_535).enumerate() {
        let last = (n + 1) * 65_535 >= raw.len();
        zlib.push(u8::from(last));
        let len = u16::try_from(block.len()).unwrap();
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1_u32, 0_u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &zlib);
    chunk(b"IEND", &[]);
    out
}
