package prices

// NYSE (XNYS) trading days 2000-2027 as data: the weekdays without a
// session, and the sessions that close early at 13:00. Nasdaq keeps the
// same calendar. Regular hours are 09:30-16:00 New York time.
//
// The dates to 2023-01-13 are exchange_calendars' NYSE sessions; later ones
// are NYSE's published holiday and early-close schedules, which Lean's
// holiday list matches (sessions_test.go checks both, and lists every
// difference). Closures beyond the regular holidays are noted per year.
// The regular rules, for reading the lists: New Year's Day (not observed on
// a Friday when it falls on a Saturday), Martin Luther King Jr. Day,
// Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022),
// Independence Day, Labor Day, Thanksgiving, Christmas; a holiday on a
// Saturday is observed on the Friday before, on a Sunday on the Monday
// after. Early closes: July 3 on a Monday to Thursday (2002: July 5), the
// day after Thanksgiving, December 24 on a Monday to Thursday (2003 also
// December 26).

// xnysClosed lists, one year a line, the weekdays NYSE was closed.
const xnysClosed = `
2000 01-17 02-21 04-21 05-29 07-04 09-04 11-23 12-25
2001 01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25 // 09-11..09-14: the September 11 attacks
2002 01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25
2003 01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25
2004 01-01 01-19 02-16 04-09 05-31 06-11 07-05 09-06 11-25 12-24 // 06-11: President Reagan's funeral
2005 01-17 02-21 03-25 05-30 07-04 09-05 11-24 12-26
2006 01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25
2007 01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25 // 01-02: President Ford's funeral
2008 01-01 01-21 02-18 03-21 05-26 07-04 09-01 11-27 12-25
2009 01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25
2010 01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24
2011 01-17 02-21 04-22 05-30 07-04 09-05 11-24 12-26
2012 01-02 01-16 02-20 04-06 05-28 07-04 09-03 10-29 10-30 11-22 12-25 // 10-29, 10-30: Hurricane Sandy
2013 01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25
2014 01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25
2015 01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25
2016 01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26
2017 01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25
2018 01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25 // 12-05: President G. H. W. Bush's funeral
2019 01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25
2020 01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25
2021 01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24
2022 01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26
2023 01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25
2024 01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25
2025 01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25 // 01-09: President Carter's funeral
2026 01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25
2027 01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 11-25 12-24
`

// xnysEarly lists the sessions that closed at 13:00.
const xnysEarly = `
2000 07-03 11-24
2001 07-03 11-23 12-24
2002 07-05 11-29 12-24
2003 07-03 11-28 12-24 12-26
2004 11-26
2005 11-25
2006 07-03 11-24
2007 07-03 11-23 12-24
2008 07-03 11-28 12-24
2009 11-27 12-24
2010 11-26
2011 11-25
2012 07-03 11-23 12-24
2013 07-03 11-29 12-24
2014 07-03 11-28 12-24
2015 11-27 12-24
2016 11-25
2017 07-03 11-24
2018 07-03 11-23 12-24
2019 07-03 11-29 12-24
2020 11-27 12-24
2021 11-26
2022 11-25
2023 07-03 11-24
2024 07-03 11-29 12-24
2025 07-03 11-28 12-24
2026 11-27 12-24
2027 11-26
`
