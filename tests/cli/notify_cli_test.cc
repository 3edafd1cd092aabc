// Notifications in `kg query` and `kg shell`: a "warning:" line on stderr
// per notification (any format), a "notifications" array in --format json,
// and --strict (and the shell's :strict) making them errors that exit 1
// with the position.
#include <gtest/gtest.h>

#include <string>

#include "tests/cli/cli_test_util.h"

namespace kg::cli {
namespace {

using testing::Output;
using testing::Quote;

class NotifyCliTest : public testing::KgDbTest {
 protected:
  void Seed() {
    Output o = Kg("query " + Quote("CREATE (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]->"
                                   "(:Company {name: 'Huawei'})"));
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_EQ(o.err.find("warning:"), std::string::npos) << o.err;  // CREATE never warns
  }
};

TEST_F(NotifyCliTest, WarningOnStderrResultOnStdout) {
  Seed();
  Output o = Kg("query --format csv " + Quote("MATCH (c:Compnay) RETURN c.name AS name"));
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "name\r\n");
  EXPECT_NE(o.err.find("warning: UnknownLabelWarning at query:1:10: the label 'Compnay' is not "
                       "in the database; did you mean 'Company'?\n"),
            std::string::npos)
      << o.err;
}

TEST_F(NotifyCliTest, JsonCarriesANotificationsArray) {
  Seed();
  Output o = Kg("query --format json " + Quote("MATCH (c:Company) RETURN c.nmae AS x"));
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("\"rows\":[[null],[null]],\"notifications\":[{\"code\":"
                       "\"UnknownPropertyKeyWarning\",\"severity\":\"WARNING\""),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"position\":{\"source\":\"query\",\"line\":1,\"column\":28}"),
            std::string::npos)
      << o.out;
  // Without notifications the JSON is the plain result contract.
  Output clean = Kg("query --format json " + Quote("MATCH (c:Company) RETURN count(c) AS n"));
  EXPECT_EQ(clean.out, "{\"columns\":[\"n\"],\"rows\":[[2]]}\n");
  EXPECT_TRUE(clean.err.empty()) << clean.err;
}

TEST_F(NotifyCliTest, StrictExitsOneWithClassAndPosition) {
  Seed();
  Output o = Kg("query --strict " + Quote("MATCH (a)-[:COMPETE_WITH]->(b) RETURN b"));
  EXPECT_EQ(o.code, 1);
  EXPECT_TRUE(o.out.empty()) << o.out;
  EXPECT_NE(o.err.find("UnknownRelationshipTypeWarning: query:1:13:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("did you mean 'COMPETES_WITH'?"), std::string::npos) << o.err;
  // A strict write with a warning writes nothing.
  Output write =
      Kg("query --strict " + Quote("MATCH (c:Compnay) CREATE (:Company {name: 'Ghost'})"));
  EXPECT_EQ(write.code, 1);
  Output count = Kg("query --format csv 'MATCH (n) RETURN count(n) AS n'");
  EXPECT_EQ(count.out, "n\r\n2\r\n") << count.err;
  // A clean statement passes under --strict.
  EXPECT_EQ(Kg("query --strict 'MATCH (c:Company) RETURN c.name'").code, 0);
}

TEST_F(NotifyCliTest, ComparingADateWithAStringWarns) {
  Seed();
  Output o = Kg("query --format csv " +
                Quote("MATCH (c:Company) WHERE date('2025-07-01') > '2025' RETURN count(*) AS n"));
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "n\r\n0\r\n");
  EXPECT_NE(o.err.find("warning: IncomparableTypesWarning at query:1:44: '>' compares DATE with "
                       "STRING"),
            std::string::npos)
      << o.err;
}

TEST_F(NotifyCliTest, ShellPrintsWarningsAndStrictFailsTheSession) {
  Seed();
  Output o = Kg("shell --format csv",
                "MATCH (c:Compnay) RETURN c;\n:strict on\nMATCH (c:Compnay) RETURN c;\n");
  EXPECT_EQ(o.code, 1) << o.err;  // the strict statement failed
  EXPECT_NE(o.err.find("warning: UnknownLabelWarning at query:1:10"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("error: UnknownLabelWarning: query:1:10:"), std::string::npos) << o.err;
  Output strict = Kg("shell --strict", "MATCH (c:Compnay) RETURN c;\n");
  EXPECT_EQ(strict.code, 1);
  EXPECT_NE(strict.err.find("(strict: warnings are errors)"), std::string::npos) << strict.err;
}

}  // namespace
}  // namespace kg::cli
