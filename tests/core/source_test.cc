// SourceRecordJson: the one JSON form of a source record (stored records
// and `kg sources --json`).
#include "core/source.h"

#include <gtest/gtest.h>

#include "core/json.h"

namespace kg {
namespace {

SourceRecord Record() {
  SourceRecord r;
  r.id = "a.txt";
  r.title = "Jensen Huang \"exchange\" — 媒体";
  r.publisher = "Wallstreetcn";
  r.published = "2025-07";
  r.note = "checked";
  return r;
}

TEST(SourceRecordJsonTest, StoredFormHasEveryFieldAndParsesBack) {
  Result<Value> parsed = ParseJson(SourceRecordJson(Record()));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const ValueMap& m = parsed->as_map();
  EXPECT_EQ(m.size(), 10u);
  EXPECT_EQ(m.at("title"), Value("Jensen Huang \"exchange\" — 媒体"));
  EXPECT_EQ(m.at("published"), Value("2025-07"));
  EXPECT_EQ(m.at("note"), Value("checked"));
  EXPECT_EQ(m.at("author"), Value(""));
  EXPECT_FALSE(m.contains("relations"));
}

TEST(SourceRecordJsonTest, ListingFormDropsTheNoteAndAddsRelations) {
  std::string text = SourceRecordJson(Record(), {.note = false, .relations = 42});
  Result<Value> parsed = ParseJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const ValueMap& m = parsed->as_map();
  EXPECT_FALSE(m.contains("note"));
  EXPECT_EQ(m.at("relations"), Value(int64_t{42}));
  // Keys come in name order, so the text is stable.
  EXPECT_LT(text.find("\"added_at\""), text.find("\"id\""));
  EXPECT_LT(text.find("\"id\""), text.find("\"relations\""));
}

}  // namespace
}  // namespace kg
