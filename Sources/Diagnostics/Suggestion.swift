/// "Did you mean" for near misses: the closest candidate by edit distance, if close enough.
package enum Suggestion {
    /// The candidate nearest to `word`, when at most about a third of it differs, or else the
    /// only candidate that `word` (three letters or more) begins: `uniq` means `unique`.
    package static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        let candidates = Array(candidates)
        if let near = nearestByDistance(to: lowered, in: candidates) { return near }
        guard lowered.count >= 3 else { return nil }
        let extended = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        return extended.count == 1 ? extended[0] : nil
    }

    private static func nearestByDistance(to lowered: String, in candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(lowered.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// `; did you mean 'x'?` or nothing.
    package static func clause(for word: String, in candidates: some Sequence<String>) -> String {
        nearest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with transpositions counted as one edit.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
