import DecisionTable
import Testing

@Suite struct DecimalNumberTests {
    @Test func sumsAndComparesExactly() throws {
        let a = try #require(DecimalNumber(exactly: "0.1"))
        let b = try #require(DecimalNumber(exactly: "0.2"))
        #expect(a + b == DecimalNumber(exactly: "0.3"))
        #expect((a + b).description == "0.3")
        let price = try #require(DecimalNumber(exactly: "98.83"))
        #expect(price.description == "98.83")
        #expect(price < DecimalNumber(exactly: "98.830000000000000001")!)
        #expect(DecimalNumber(exactly: "1.50") == DecimalNumber(exactly: "1.5"))
        #expect(Set([DecimalNumber(exactly: "1.50")!, DecimalNumber(exactly: "1.5")!]).count == 1)
        #expect(DecimalNumber(exactly: "-0")?.description == "0")
    }

    @Test(
        "Only plain decimal literals are numbers",
        arguments: [
            "12abc", "1e3", "", "-", ".5", "5.", "1.2.3", "+1", " 1",
            "1234567890123456789012345678901234567890",
        ])
    func refusesOtherText(_ text: String) {
        #expect(DecimalNumber(exactly: text) == nil)
    }

    @Test func numberCellSyntax() throws {
        let five = try #require(DecimalNumber(exactly: "5"))
        let one = try #require(DecimalNumber(exactly: "1"))
        #expect(NumberCellSyntax.parse("[1..5]") == [NumberInterval(lower: one, lowerClosed: true, upper: five, upperClosed: true)])
        #expect(NumberCellSyntax.parse("(1..5)") == [NumberInterval(lower: one, lowerClosed: false, upper: five, upperClosed: false)])
        #expect(NumberCellSyntax.parse("]1..5[") == [NumberInterval(lower: one, lowerClosed: false, upper: five, upperClosed: false)])
        #expect(NumberCellSyntax.parse("[1..5)") == [NumberInterval(lower: one, lowerClosed: true, upper: five, upperClosed: false)])
        #expect(NumberCellSyntax.parse(">= 18")?.first?.description == ">= 18")
        #expect(NumberCellSyntax.parse("< 2.5")?.first?.description == "< 2.5")
        #expect(NumberCellSyntax.parse("1 .. 5")?.first?.description == "[1..5]")
        #expect(NumberCellSyntax.parse("abc") == nil)
        #expect(NumberCellSyntax.parse("[1..x]") == nil)
    }

    @Test func numberLineCodesPointsAndOpenIntervals() throws {
        let line = NumberLine(boundaries: ["18", "21", "99.5"].compactMap { DecimalNumber(exactly: $0) })
        #expect(line.maxCode == 6)
        #expect(line.code(of: DecimalNumber(exactly: "17.99")!) == 0)
        #expect(line.code(of: DecimalNumber(18)) == 1)
        #expect(line.code(of: DecimalNumber(exactly: "18.0001")!) == 2)
        #expect(line.code(of: DecimalNumber(exactly: "99.5")!) == 5)
        #expect(line.code(of: DecimalNumber(100)) == 6)
        #expect(line.interval(of: 2...2).description == "(18..21)")
        #expect(line.interval(of: 6...6).description == "> 99.5")
        #expect(line.interval(of: 0...1).description == "<= 18")
        #expect(line.interval(of: 1...4).description == "[18..99.5)")
    }
}
