//! QR codes (ISO/IEC 18004), drawn by hand: the survey link and the receipt code are shown as QR codes, and the
//! `qrcode` crate would cost about 18 KB of the bundle for what is a few hundred lines.
//!
//! Owns: encoding a text (alphanumeric mode when it fits, bytes otherwise) at error-correction level M in the
//! smallest version that holds it, mask selection by the standard's penalty rules, and the SVG path of the dark
//! modules; and reading a code back from a camera frame (`read`, rqrr's decoder — run in the worker module).
//! Must not: know what the text means or touch the DOM (the UI puts the path in an `<svg>`).

/// A finished symbol: `size` × `size` modules, row by row, `true` for dark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrCode {
    pub size: usize,
    pub version: usize,
    modules: Vec<bool>,
}

/// Light modules around the symbol that a scanner needs.
pub const QUIET_ZONE: usize = 4;

/// Error-correction codewords per block and number of blocks at level M, versions 1–40.
const ECC_PER_BLOCK: [usize; 40] = [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
const BLOCKS: [usize; 40] = [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25,
    26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];
const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

impl QrCode {
    /// The symbol for `text`, or `None` if it is longer than a version-40 symbol holds.
    pub fn encode(text: &str) -> Option<QrCode> {
        let alphanumeric = text.bytes().all(|b| ALPHANUMERIC.contains(&b));
        let version =
            (1..=40).find(|&v| data_bits(text, alphanumeric, v) <= data_codewords(v) * 8)?;
        let data = data_codewords_for(text, alphanumeric, version);
        let codewords = with_error_correction(&data, version);
        let mut symbol = Symbol::new(version);
        symbol.draw_function_patterns();
        symbol.draw_codewords(&codewords);
        let best = (0..8)
            .min_by_key(|&mask| {
                let mut candidate = symbol.clone();
                candidate.apply_mask(mask);
                candidate.draw_format(mask);
                candidate.penalty()
            })
            .unwrap_or(0);
        symbol.apply_mask(best);
        symbol.draw_format(best);
        Some(QrCode {
            size: symbol.size,
            version,
            modules: symbol.modules,
        })
    }

    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.modules[y * self.size + x]
    }

    /// One SVG path of unit squares for the dark modules, offset by the quiet zone; the view box is
    /// `0 0 N N` with `N = size + 2 × QUIET_ZONE`.
    pub fn svg_path(&self) -> String {
        let mut path = String::with_capacity(self.size * self.size * 4);
        for y in 0..self.size {
            for x in 0..self.size {
                if self.dark(x, y) {
                    path.push_str(&format!("M{} {}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
                }
            }
        }
        path
    }
}

fn side(version: usize) -> usize {
    version * 4 + 17
}

/// Modules left for data and error correction once the function patterns are placed.
fn raw_data_modules(version: usize) -> usize {
    let mut modules = (16 * version + 128) * version + 64;
    if version >= 2 {
        let aligns = version / 7 + 2;
        modules -= (25 * aligns - 10) * aligns - 55;
        if version >= 7 {
            modules -= 36;
        }
    }
    modules
}

fn data_codewords(version: usize) -> usize {
    raw_data_modules(version) / 8 - ECC_PER_BLOCK[version - 1] * BLOCKS[version - 1]
}

fn count_bits(alphanumeric: bool, version: usize) -> usize {
    match (alphanumeric, version) {
        (true, 1..=9) => 9,
        (true, 10..=26) => 11,
        (true, _) => 13,
        (false, 1..=9) => 8,
        (false, _) => 16,
    }
}

fn data_bits(text: &str, alphanumeric: bool, version: usize) -> usize {
    let length = text.len();
    let payload = match alphanumeric {
        true => length / 2 * 11 + length % 2 * 6,
        false => length * 8,
    };
    let fits_count = length < 1 << count_bits(alphanumeric, version);
    match fits_count {
        true => 4 + count_bits(alphanumeric, version) + payload,
        false => usize::MAX,
    }
}

#[derive(Default)]
struct Bits(Vec<bool>);

impl Bits {
    fn push(&mut self, value: u32, width: usize) {
        self.0
            .extend((0..width).rev().map(|i| (value >> i) & 1 == 1));
    }
}

fn data_codewords_for(text: &str, alphanumeric: bool, version: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    let bytes = text.as_bytes();
    match alphanumeric {
        true => {
            bits.push(0b0010, 4);
            bits.push(bytes.len() as u32, count_bits(true, version));
            let value = |b: u8| ALPHANUMERIC.iter().position(|&a| a == b).unwrap_or(0) as u32;
            for pair in bytes.chunks(2) {
                match pair {
                    [a, b] => bits.push(value(*a) * 45 + value(*b), 11),
                    [a] => bits.push(value(*a), 6),
                    _ => {}
                }
            }
        }
        false => {
            bits.push(0b0100, 4);
            bits.push(bytes.len() as u32, count_bits(false, version));
            for byte in bytes {
                bits.push(*byte as u32, 8);
            }
        }
    }
    let capacity = data_codewords(version) * 8;
    let terminator = (capacity - bits.0.len()).min(4);
    bits.push(0, terminator);
    bits.push(0, (8 - bits.0.len() % 8) % 8);
    let mut codewords: Vec<u8> = bits
        .0
        .chunks(8)
        .map(|byte| byte.iter().fold(0u8, |acc, &bit| (acc << 1) | bit as u8))
        .collect();
    for pad in [0xEC, 0x11].into_iter().cycle() {
        if codewords.len() >= capacity / 8 {
            break;
        }
        codewords.push(pad);
    }
    codewords
}

/// Splits the data into blocks, appends each block's Reed–Solomon codewords and interleaves them.
fn with_error_correction(data: &[u8], version: usize) -> Vec<u8> {
    let blocks = BLOCKS[version - 1];
    let ecc_len = ECC_PER_BLOCK[version - 1];
    let raw = raw_data_modules(version) / 8;
    let short_blocks = blocks - raw % blocks;
    let short_len = raw / blocks;
    let divisor = rs_divisor(ecc_len);
    let mut split = Vec::with_capacity(blocks);
    let mut offset = 0;
    for block in 0..blocks {
        let data_len = short_len - ecc_len + usize::from(block >= short_blocks);
        let part = &data[offset..offset + data_len];
        offset += data_len;
        let mut full = part.to_vec();
        if block < short_blocks {
            full.push(0); // a placeholder so every block has the same length; skipped below
        }
        full.extend(rs_remainder(part, &divisor));
        split.push(full);
    }
    let mut result = Vec::with_capacity(raw);
    for i in 0..=short_len {
        for (block, codewords) in split.iter().enumerate() {
            if i != short_len - ecc_len || block >= short_blocks {
                result.push(codewords[i]);
            }
        }
    }
    result
}

fn gf_multiply(x: u8, y: u8) -> u8 {
    let mut product: u16 = 0;
    for i in (0..8).rev() {
        product = (product << 1) ^ ((product >> 7) * 0x11D);
        product ^= ((y as u16 >> i) & 1) * x as u16;
    }
    product as u8
}

fn rs_divisor(degree: usize) -> Vec<u8> {
    let mut result = vec![0u8; degree];
    result[degree - 1] = 1;
    let mut root = 1u8;
    for _ in 0..degree {
        for j in 0..degree {
            result[j] = gf_multiply(result[j], root);
            if j + 1 < degree {
                result[j] ^= result[j + 1];
            }
        }
        root = gf_multiply(root, 0x02);
    }
    result
}

fn rs_remainder(data: &[u8], divisor: &[u8]) -> Vec<u8> {
    let mut result = vec![0u8; divisor.len()];
    for &byte in data {
        let factor = byte ^ result.remove(0);
        result.push(0);
        for (r, d) in result.iter_mut().zip(divisor) {
            *r ^= gf_multiply(*d, factor);
        }
    }
    result
}

/// A symbol being drawn: its modules and which of them belong to function patterns.
#[derive(Clone)]
struct Symbol {
    version: usize,
    size: usize,
    modules: Vec<bool>,
    function: Vec<bool>,
}

impl Symbol {
    fn new(version: usize) -> Self {
        let size = side(version);
        Symbol {
            version,
            size,
            modules: vec![false; size * size],
            function: vec![false; size * size],
        }
    }

    fn set_function(&mut self, x: usize, y: usize, dark: bool) {
        self.modules[y * self.size + x] = dark;
        self.function[y * self.size + x] = true;
    }

    fn draw_function_patterns(&mut self) {
        for i in 0..self.size {
            self.set_function(6, i, i % 2 == 0);
            self.set_function(i, 6, i % 2 == 0);
        }
        let far = self.size - 4;
        for (x, y) in [(3, 3), (far, 3), (3, far)] {
            self.draw_finder(x, y);
        }
        let positions = alignment_positions(self.version);
        let last = positions.len().saturating_sub(1);
        for (i, &x) in positions.iter().enumerate() {
            for (j, &y) in positions.iter().enumerate() {
                let at_finder = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if !at_finder {
                    self.draw_alignment(x, y);
                }
            }
        }
        self.draw_format(0); // reserves the format areas; redrawn with the chosen mask
        self.draw_version();
    }

    fn draw_finder(&mut self, cx: usize, cy: usize) {
        for dy in -4i32..=4 {
            for dx in -4i32..=4 {
                let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                if (0..self.size as i32).contains(&x) && (0..self.size as i32).contains(&y) {
                    let distance = dx.abs().max(dy.abs());
                    self.set_function(x as usize, y as usize, distance != 2 && distance != 4);
                }
            }
        }
    }

    fn draw_alignment(&mut self, cx: usize, cy: usize) {
        for dy in -2i32..=2 {
            for dx in -2i32..=2 {
                let dark = dx.abs().max(dy.abs()) != 1;
                self.set_function((cx as i32 + dx) as usize, (cy as i32 + dy) as usize, dark);
            }
        }
    }

    /// Level M (`00`) and the mask, with their BCH bits, in both copies; and the dark module.
    fn draw_format(&mut self, mask: u32) {
        let data = mask; // level M's bits are 00
        let mut remainder = data;
        for _ in 0..10 {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
        }
        let bits = ((data << 10) | remainder) ^ 0x5412;
        let bit = |i: u32| (bits >> i) & 1 == 1;
        for i in 0..=5 {
            self.set_function(8, i as usize, bit(i));
        }
        self.set_function(8, 7, bit(6));
        self.set_function(8, 8, bit(7));
        self.set_function(7, 8, bit(8));
        for i in 9..15 {
            self.set_function(14 - i as usize, 8, bit(i));
        }
        let size = self.size;
        for i in 0..8 {
            self.set_function(size - 1 - i as usize, 8, bit(i));
        }
        for i in 8..15 {
            self.set_function(8, size - 15 + i as usize, bit(i));
        }
        self.set_function(8, size - 8, true);
    }

    fn draw_version(&mut self) {
        if self.version < 7 {
            return;
        }
        let version = self.version as u32;
        let mut remainder = version;
        for _ in 0..12 {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
        }
        let bits = (version << 12) | remainder;
        for i in 0..18 {
            let dark = (bits >> i) & 1 == 1;
            let a = self.size - 11 + i as usize % 3;
            let b = i as usize / 3;
            self.set_function(a, b, dark);
            self.set_function(b, a, dark);
        }
    }

    /// The codewords in the standard's zigzag, two columns at a time from the bottom right.
    fn draw_codewords(&mut self, codewords: &[u8]) {
        let total = codewords.len() * 8;
        let mut i = 0;
        let mut right = self.size as i32 - 1;
        while right >= 1 {
            if right == 6 {
                right = 5;
            }
            for vertical in 0..self.size {
                for j in 0..2 {
                    let x = (right - j) as usize;
                    let upward = (right + 1) & 2 == 0;
                    let y = match upward {
                        true => self.size - 1 - vertical,
                        false => vertical,
                    };
                    if !self.function[y * self.size + x] && i < total {
                        self.modules[y * self.size + x] =
                            (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1;
                        i += 1;
                    }
                }
            }
            right -= 2;
        }
    }

    fn apply_mask(&mut self, mask: u32) {
        for y in 0..self.size {
            for x in 0..self.size {
                let flip = match mask {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => (x / 3 + y / 2) % 2 == 0,
                    5 => x * y % 2 + x * y % 3 == 0,
                    6 => (x * y % 2 + x * y % 3) % 2 == 0,
                    _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                };
                let at = y * self.size + x;
                if flip && !self.function[at] {
                    self.modules[at] = !self.modules[at];
                }
            }
        }
    }

    /// The standard's four penalties: runs of one colour, 2×2 blocks, finder-like patterns, imbalance.
    fn penalty(&self) -> usize {
        let size = self.size;
        let get = |x: usize, y: usize| self.modules[y * size + x];
        let mut penalty = 0;
        let finder_like = [true, false, true, true, true, false, true];
        for line in 0..size {
            for horizontal in [true, false] {
                let at = |i: usize| match horizontal {
                    true => get(i, line),
                    false => get(line, i),
                };
                let mut run = 1;
                for i in 1..size {
                    match at(i) == at(i - 1) {
                        true => run += 1,
                        false => run = 1,
                    }
                    if run == 5 {
                        penalty += 3;
                    } else if run > 5 {
                        penalty += 1;
                    }
                }
                for start in 0..size.saturating_sub(6) {
                    if (0..7).all(|k| at(start + k) == finder_like[k]) {
                        let light = |from: i32, to: i32| {
                            (from..to).all(|i| i < 0 || i >= size as i32 || !at(i as usize))
                        };
                        let s = start as i32;
                        if light(s - 4, s) || light(s + 7, s + 11) {
                            penalty += 40;
                        }
                    }
                }
            }
        }
        for y in 0..size - 1 {
            for x in 0..size - 1 {
                let c = get(x, y);
                if c == get(x + 1, y) && c == get(x, y + 1) && c == get(x + 1, y + 1) {
                    penalty += 3;
                }
            }
        }
        let dark = self.modules.iter().filter(|&&d| d).count();
        let total = size * size;
        let deviation = (dark * 20).abs_diff(total * 10);
        penalty + deviation.div_ceil(total).saturating_sub(1) * 10
    }
}

/// The centres of the alignment patterns, on both axes.
fn alignment_positions(version: usize) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let count = version / 7 + 2;
    let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
    let last = side(version) - 7;
    let mut positions: Vec<usize> = (0..count - 1).map(|i| last - i * step).collect();
    positions.push(6);
    positions.reverse();
    positions
}

/// The text of the first QR code found in a picture of `width` × `height` grey pixels (one byte each, row by row),
/// if any can be read: a camera frame with a receipt in it. Only the worker module calls it.
pub fn read(width: usize, height: usize, grey: &[u8]) -> Option<String> {
    if width == 0 || grey.len() != width * height {
        return None;
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}
