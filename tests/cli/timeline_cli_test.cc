// kg timeline, kg diff and kg render --diff end to end: output shapes,
// diagrams, and the exit codes of bad names, dates and formats.
#include <gtest/gtest.h>

#include <string>

#include "core/json.h"
#include "tests/api/timeline_fixture.h"
#include "tests/cli/cli_test_util.h"

namespace kg::cli {
namespace {

using testing::Quote;

// The file with Graphviz's "&#45;" for '-' read back.
std::string Slurp(const std::string& path) {
  std::string svg = testing::Slurp(path);
  for (size_t at = svg.find("&#45;"); at != std::string::npos; at = svg.find("&#45;", at))
    svg.replace(at, 5, "-");
  return svg;
}

class TimelineCliTest : public testing::KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    testing::Output seeded = Kg("query " + Quote(kg::testing::kTimelineSeed));
    ASSERT_EQ(seeded.code, 0) << seeded.err;
  }
};

TEST_F(TimelineCliTest, TimelineTableListsEntriesInDateOrder) {
  testing::Output o = Kg("timeline h20");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("H20  (Product; id "), std::string::npos) << o.out;
  size_t ban = o.out.find("2025-04-01  event start H20 ban");
  size_t begins = o.out.find("2025-04-01  begins      U.S. government -RESTRICTS-> H20");
  size_t ends = o.out.find("2025-07-14  ends        U.S. government -RESTRICTS-> H20");
  size_t approval = o.out.find("2025-07-15  begins      U.S. government -APPROVES-> H20");
  ASSERT_NE(ban, std::string::npos) << o.out;
  ASSERT_NE(begins, std::string::npos) << o.out;
  ASSERT_NE(ends, std::string::npos) << o.out;
  ASSERT_NE(approval, std::string::npos) << o.out;
  EXPECT_LT(ban, begins);
  EXPECT_LT(begins, ends);
  EXPECT_LT(ends, approval);
  EXPECT_NE(o.out.find("\"The U.S. banned the H20.\""), std::string::npos);
  EXPECT_NE(o.out.find("[speaker Reporter; source s1]"), std::string::npos) << o.out;
  // The event whose start is not a date is a warning, not an entry.
  EXPECT_NE(o.err.find("warning: event 'Vague event'"), std::string::npos) << o.err;
}

TEST_F(TimelineCliTest, TimelineJsonAndScope) {
  testing::Output o = Kg("timeline H20 --format json --known-at 2025-05-01 --types RESTRICTS");
  ASSERT_EQ(o.code, 0) << o.err;
  Result<Value> doc = ParseJson(o.out);
  ASSERT_TRUE(doc.ok()) << o.out;
  const ValueList& entries = doc->as_map().at("entries").as_list();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].as_map().at("kind").as_string(), "begins");
  EXPECT_EQ(entries[2].as_map().at("date").as_string(), "2025-07-14");
  testing::Output later = Kg("timeline H20 --format json --from 2025-07-15 --min-confidence 0.7");
  ASSERT_EQ(later.code, 0) << later.err;
  EXPECT_EQ(later.out.find("APPROVES"), std::string::npos) << later.out;  // 0.6 sure
  EXPECT_NE(later.out.find("ANNOUNCED_AT"), std::string::npos) << later.out;
}

TEST_F(TimelineCliTest, TimelineDiagramIsWrittenWithOneRankPerDate) {
  std::string svg = (dir_ / "h20.svg").string();
  testing::Output o = Kg("timeline H20 -o " + Quote(svg));
  ASSERT_EQ(o.code, 0) << o.err;
  std::string data = Slurp(svg);
  EXPECT_NE(data.find("<svg"), std::string::npos);
  EXPECT_NE(data.find(">2025-07-15<"), std::string::npos);
  EXPECT_NE(o.err.find("wrote " + svg + " (svg, 9 entries)"), std::string::npos) << o.err;
  std::string png = (dir_ / "h20.png").string();
  ASSERT_EQ(Kg("timeline H20 --format png -o " + Quote(png)).code, 0);
  EXPECT_EQ(Slurp(png).substr(1, 3), "PNG");
}

TEST_F(TimelineCliTest, TimelineErrorsExitNonZero) {
  testing::Output unknown = Kg("timeline H2O");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("did you mean 'H20'"), std::string::npos) << unknown.err;
  testing::Output bad_date = Kg("timeline H20 --from 2025-13-01");
  EXPECT_EQ(bad_date.code, 2);
  EXPECT_NE(bad_date.err.find("--from"), std::string::npos) << bad_date.err;
  EXPECT_EQ(Kg("timeline H20 --from 2025-08-01 --to 2025-07-01").code, 2);
  EXPECT_EQ(Kg("timeline H20 --format svg").code, 2);  // a diagram needs -o
  EXPECT_EQ(Kg("timeline H20 --format yaml").code, 2);
  testing::Output type = Kg("timeline H20 --types RESTRICT");
  EXPECT_EQ(type.code, 2);
  EXPECT_NE(type.err.find("did you mean 'RESTRICTS'"), std::string::npos) << type.err;
  EXPECT_EQ(Kg("timeline H20 --known-at yesterday").code, 2);
}

