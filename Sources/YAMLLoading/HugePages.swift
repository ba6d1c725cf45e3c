#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel to back a large array's storage with 2 MB pages where it can.
///
/// A loader fills several megabytes of fresh memory (the 10,000-rule table's records are
/// 5.6 MB, its compiled masks 5.4 MB), and the kernel hands memory over a 4 KB page at a
/// time: a fault each, about 3 µs on this machine, 12,000 of them to load that table. Where
/// transparent huge pages are enabled for advised memory (Debian's default, `madvise`), one
/// fault hands over 2 MB. The advice never changes what the memory holds; elsewhere it is
/// ignored.
package enum HugePages {
    /// Below this, an array has at most a huge page or two inside it: not worth a system call.
    static let minimumBytes = 4 << 20
    static let pageSize = 2 << 20

    /// Advises the 2 MB-aligned part of `array`'s reserved storage (its capacity, written to
    /// or not), when the array has reserved at least ``minimumBytes``. Call it right after
    /// reserving, before the storage is written.
    package static func advise<Element>(_ array: inout [Element]) {
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= minimumBytes else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let part = alignedPart(of: UnsafeMutableRawPointer(base), bytes: bytes)
            else { return }
            advise(part)
        }
    }

    /// The whole 2 MB pages inside `bytes` bytes from `base`; nil when there are none.
    package static func alignedPart(of base: UnsafeMutableRawPointer, bytes: Int) -> UnsafeMutableRawBufferPointer? {
        let address = Int(bitPattern: base)
        let start = (address + pageSize - 1) & ~(pageSize - 1)
        let end = (address + bytes) & ~(pageSize - 1)
        guard end > start else { return nil }
        return UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: start), count: end - start)
    }

    /// Advises `part` (whole 2 MB pages, ``alignedPart(of:bytes:)``) as worth 2 MB pages.
    package static func advise(_ part: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            _ = madvise(part.baseAddress, part.count, MADV_HUGEPAGE)
        #endif
    }
}
