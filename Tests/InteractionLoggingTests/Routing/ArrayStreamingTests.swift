import InteractionLogging
import Testing

/// A JSON array of events is read an element at a time: each item is routed as soon as the
/// input holding it has arrived, so memory holds a block of the input, not the array, and
/// every item keeps the place (item, line and column) it has when the array is read whole.
@Suite struct ArrayStreamingTests {
    static func call(_ id: Int, from external: String = "+1 604-555-0100") -> String {
        BatchRoutingTests.call(id, from: external)
    }

    /// Routes `text` the way the command line reads a file: blocks of `blockSize` bytes, each
    /// holding what the splitter left of the previous one, then more (twice as much when it
    /// used none).
    /// - Returns: The routes, and the largest block the splitter was given.
    static func routeInBlocks(_ text: String, blockSize: Int) throws -> (routes: [Route], largestBlock: Int) {
        let router = try BatchRoutingTests.router()
        let bytes = Array(text.utf8)
        var splitter = WebhookInput.splitter()
        var routes: [Route] = []
        var block: [UInt8] = []
        var read = 0
        var wanted = blockSize
        var largest = 0
        while true {
            block += bytes[read..<min(bytes.count, read + wanted)]
            read = min(bytes.count, read + wanted)
            largest = max(largest, block.count)
            let (input, used) = WebhookInput.block(block, isFinal: read == bytes.count, splitter: &splitter)
            routes += router.route(input, source: "events.json")
            if read == bytes.count { return (routes, largest) }
            wanted = used == 0 ? max(blockSize, block.count) : blockSize
            block = Array(block[used...])
        }
    }

    @Test("The first item of an array is routed before the rest of the array has arrived")
    func theFirstItemComesBeforeTheRest() throws {
        let router = try BatchRoutingTests.router()
        let head = "[\n  " + Self.call(812) + ",\n  "
        let cut = Self.call(813).utf8.count / 2
        var splitter = WebhookInput.splitter()
        let (first, used) = WebhookInput.block(
            Array((head + Self.call(813).prefix(cut)).utf8), isFinal: false, splitter: &splitter)
        #expect(BatchRoutingTests.summary(router.route(first, source: "events.json")) == ["logged 812"])
        // Kept: from just after item 1, so that item 2 is read whole with the next block.
        #expect(used == ("[\n  " + Self.call(812)).utf8.count)
        let rest = ",\n  " + Self.call(813) + ",\n  42\n]\n"
        let (second, _) = WebhookInput.block(Array(rest.utf8), isFinal: true, splitter: &splitter)
        let routes = router.route(second, source: "events.json")
        try #require(BatchRoutingTests.summary(routes) == ["logged 813", "error at line 4"])
        #expect(
            routes[1].json.rendered
                == #"{"file": "events.json", "line": 4, "column": 3, "item": 3, "status": "error", "error": "expected a webhook object, found a number"}"#
        )
    }

    @Test(
        "A long array is read a block at a time, with the places it has when read whole",
        arguments: [("pretty-printed", ",\n  "), ("on one line", ", ")])
    func aLongArrayIsReadABlockAtATime(form: String, separator: String) throws {
        // Every seventh item is not a webhook: its error route shows its place.
        let items = (1...2_000).map { $0 % 7 == 0 ? "42" : Self.call($0 % 500) }
        let text = "[\n  " + items.joined(separator: separator) + "\n]\n"
        let (routes, largestBlock) = try Self.routeInBlocks(text, blockSize: 4096)
        try #require(routes.count == items.count)
        #expect(largestBlock < 2 * 4096, "the splitter was given \(largestBlock) bytes of a \(text.utf8.count)-byte array")
        var column = 3
        for (index, item) in items.enumerated() {
            let route = routes[index]
            if item == "42" {
                let line = separator.contains("\n") ? index + 2 : 2
                let place = (line: route.line, column: route.column, item: route.item)
                #expect(place == (line, separator.contains("\n") ? 3 : column, index + 1))
            } else {
                #expect(route.status != .error)
            }
            column += item.utf8.count + separator.utf8.count
        }
        let whole = try BatchRoutingTests.route(text, source: "events.json")
        #expect(routes.map(\.json.rendered) == whole.map(\.json.rendered))
    }

    @Test("A syntax error in an array: the items before it are routed, then one error at its place, then the next record")
    func aSyntaxErrorEndsTheArray() throws {
        let text = "[\n  " + Self.call(812) + ",\n  {oops},\n  " + Self.call(814) + "\n]\n" + Self.call(813) + "\n"
        for blockSize in [7, 64, text.utf8.count] {
            let (routes, _) = try Self.routeInBlocks(text, blockSize: blockSize)
            try #require(BatchRoutingTests.summary(routes) == ["logged 812", "error at line 3", "logged 813"])
            #expect(
                routes[1].json.rendered
                    == #"{"file": "events.json", "line": 3, "column": 4, "status": "error", "error": "invalid JSON: expected a quoted key"}"#
            )
        }
    }

    @Test("An array cut short at the end of the input is one error where its text ends, after the items before it")
    func anArrayCutShort() throws {
        let text = "[\n  " + Self.call(812) + ",\n\n"
        for blockSize in [5, text.utf8.count] {
            let (routes, _) = try Self.routeInBlocks(text, blockSize: blockSize)
            try #require(BatchRoutingTests.summary(routes) == ["logged 812", "error at line 2"])
            #expect(routes[1].column == Self.call(812).utf8.count + 4)
            #expect(routes[1].reason == "invalid JSON: expected a value, found the end of the input")
        }
    }

    @Test("Any input routes the same whole or in blocks of any size")
    func blocksOfAnySize() throws {
        let pieces = [
            Self.call(812), "[" + Self.call(813) + ", 7]", "  [\n" + Self.call(814) + "\n  ,\n  12\n]", "[]", "[ ]  x",
            "{oops", "[1,", "[" + Self.call(815) + " " + Self.call(816) + "]", "\u{20}", "[\n[1, 2]\n,\n\"s\"]", "[1, 2,]",
        ]
        // A fixed sequence of inputs made of the pieces, each in several block sizes.
        var state: UInt64 = 0x5EED
        for _ in 0..<40 {
            var text = ""
            for _ in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count] + (state & 1 == 0 ? "\n" : "\r\n")
            }
            let whole = try BatchRoutingTests.route(text, source: "events.json").map(\.json.rendered)
            for blockSize in [1, 3, 16, 100] {
                let (routes, _) = try Self.routeInBlocks(text, blockSize: blockSize)
                #expect(routes.map(\.json.rendered) == whole, "blocks of \(blockSize): \(text.debugDescription)")
            }
        }
    }
}
