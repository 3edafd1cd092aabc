// The bundled dataset read with both clocks, through `kg query`: the H20
// story in valid time (the ban, then the re-approval) and said time (nothing
// the articles of 2025-07-16 state is known on 2025-05-01).
#include "tests/cli/cli_test_util.h"

namespace kg::cli::testing {
namespace {

class SeedCliTest : public KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    ImportSeed();
  }
  // The rows of a JSON query result, as compact JSON text.
  std::string Rows(const std::string& options, const std::string& query) {
    Output o = Kg("query --format json " + options + " " + Quote(query));
    EXPECT_EQ(o.code, 0) << query << "\n" << o.err;
    size_t at = o.out.find("\"rows\":");
    EXPECT_NE(at, std::string::npos) << o.out;
    std::string rows = at == std::string::npos ? "" : o.out.substr(at + 7);
    std::string compact;
    for (char c : rows) {
      if (c != ' ' && c != '\n') compact += c;
    }
    while (!compact.empty() && compact.back() == '}') compact.pop_back();
    return compact;
  }
};

constexpr char kStatedOnJuly16[] =
    "MATCH ()-[r]->() WHERE r.date = date('2025-07-16') RETURN count(r) AS n";

TEST_F(SeedCliTest, AsOfMay2025SeesNothingStatedOnJuly16) {
  EXPECT_EQ(Rows("--as-of 2025-05-01", kStatedOnJuly16), "[[0]]");
  EXPECT_EQ(Rows("--known-at 2025-05-01", kStatedOnJuly16), "[[0]]");
  // Not because there is nothing: every relation was said that day.
  EXPECT_NE(Rows("", kStatedOnJuly16), "[[0]]");
  EXPECT_EQ(Rows("", kStatedOnJuly16), Rows("", "MATCH ()-[r]->() RETURN count(r) AS n"));
  EXPECT_NE(Rows("--known-at 2025-07-16", kStatedOnJuly16), "[[0]]");
}

TEST_F(SeedCliTest, H20BanPrecedesTheReapprovalByEventStart) {
  EXPECT_EQ(Rows("",
                 "MATCH (b:Event {name: 'H20 export ban (April 2025)'}), "
                 "(a:Event {name: 'H20 sales re-approval (July 2025)'}) "
                 "RETURN b.start < a.start, b.end < a.start, toString(a.start)"),
            "[[true,true,\"2025-07-15\"]]");
}

// Between 2025-05-01 and 2025-07-20 the H20's restriction ends and the
// approval begins, read from valid_from/valid_to.
TEST_F(SeedCliTest, BetweenMayAndJuly20TheBanEndsAndTheApprovalBegins) {
  const std::string held =
      "MATCH (g)-[r]->(:Product {name: 'H20'}) WHERE type(r) IN ['RESTRICTS', 'APPROVES'] "
      "AND kg.validAt(r, date('$1')) AND NOT kg.validAt(r, date('$2')) "
      "RETURN DISTINCT type(r) ORDER BY type(r)";
  auto between = [&](const std::string& d1, const std::string& d2) {
    std::string q = held;
    q.replace(q.find("$1"), 2, d1);
    q.replace(q.find("$2"), 2, d2);
    return Rows("", q);
  };
  EXPECT_EQ(between("2025-05-01", "2025-07-20"), "[[\"RESTRICTS\"]]");  // ended
  EXPECT_EQ(between("2025-07-20", "2025-05-01"), "[[\"APPROVES\"]]");   // began
  // The bounds themselves lie between the two dates.
  EXPECT_EQ(Rows("",
                 "MATCH (g)-[r:RESTRICTS]->(:Product {name: 'H20'}) "
                 "WHERE r.valid_to >= date('2025-05-01') AND r.valid_to <= date('2025-07-20') "
                 "RETURN DISTINCT toString(r.valid_to)"),
            "[[\"2025-07-14\"]]");
  EXPECT_EQ(Rows("",
                 "MATCH (g)-[r:APPROVES]->(:Product {name: 'H20'}) "
                 "WHERE r.valid_from >= date('2025-05-01') AND r.valid_from <= date('2025-07-20') "
                 "RETURN DISTINCT toString(r.valid_from)"),
            "[[\"2025-07-15\"]]");
}

}  // namespace
}  // namespace kg::cli::testing
