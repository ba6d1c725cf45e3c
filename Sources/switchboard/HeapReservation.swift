#if canImport(Glibc)
    import Glibc
#endif
import YAMLLoading

/// Fresh memory for loading a large rules file, handed over by the kernel in 2 MB pages before
/// the loader touches it.
///
/// Loading takes heap in proportion to the file: the rules' cells and their arrays, the parsed
/// records, the compiled masks. The kernel hands fresh heap over a 4 KB page at a time, on
/// first touch: `evaluate` on the 10,000-rule table (1.8 MB) took 7,532 page faults, 1,430 of
/// them the process start. Here the heap is grown once by an estimate of what the load takes,
/// advised as worth 2 MB pages, filled in one call (`MADV_POPULATE_WRITE`: 2 to 4 ms for that
/// table's 25 MB, now and then more when the machine is busy) and freed: malloc then serves
/// the loader from it, and the same command took about 1,500 page faults.
///
/// For a command that loads, runs and exits (`evaluate`): for the rest of the process, malloc
/// keeps what is freed rather than giving it back to the kernel, and takes large blocks from
/// the heap rather than from mappings of their own. Where glibc's `mallopt` or the advice is
/// missing, nothing changes but the time.
enum HeapReservation {
    /// Heap bytes a load takes per byte of the rules file, about; a smaller estimate leaves
    /// the rest to be handed over a page at a time, as without a reservation.
    static let bytesPerFileByte = 16
    /// Below this, a reservation saves less than the system calls cost.
    static let minimumBytes = 8 << 20
    /// The largest reservation (a 16 MB file's): memory filled is memory the process holds.
    static let maximumBytes = 256 << 20

    /// Reserves heap for loading the rules file at `path`, when it is large enough to gain.
    static func reserve(forRulesFile path: String) {
        #if os(Linux)
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return }
            let bytes = min(Int(status.st_size) * bytesPerFileByte, maximumBytes)
            guard bytes >= minimumBytes, let mallopt = Self.mallopt,
                // glibc's M_TRIM_THRESHOLD and M_MMAP_THRESHOLD (<malloc.h>, which Glibc does not
                // import): keep freed memory, and serve blocks up to twice the largest
                // reservation from the heap, the reservation itself included.
                mallopt(-1, Int32(2 * maximumBytes)) == 1, mallopt(-3, Int32(2 * maximumBytes)) == 1,
                let block = malloc(bytes)
            else { return }
            defer { free(block) }
            // Only a block inside the heap is kept by malloc when freed, for the loader to reuse.
            guard let part = HugePages.alignedPart(of: block, bytes: bytes),
                let end = part.baseAddress?.advanced(by: part.count), end <= sbrk(0)
            else { return }
            HugePages.advise(part)
            _ = madvise(part.baseAddress, part.count, MADV_POPULATE_WRITE)
        #endif
    }

    #if os(Linux)
        /// glibc's `mallopt`, looked up in the process.
        private static var mallopt: (@convention(c) (Int32, Int32) -> Int32)? {
            guard let symbol = dlsym(nil, "mallopt") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        }
    #endif
}
