// The phone normaliser: any text, in any region, gives a number E.164 allows, no number, or a
// reason; never a trap. The first byte picks the region.
import InteractionLogging

let regions: [String?] = [nil, "US", "CA", "GB", "FR", "DE", "AR", "AU", "IN", "JP", "BR", "MX", "ZZ", ""]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPhone(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let region = regions[Int(data[0]) % regions.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if case .number(let number) = PhoneNumber.normalize(text, region: region) {
        let digits = number.description.utf8.dropFirst()
        guard number.description.hasPrefix("+"), (2...15).contains(digits.count),
              digits.allSatisfy({ (48...57).contains($0) }), digits.first != UInt8(ascii: "0") else {
            fatalError("'\(text)' in \(region ?? "no region") gave \(number), which E.164 does not allow")
        }
        // A number in E.164 form reads as itself.
        guard PhoneNumber.normalize(number.description, region: nil) == .number(number) else {
            fatalError("\(number) does not read back as itself")
        }
    }
    return 0
}
