// The library's timelines and diffs (Database::Timeline, Database::Diff):
// plain structs, the same answers as the CLI and HTTP, clear errors.
#include <filesystem>

#include "gtest/gtest.h"
#include "kg/kg.h"
#include "tests/api/timeline_fixture.h"

namespace kg {
namespace {

Date Day(const char* text) { return Date::Parse(text).value(); }

class DatabaseTimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kg_api_timeline_XXXXXX";
    dir_ = mkdtemp(tmpl);
    DatabaseOptions options;
    options.create_if_missing = true;
    auto db = Database::Open(dir_ + "/db", options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Query(testing::kTimelineSeed).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTimelineTest, TimelineInDateOrderWithScope) {
  Result<Timeline> t = db_->Timeline("H20");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->entries.size(), 9u);
  EXPECT_EQ(t->entries.front().kind, TimelineKind::kEventStart);
  EXPECT_EQ(t->entries.front().event, "H20 ban");
  for (size_t i = 1; i < t->entries.size(); ++i)
    EXPECT_LE(t->entries[i - 1].date, t->entries[i].date);
  DatedOptions options;
  options.types = {"approves"};
  options.min_confidence = 0.5;
  Result<Timeline> approval = db_->Timeline("h20", options, Day("2025-07-01"));
  ASSERT_TRUE(approval.ok()) << approval.status().ToString();
  ASSERT_EQ(approval->entries.size(), 2u);
  EXPECT_EQ(approval->entries[0].kind, TimelineKind::kBegins);
  EXPECT_EQ(approval->entries[0].relation.quote, "The U.S. will approve licences.");
  options.known_at = Day("2025-05-01");
  EXPECT_TRUE(db_->Timeline("H20", options)->entries.empty());
}

TEST_F(DatabaseTimelineTest, DiffAndErrors) {
  Result<Diff> d = db_->Diff(Day("2025-05-01"), Day("2025-07-20"), "H20");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->entries.size(), 6u);
  EXPECT_EQ(d->entries[0].change, DiffChange::kBegan);
  EXPECT_EQ(d->entries[0].relation.type, "APPROVES");
  EXPECT_EQ(d->entries[1].change, DiffChange::kEnded);
  EXPECT_EQ(d->entries[1].relation.type, "RESTRICTS");
  EXPECT_EQ(db_->Diff(Day("2025-07-20"), Day("2025-05-01")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->Timeline("Nvidea").status().code(), StatusCode::kNotFound);
  DatedOptions bad;
  bad.min_confidence = 2;
  EXPECT_EQ(db_->Timeline("H20", bad).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kg
