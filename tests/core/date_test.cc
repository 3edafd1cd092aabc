#include "core/date.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kg {
namespace {

TEST(DateTest, ParseAndFormatRoundTrip) {
  for (const char* s : {"1970-01-01", "2025-07-16", "2000-02-29", "1899-12-31", "0001-01-01"}) {
    auto d = Date::Parse(s);
    ASSERT_TRUE(d.ok()) << s;
    EXPECT_EQ(d->ToString(), s);
  }
}

TEST(DateTest, EpochIsDayZero) { EXPECT_EQ(Date::Parse("1970-01-02")->days(), 1); }

TEST(DateTest, RejectsImpossibleDays) {
  for (const char* s : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-7-16", "20250716", "",
                        "2025-07-16x", "abcd-ef-gh"}) {
    auto d = Date::Parse(s);
    EXPECT_FALSE(d.ok()) << s;
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT(*Date::Parse("2025-04-01"), *Date::Parse("2025-07-15"));
  EXPECT_EQ(Date::Parse("2025-07-16")->year(), 2025);
  EXPECT_EQ(Date::Parse("2025-07-16")->month(), 7);
  EXPECT_EQ(Date::Parse("2025-07-16")->day(), 16);
}

TEST(DateTest, ParsesEverySpellingWithItsPrecision) {
  struct Case {
    const char* text;
    DatePrecision precision;
    const char* first;
    const char* last;
  };
  for (const Case& c : {Case{"2025-04-16", DatePrecision::kDay, "2025-04-16", "2025-04-16"},
                        Case{"2025-W28", DatePrecision::kWeek, "2025-07-07", "2025-07-13"},
                        Case{"2025-W01", DatePrecision::kWeek, "2024-12-30", "2025-01-05"},
                        Case{"2020-W53", DatePrecision::kWeek, "2020-12-28", "2021-01-03"},
                        Case{"2025-04", DatePrecision::kMonth, "2025-04-01", "2025-04-30"},
                        Case{"2024-02", DatePrecision::kMonth, "2024-02-01", "2024-02-29"},
                        Case{"1999", DatePrecision::kYear, "1999-01-01", "1999-12-31"}}) {
    auto d = Date::ParseWithPrecision(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().ToString();
    EXPECT_EQ(d->precision(), c.precision) << c.text;
    EXPECT_EQ(d->first_day().ToString(), c.first) << c.text;
    EXPECT_EQ(d->last_day().ToString(), c.last) << c.text;
    EXPECT_TRUE(d->first_day().is_day());
    EXPECT_TRUE(d->last_day().is_day());
    EXPECT_EQ(d->ToString(), c.text);  // written back as read
    auto again = Date::ParseWithPrecision(d->ToString());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *d);
  }
}

TEST(DateTest, RejectsBadSpellingsNamingTheText) {
  for (const char* s : {"2025-13", "2025-00", "2025-W00", "2025-W53", "2025-W5", "2025-w28", "25",
                        "199", "19999", "2025-4", "2025-02-30", "2025-07-16x", "", "abcd",
                        "2025-Q2", "2025-W28-1", "20250416", " 2025"}) {
    auto d = Date::ParseWithPrecision(s);
    EXPECT_FALSE(d.ok()) << s;
    if (d.ok()) continue;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(d.status().message(), "invalid date '" + std::string(s) +
                                        "', expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY");
  }
}

TEST(DateTest, DayParserStillWantsADay) {
  for (const char* s : {"2025-04", "1999", "2025-W28"}) EXPECT_FALSE(Date::Parse(s).ok()) << s;
}

TEST(DateTest, PeriodSnapsToTheFirstDay) {
  Date day = *Date::Parse("2025-07-16");  // a Wednesday
  EXPECT_EQ(Date::Period(day, DatePrecision::kDay), day);
  EXPECT_EQ(Date::Period(day, DatePrecision::kWeek).ToString(), "2025-W29");
  EXPECT_EQ(Date::Period(day, DatePrecision::kWeek).first_day().ToString(), "2025-07-14");
  EXPECT_EQ(Date::Period(day, DatePrecision::kMonth), *Date::ParseWithPrecision("2025-07"));
  EXPECT_EQ(Date::Period(day, DatePrecision::kYear), *Date::ParseWithPrecision("2025"));
  // A week's spelling is its ISO week-based year's.
  EXPECT_EQ(Date::Period(*Date::Parse("2025-01-01"), DatePrecision::kWeek).ToString(), "2025-W01");
  EXPECT_EQ(Date::Period(*Date::Parse("2021-01-01"), DatePrecision::kWeek).ToString(), "2020-W53");
}

// A damaged record can hold any day number: snapping the lowest one to its
// week overflowed an int (UBSan, fuzz_codec's codec/week_date_at_the_lowest_day).
TEST(DateTest, PeriodOfTheExtremeDaysStaysADate) {
  for (int32_t days : {INT32_MIN, INT32_MIN + 1, INT32_MAX}) {
    for (DatePrecision p : {DatePrecision::kWeek, DatePrecision::kMonth, DatePrecision::kYear}) {
      Date period = Date::Period(Date(days), p);
      EXPECT_EQ(period.precision(), p) << days;
      EXPECT_LE(period.first_day().days(), days) << days;  // the period starts at or before it
    }
  }
}

TEST(DateTest, EqualityNeedsTheSamePrecision) {
  EXPECT_NE(*Date::ParseWithPrecision("2025-04"), *Date::Parse("2025-04-01"));
  EXPECT_NE(*Date::ParseWithPrecision("2025"), *Date::ParseWithPrecision("2025-01"));
  EXPECT_EQ(*Date::ParseWithPrecision("2025-04-16"), *Date::Parse("2025-04-16"));
}

TEST(DateTest, TotalOrderByFirstDayThenPrecision) {
  std::vector<std::string> spelled = {"2025",       "2025-01-02", "2025-01", "2025-W01",
                                      "2024-12-30", "2025-01-01", "2024-12", "2024"};
  std::vector<Date> dates;
  for (const auto& s : spelled) dates.push_back(*Date::ParseWithPrecision(s));
  std::sort(dates.begin(), dates.end());
  std::vector<std::string> sorted;
  for (Date d : dates) sorted.push_back(d.ToString());
  EXPECT_EQ(sorted, (std::vector<std::string>{"2024", "2024-12", "2024-12-30", "2025-W01",
                                              "2025-01-01", "2025-01", "2025", "2025-01-02"}));
  // Strict: exactly one of <, ==, > for any two.
  for (Date a : dates)
    for (Date b : dates) EXPECT_EQ((a < b) + (a == b) + (a > b), 1);
}

TEST(DateTest, PrecisionNames) {
  for (DatePrecision p :
       {DatePrecision::kDay, DatePrecision::kWeek, DatePrecision::kMonth, DatePrecision::kYear}) {
    DatePrecision back;
    ASSERT_TRUE(ParseDatePrecision(DatePrecisionName(p), &back));
    EXPECT_EQ(back, p);
  }
  DatePrecision unused;
  EXPECT_FALSE(ParseDatePrecision("quarter", &unused));
  EXPECT_STREQ(DatePrecisionName(DatePrecision::kMonth), "month");
}

}  // namespace
}  // namespace kg
