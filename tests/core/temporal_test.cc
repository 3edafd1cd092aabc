#include "core/temporal.h"

#include <gtest/gtest.h>

#include "core/timezone.h"
#include "core/value.h"

namespace kg {
namespace {

TEST(TemporalTest, ParsesEveryIsoDateForm) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-07-21", "2015-07-21"}, {"20150721", "2015-07-21"},   {"2015-07", "2015-07-01"},
      {"201507", "2015-07-01"},     {"2015-W30-2", "2015-07-21"}, {"2015W302", "2015-07-21"},
      {"2015-W30", "2015-07-20"},   {"2015-202", "2015-07-21"},   {"2015202", "2015-07-21"},
      {"2015", "2015-01-01"},       {"2015-Q3", "2015-07-01"},    {"1816-W52", "1816-12-23"}};
  for (const auto& [text, want] : cases) {
    auto d = ParseIsoDate(text);
    ASSERT_TRUE(d.ok()) << text << ": " << d.status().message();
    EXPECT_EQ(d->ToString(), want) << text;
  }
}

TEST(TemporalTest, RejectsBadDatesNamingTheText) {
  for (const char* text : {"2015-13-01", "2015-02-29", "2015-W54", "2015-366", "15-07-21",
                           "2015-7-1", "2015-07-21x", "", "2015-Q5"}) {
    auto d = ParseIsoDate(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(d.status().message().find(std::string("'") + text + "'"), std::string::npos)
        << d.status().message();
  }
}

TEST(TemporalTest, TimesPrintAsTheyWereWritten) {
  const std::tuple<TimeKind, const char*, const char*> cases[] = {
      {TimeKind::kLocalTime, "21", "21:00"},
      {TimeKind::kLocalTime, "214032.142", "21:40:32.142"},
      {TimeKind::kTime, "2140-02", "21:40-02:00"},
      {TimeKind::kTime, "21:40:32.000000003Z", "21:40:32.000000003Z"},
      {TimeKind::kTime, "12:00+02:05:59", "12:00+02:05:59"},
      {TimeKind::kLocalDateTime, "2015-W30-2T214032.142", "2015-07-21T21:40:32.142"},
      {TimeKind::kDateTime, "2015202T21+18:00", "2015-07-21T21:00+18:00"},
      {TimeKind::kDateTime, "2015-07-21T21:40-00:00", "2015-07-21T21:40Z"}};
  for (const auto& [kind, text, want] : cases) {
    auto t = ParseTimeValue(kind, text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status().message();
    EXPECT_EQ(t->ToString(), want) << text;
  }
}

TEST(TemporalTest, RejectsBadTimes) {
  EXPECT_FALSE(ParseTimeValue(TimeKind::kLocalTime, "24:00").ok());
  EXPECT_FALSE(ParseTimeValue(TimeKind::kLocalTime, "12:00+01:00").ok());  // no offset
  EXPECT_FALSE(ParseTimeValue(TimeKind::kTime, "12:00+19:00").ok());
  EXPECT_FALSE(ParseTimeValue(TimeKind::kDateTime, "2015-07-21T12:00[Nowhere/City]").ok());
  EXPECT_FALSE(ParseTimeValue(TimeKind::kDateTime, "2015-07-21T12:00[../etc/passwd]").ok());
  // The offset must be the zone's at that time.
  EXPECT_FALSE(ParseTimeValue(TimeKind::kDateTime, "2015-07-21T12:00+05:00[Europe/Berlin]").ok());
}

TEST(TemporalTest, NamedZonesFollowDaylightSavingTime) {
  auto zone = FindZone("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  int64_t jan = DaysFromCivil(2025, 1, 15) * kSecondsPerDay;
  int64_t jul = DaysFromCivil(2025, 7, 15) * kSecondsPerDay;
  EXPECT_EQ(ZoneOffsetAt(*zone, jan), 3600);
  EXPECT_EQ(ZoneOffsetAt(*zone, jul), 7200);
  // 2025-03-30 02:30 does not exist in Berlin: it moves forward an hour.
  int64_t gap = DaysFromCivil(2025, 3, 30) * kSecondsPerDay + 2 * 3600 + 1800;
  EXPECT_EQ(ZonedDateTime(gap, 0, 0, *zone).ToString(), "2025-03-30T03:30+02:00[Europe/Berlin]");
  // 2025-10-26 02:30 happens twice: the earlier offset unless told.
  int64_t overlap = DaysFromCivil(2025, 10, 26) * kSecondsPerDay + 2 * 3600 + 1800;
  EXPECT_EQ(ZonedDateTime(overlap, 0, 0, *zone).offset, 7200);
  EXPECT_EQ(ZonedDateTime(overlap, 0, 3600, *zone).offset, 3600);
  EXPECT_EQ(FindZone("No/Such_Zone").status().code(), StatusCode::kNotFound);
}

TEST(TemporalTest, DurationsParseAndPrint) {
  const std::pair<const char*, const char*> cases[] = {
      {"P12Y5M14DT16H12M70S", "P12Y5M14DT16H13M10S"},
      {"P0.75M", "P22DT19H51M49.5S"},
      {"PT0.75M", "PT45S"},
      {"P2.5W", "P17DT12H"},
      {"P2012-02-02T14:37:21.545", "P2012Y2M2DT14H37M21.545S"},
      {"PT-1.5S", "PT-1.5S"},
      {"PT0S", "PT0S"}};
  for (const auto& [text, want] : cases) {
    auto d = ParseDuration(text);
    ASSERT_TRUE(d.ok()) << text << ": " << d.status().message();
    EXPECT_EQ(d->ToString(), want) << text;
  }
  for (const char* bad : {"P", "1D", "PT1D", "P1H", "P1.5.5D", "Pxyz"})
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
}

TEST(TemporalTest, DurationKeepsNanosNonNegative) {
  Duration d = Duration::Of(0, 0, -2, 1'000'000);
  EXPECT_EQ(d.seconds, -2);
  EXPECT_EQ(d.nanos, 1'000'000);
  EXPECT_EQ(d.ToString(), "PT-1.999S");
}

TEST(TemporalTest, IsoWeeks) {
  int64_t wy;
  int w;
  IsoWeek(DaysFromCivil(1984, 1, 1), &wy, &w);
  EXPECT_EQ(wy, 1983);
  EXPECT_EQ(w, 52);
  EXPECT_EQ(DayOfWeek(DaysFromCivil(1984, 1, 1)), 7);
}

TEST(TemporalTest, ValuesKeepTheirTypeAndStaySmall) {
  Value t(*ParseTimeValue(TimeKind::kTime, "12:00Z"));
  Value d(*ParseDuration("P1D"));
  EXPECT_EQ(t.type(), Value::Type::kTime);
  EXPECT_EQ(d.type(), Value::Type::kDuration);
  EXPECT_STREQ(ValueTypeName(t.type()), "ZONED TIME");
  EXPECT_TRUE(t.IsStorable());
  EXPECT_LE(sizeof(Value), 56u);
}

}  // namespace
}  // namespace kg