TEST_F(TimelineCliTest, DiffTableAndJson) {
  testing::Output o = Kg("diff H20 --from 2025-05-01 --to 2025-07-20");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("changes after 2025-05-01 up to 2025-07-20 touching H20: 6"),
            std::string::npos)
      << o.out;
  size_t began = o.out.find("began (1)\n  2025-07-15  U.S. government -APPROVES-> H20");
  size_t ended = o.out.find("ended (1)\n  2025-07-14  U.S. government -RESTRICTS-> H20");
  ASSERT_NE(began, std::string::npos) << o.out;
  ASSERT_NE(ended, std::string::npos) << o.out;
  EXPECT_LT(began, ended);
  EXPECT_NE(o.out.find("\"The U.S. will approve licences.\""), std::string::npos);
  testing::Output stance = Kg("diff Huawei --from 2025-06-01 --to 2025-07-20 --format json");
  ASSERT_EQ(stance.code, 0) << stance.err;
  EXPECT_NE(stance.out.find("\"change\":\"stance changed\""), std::string::npos) << stance.out;
  EXPECT_NE(stance.out.find("\"stance_before\":0.3"), std::string::npos) << stance.out;
  testing::Output stance_table = Kg("diff Huawei --from 2025-06-01 --to 2025-07-20");
  ASSERT_EQ(stance_table.code, 0) << stance_table.err;
  EXPECT_NE(stance_table.out.find("stance changed (1)\n  2025-07-16  Jensen Huang -PRAISES-> "
                                  "Huawei: stance 0.3 -> 0.9  [speaker Jensen Huang]\n"
                                  "                before (2025-03-01): \"Huawei is decent.\"\n"
                                  "                now: \"Huawei is formidable.\"\n"),
            std::string::npos)
      << stance_table.out;
  testing::Output all = Kg("diff --from 2025-07-15 --to 2025-07-16");
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_NE(all.out.find("NVIDIA -SUPPLIES-> Xiaomi"), std::string::npos) << all.out;
}

TEST_F(TimelineCliTest, DiffErrorsExitNonZero) {
  testing::Output reversed = Kg("diff --from 2025-07-20 --to 2025-05-01");
  EXPECT_EQ(reversed.code, 2);
  EXPECT_NE(reversed.err.find("--from 2025-07-20 is after --to 2025-05-01"), std::string::npos)
      << reversed.err;
  testing::Output bad = Kg("diff --from 2025-02-30 --to 2025-05-01");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--from"), std::string::npos) << bad.err;
  EXPECT_EQ(Kg("diff --to 2025-05-01").code, 2);  // --from is required
  testing::Output unknown = Kg("diff Nvidea --from 2025-05-01 --to 2025-07-20");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("did you mean 'NVIDIA'"), std::string::npos) << unknown.err;
  EXPECT_EQ(Kg("diff --from 2025-05-01 --to 2025-07-20 --format csv").code, 2);
}

TEST_F(TimelineCliTest, RenderDiffColoursTheChanges) {
  std::string svg = (dir_ / "diff.svg").string();
  testing::Output o =
      Kg("render " + Quote("MATCH (g)-[r]->(h:Product {name: 'H20'}) RETURN g, r, h") +
         " --diff 2025-05-01 2025-07-20 -o " + Quote(svg));
  ASSERT_EQ(o.code, 0) << o.err;
  std::string data = Slurp(svg);
  EXPECT_NE(data.find("change-added"), std::string::npos);
  EXPECT_NE(data.find("change-ended"), std::string::npos);
  EXPECT_NE(data.find("change-unchanged"), std::string::npos);
  EXPECT_NE(data.find("stroke=\"#009e73\""), std::string::npos);
  EXPECT_NE(data.find("stroke=\"#d55e00\""), std::string::npos);
  EXPECT_NE(data.find("ended on or after 2025-05-01, before 2025-07-20"), std::string::npos);
  testing::Output bad = Kg("render " + Quote("MATCH (n) RETURN n") +
                           " --diff 2025-07-20 2025-05-01 -o " + Quote(svg));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--diff D1 2025-07-20 is after --diff D2 2025-05-01"), std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace kg::cli
