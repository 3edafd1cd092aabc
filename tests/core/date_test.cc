#include "core/date.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kg
