// Session::FindPaths: the routes every front shows for `kg path` — parallel
// relations grouped per hop, errors for unknown names (with suggestions),
// unknown types and the same entity named twice.
#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

class SessionPathsTest : public testing::SessionDbTest {
 protected:
  // Xiaomi to Huawei: through China (one relation a hop) and through
  // NVIDIA (two partnerships, three rivalries: 6 paths).
  SessionPathsTest()
      : SessionDbTest(
            "CREATE (x:Company {name: 'Xiaomi', aliases: ['MI']}), (h:Company {name: 'Huawei'}), "
            "(n:Company {name: 'NVIDIA'}), (c:Country {name: 'China'}), "
            "(x)-[:BASED_IN]->(c), (h)-[:BASED_IN]->(c), "
            "(x)-[:PARTNERS_WITH {quote: 'one'}]->(n), (n)-[:PARTNERS_WITH {quote: 'two'}]->(x), "
            "(n)-[:COMPETES_WITH]->(h), (n)-[:COMPETES_WITH]->(h), (h)-[:COMPETES_WITH]->(n)") {}

  Result<PathResult> Find(std::string from, std::string to, bool all,
                          std::vector<std::string> types = {}) {
    PathRequest request;
    request.from = std::move(from);
    request.to = std::move(to);
    request.all = all;
    request.types = std::move(types);
    return db_->FindPaths(request, {});
  }
};

std::vector<std::string> Names(const Route& route) {
  std::vector<std::string> out;
  for (const Entity& e : route.entities) out.emplace_back(e.name());
  return out;
}

TEST_F(SessionPathsTest, AllShortestPathsAreGroupedByRoute) {
  Result<PathResult> r = Find("Xiaomi", "huawei", /*all=*/true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->routes.size(), 2u);
  EXPECT_EQ(r->combinations, 7u);
  EXPECT_EQ(Names(r->routes[0]), (std::vector<std::string>{"Xiaomi", "China", "Huawei"}));
  EXPECT_EQ(Names(r->routes[1]), (std::vector<std::string>{"Xiaomi", "NVIDIA", "Huawei"}));
  const Route& via = r->routes[1];
  ASSERT_EQ(via.hops.size(), 2u);
  EXPECT_EQ(via.hops[0].size(), 2u);
  EXPECT_EQ(via.hops[1].size(), 3u);
  EXPECT_EQ(via.combinations, 6u);
  for (const Relation& rel : via.hops[1]) EXPECT_EQ(rel.type, "COMPETES_WITH");
  // One shortest path without `all`.
  Result<PathResult> one = Find("Xiaomi", "Huawei", /*all=*/false);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->routes.size(), 1u);
  EXPECT_EQ(one->combinations, 1u);
}

TEST_F(SessionPathsTest, TypesInAnyCaseAndUnknownOnesListed) {
  Result<PathResult> r = Find("Xiaomi", "Huawei", true, {"based_in"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->routes.size(), 1u);
  EXPECT_EQ(r->routes[0].hops[0][0].type, "BASED_IN");
  Result<PathResult> bad = Find("Xiaomi", "Huawei", true, {"partners_wit"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("known: "), std::string::npos);
}

TEST_F(SessionPathsTest, UnknownNamesSameEntityAndBadBounds) {
  Result<PathResult> missing = Find("Xiaomi", "Huawie", true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find(
                "no entity is named or aliased 'Huawie'; did you mean 'Huawei'?"),
            std::string::npos)
      << missing.status().message();
  Result<PathResult> same = Find("Xiaomi", "mi", true);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(same.status().message().find("are the same entity"), std::string::npos);
  PathRequest zero;
  zero.from = "Xiaomi";
  zero.to = "Huawei";
  zero.max_hops = 0;
  EXPECT_EQ(db_->FindPaths(zero, {}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kg::session
