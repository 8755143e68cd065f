//! QR codes read back by an independent decoder (rqrr): alphanumeric and byte mode, one block and many, a
//! version with version information, and the limits.

use aftersales::qr::{QUIET_ZONE, QrCode};

/// Renders `code` at 4 pixels per module with its quiet zone and decodes it with rqrr.
fn read_back(code: &QrCode) -> String {
    let scale = 4;
    let side = (code.size + 2 * QUIET_ZONE) * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let inside = (QUIET_ZONE..QUIET_ZONE + code.size).contains(&mx)
            && (QUIET_ZONE..QUIET_ZONE + code.size).contains(&my);
        match inside && code.dark(mx - QUIET_ZONE, my - QUIET_ZONE) {
            true => 0,
            false => 255,
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one symbol found");
    let (meta, content) = grids[0].decode().expect("decodes");
    assert_eq!(meta.ecc_level, 0, "level M");
    content
}

#[test]
fn what_is_encoded_is_what_a_scanner_reads() {
    let long_text = "售后服务满意度回执：".repeat(12);
    let cases = [
        (
            "a receipt code (alphanumeric)",
            "7ZK2-QW9M-ABCD-EFGH-JKMN-PQRS-TVWX-YZ",
        ),
        (
            "a survey link (bytes)",
            "https://service.example.cn/survey#k=0123456789ABCDEFGHJKMNPQRS&n=T-20261129-0042",
        ),
        (
            "a long Chinese text (many blocks, version information)",
            long_text.as_str(),
        ),
        ("one character", "A"),
    ];
    let mut table = String::new();
    for (name, text) in cases {
        let code = QrCode::encode(text).expect("fits");
        assert_eq!(read_back(&code), text, "{name}");
        table.push_str(&format!(
            "{name}: version {}, {} modules\n",
            code.version, code.size
        ));
    }
    expect_test::expect![[r#"
        a receipt code (alphanumeric): version 2, 25 modules
        a survey link (bytes): version 5, 37 modules
        a long Chinese text (many blocks, version information): version 14, 73 modules
        one character: version 1, 21 modules
    "#]]
    .assert_eq(&table);
}

#[test]
fn too_long_for_any_version_is_refused() {
    assert!(QrCode::encode(&"字".repeat(1000)).is_none());
    assert!(QrCode::encode(&"字".repeat(700)).is_some());
}

#[test]
fn the_svg_path_draws_each_dark_module_once() {
    let code = QrCode::encode("HELLO").unwrap();
    let dark = (0..code.size)
        .flat_map(|y| (0..code.size).map(move |x| (x, y)))
        .filter(|&(x, y)| code.dark(x, y))
        .count();
    assert_eq!(code.svg_path().matches('M').count(), dark);
    assert!(
        code.svg_path()
            .starts_with(&format!("M{} {}h1v1h-1z", QUIET_ZONE, QUIET_ZONE))
    );
}

/// The worker's job behind the receipt scanner: a camera frame (grey, the code small and off-centre on a dim
/// background, the way a phone held up to the tablet looks) gives the code's text; a frame without one, nothing.
#[test]
fn the_worker_reads_a_receipt_in_a_camera_frame() {
    use aftersales::jobs::{answer, qr_frame_request, qr_frame_text};
    let text = "7ZK2-QW9M-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH";
    let code = QrCode::encode(text).unwrap();
    let (width, height, scale, left, top) = (320usize, 240usize, 3usize, 150usize, 40usize);
    let side = (code.size + 2 * QUIET_ZONE) * scale;
    let mut frame = vec![90u8; width * height];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / scale, y / scale);
            let inside = (QUIET_ZONE..QUIET_ZONE + code.size).contains(&mx)
                && (QUIET_ZONE..QUIET_ZONE + code.size).contains(&my);
            let dark = inside && code.dark(mx - QUIET_ZONE, my - QUIET_ZONE);
            frame[(top + y) * width + left + x] = if dark { 30 } else { 220 };
        }
    }
    let reply = answer(&qr_frame_request(width as u32, height as u32, &frame));
    assert_eq!(qr_frame_text(&reply).as_deref(), Some(text));

    let empty = vec![128u8; width * height];
    let reply = answer(&qr_frame_request(width as u32, height as u32, &empty));
    assert_eq!(qr_frame_text(&reply), None);
    // A frame whose size does not match its pixels is nothing to read, not a crash.
    let reply = answer(&qr_frame_request(width as u32, 7, &empty));
    assert_eq!(qr_frame_text(&reply), None);
}
