import CQREncode

/// A QR code matrix from libqrencode (error correction level M, byte mode).
struct QRCode {
    let size: Int
    private let modules: [Bool]

    init?(_ payload: String) {
        guard let code = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        modules = data.map { $0 & 1 == 1 }
    }

    func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
