/// Webhook bodies as Aircall posts them, shaped like the documented Call and Message objects
/// (see aircall-webhooks.md), so that the router is tested on what it will really read.
enum Webhook {
    /// The `data.user` of a call: the Aircall user who took or placed it, trimmed by Aircall
    /// to a few fields; `null` on a missed call, `{}` on early events.
    struct User {
        let json: String

        static func named(_ name: String, email: String, id: Int) -> User {
            User(
                json: #"{"id": \#(id), "direct_link": "https://api.aircall.io/v1/users/\#(id)", "name": "\#(name)", "#
                    + #""email": "\#(email)", "available": true, "availability_status": "available"}"#)
        }

        /// No user: a missed or voicemail call.
        static let null = User(json: "null")
        /// The trimmed object of early call events.
        static let empty = User(json: "{}")
    }

    /// The `data.number` of a call or message: the Aircall line used.
    struct Line {
        let json: String

        static func named(_ name: String, digits: String, id: Int, country: String = "CA") -> Line {
            Line(
                json: #"{"id": \#(id), "direct_link": "https://api.aircall.io/v1/numbers/\#(id)", "name": "\#(name)", "#
                    + #""digits": "\#(digits)", "country": "\#(country)", "time_zone": "America/Vancouver", "is_ivr": false}"#)
        }
    }

    /// A `call.*` webhook; `call.ended` by default, answered unless `user` is ``User/null``.
    /// `external` is `raw_digits`: the other party in both directions.
    static func call(
        _ event: String = "call.ended", id: Int, _ direction: String, external: String, user: User, line: Line
    ) -> String {
        let answered = user.json != "null"
        return #"{"resource": "call", "event": "\#(event)", "timestamp": 1732623006, "token": "45XXYYZZa08", "#
            + #""data": {"id": \#(id), "direct_link": "https://api.aircall.io/v1/calls/\#(id)", "call_uuid": "CA\#(id)", "#
            + #""direction": "\#(direction)", "status": "done", "#
            + #""missed_call_reason": \#(answered ? "null" : #""no_available_agent""#), "started_at": 1732622896, "#
            + #""answered_at": \#(answered ? "1732622902" : "null"), "ended_at": 1732622976, "duration": 80, "#
            + #""raw_digits": "\#(external)", "user": \#(user.json), "contact": null, "archived": false, "#
            + #""assigned_to": null, "transferred_by": null, "transferred_to": null, "cost": "0.12", "#
            + #""number": \#(line.json), "comments": [], "tags": []\#(direction == "inbound" ? #", "teams": []"# : "")}}"#
    }

    /// A `message.*` webhook; messages carry no user. `external` is `external_number`.
    static func message(_ event: String, id: String, _ direction: String, external: String, line: Line) -> String {
        #"{"resource": "message", "event": "\#(event)", "timestamp": 1732622896, "token": "45XXYYZZa08", "#
            + #""data": {"id": "\#(id)", "direction": "\#(direction)", "external_number": "\#(external)", "#
            + #""body": "Is unit 1203 still available?", "status": "\#(direction == "inbound" ? "received" : "sent")", "#
            + #""channel": null, "media_details": [], "created_at": "2024-07-30T07:29:21.000Z", "#
            + #""number": \#(line.json), "contact": null}}"#
    }
}
