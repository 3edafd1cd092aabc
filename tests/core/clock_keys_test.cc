// IsClockKey names exactly the properties RelationClock::Of reads: a
// relation holding one property has a non-empty clock iff it is one.
#include <gtest/gtest.h>

#include "core/relation_clock.h"

namespace kg {
namespace {

TEST(ClockKeysTest, IsClockKeyNamesWhatRelationClockReads) {
  const Value date(*Date::Parse("2025-04-02"));
  const struct {
    std::string_view key;
    Value value;
  } kCases[] = {{kStanceKey, Value(0.5)},
                {kValidFromKey, date},
                {kValidToKey, date},
                {kSourceKey, Value(std::string("s1"))},
                {kQuoteKey, Value(std::string("q"))},
                {kSpeakerKey, Value(std::string("x"))},
                {kDateKey, date},
                {kConfidenceKey, Value(0.9)},
                {"weight", Value(int64_t{3})},
                {"valid", date}};
  for (const auto& c : kCases) {
    Relation r;
    r.type = "SUPPLIES";
    r.properties[std::string(c.key)] = c.value;
    EXPECT_EQ(IsClockKey(c.key), RelationClock::Of(r) != RelationClock{}) << c.key;
  }
}

}  // namespace
}  // namespace kg
