// Days of the proleptic Gregorian calendar counted from 1970-01-01 (H. Hinnant's `days_from_civil` and
// `civil_from_days`), for dates typed in (TaskEdit/DateInput.swift) and timestamps kept compactly
// (List/TaskStoreEncodings.swift), without a `Calendar`.
enum CivilDays {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month m: Int, year y: Int) -> Int {
        if m == 2 { return isLeap(y) ? 29 : 28 }
        return [4, 6, 9, 11].contains(m) ? 30 : 31
    }

    /// Days from 1970-01-01 to `y`-`m`-`d` (`m` 1…12; `d` is not checked).
    static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (before it when negative).
    static func date(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
