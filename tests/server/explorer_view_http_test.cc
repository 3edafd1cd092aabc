// GET /v1/render?ids= (docs/server.md): the explorer's view drawn from the
// adjacency, without the statement. The same bytes as the page's statement
// for the same view, with and without a day, and bad ids get a 400 naming
// them.
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

// The page's statement for a view (server/explorer/graph.js, GRAPH_QUERY).
const char kGraphQuery[] =
    "MATCH (a) WHERE id(a) IN $ids OPTIONAL MATCH (a)-[r]->(b) WHERE id(b) IN $ids "
    "AND ($as_of IS NULL OR kg.validAt(r, $as_of)) RETURN a, r, b";

class ExplorerViewTest : public BundledServerSuite<ExplorerViewTest> {
 protected:
  static HttpReply Get(std::vector<std::string> params) {
    return GetWithParams(*server_, "/v1/render", params);
  }
  // The ids of the entity `a` of `pattern` and its neighbours, as the page
  // would hold them.
  static std::vector<int64_t> Neighbourhood(const std::string& pattern) {
    HttpReply r = PostQuery(*server_, "MATCH " + pattern +
                                          "-[]-(b) WITH a, collect(DISTINCT id(b)) AS bs "
                                          "RETURN id(a), bs LIMIT 1");
    Value rows = JsonMember(r.body, "rows");
    std::vector<int64_t> ids;
    if (!rows.is_list() || rows.as_list().empty()) return ids;
    const ValueList& row = rows.as_list()[0].as_list();
    ids.push_back(row[0].as_int());
    for (const Value& v : row[1].as_list()) ids.push_back(v.as_int());
    return ids;
  }
  static std::string Joined(const std::vector<int64_t>& ids, const char* sep) {
    std::string out;
    for (int64_t id : ids) out += (out.empty() ? "" : sep) + std::to_string(id);
    return out;
  }
  // The statement's drawing and the view's, with the same other parameters.
  static std::pair<HttpReply, HttpReply> Both(const std::vector<int64_t>& ids,
                                              const std::string& day,
                                              std::vector<std::string> extra) {
    std::vector<std::string> by_query = extra;
    by_query.push_back(std::string("query=") + kGraphQuery);
    by_query.push_back("params={\"ids\":[" + Joined(ids, ",") +
                       "],\"as_of\":" + (day.empty() ? "null" : "\"" + day + "\"") + "}");
    std::vector<std::string> by_ids = extra;
    by_ids.push_back("ids=" + Joined(ids, ","));
    if (!day.empty()) {
      by_query.push_back("valid_at=" + day);
      by_ids.push_back("valid_at=" + day);
    }
    return {Get(by_query), Get(by_ids)};
  }
};

TEST_F(ExplorerViewTest, DrawsTheBytesOfThePagesStatement) {
  std::vector<int64_t> ids = Neighbourhood("(a {name: 'NVIDIA'})");
  ASSERT_GT(ids.size(), 20u);
  for (const char* format : {"svg", "canvas"}) {
    auto [query, view] = Both(ids, "", {std::string("format=") + format, "layout=dot"});
    ASSERT_EQ(query.status, 200) << ErrorText(query);
    ASSERT_EQ(view.status, 200) << ErrorText(view);
    EXPECT_GT(view.body.size(), 10000u);
    EXPECT_EQ(view.body, query.body) << format;
  }
}

TEST_F(ExplorerViewTest, KeepsOnlyRelationsValidOnTheDay) {
  // H20 on 2025-05-01: restricted and no longer approved (docs/explorer.md).
  // (The SVG writes the classes' '-' as &#45;.)
  std::vector<int64_t> ids = Neighbourhood("(a:Product {name: 'H20'})");
  ASSERT_GT(ids.size(), 2u);
  auto [query, view] = Both(ids, "2025-05-01", {"format=svg", "layout=dot"});
  ASSERT_EQ(query.status, 200) << ErrorText(query);
  ASSERT_EQ(view.status, 200) << ErrorText(view);
  EXPECT_EQ(view.body, query.body);
  EXPECT_EQ(view.body.find("type&#45;APPROVES"), std::string::npos);
  EXPECT_NE(view.body.find("type&#45;RESTRICTS"), std::string::npos);
  auto [all_query, all_view] = Both(ids, "", {"format=svg", "layout=dot"});
  ASSERT_EQ(all_view.status, 200) << ErrorText(all_view);
  EXPECT_EQ(all_view.body, all_query.body);
  EXPECT_NE(all_view.body.find("type&#45;APPROVES"), std::string::npos);
}

TEST_F(ExplorerViewTest, RepeatedAndUnknownIdsAreLeftOut) {
  std::vector<int64_t> ids = Neighbourhood("(a {name: 'Xiaomi'})");
  ASSERT_GT(ids.size(), 2u);
  HttpReply plain = Get({"ids=" + Joined(ids, ","), "layout=dot"});
  ASSERT_EQ(plain.status, 200) << ErrorText(plain);
  std::vector<int64_t> noisy = ids;
  noisy.push_back(ids[0]);
  noisy.push_back(987654321);
  HttpReply with_noise = Get({"ids=" + Joined(noisy, ","), "layout=dot"});
  ASSERT_EQ(with_noise.status, 200) << ErrorText(with_noise);
  EXPECT_EQ(with_noise.body, plain.body);
}

TEST_F(ExplorerViewTest, BadIdsAndMixedParametersAre400) {
  std::string many;
  // 2001 items in under 8 KiB, the request line's limit.
  for (int i = 0; i < 2001; ++i) many += many.empty() ? "1" : ",1";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"ids="}, "ids: give at least one entity id"},
      {{"ids=1,x2"}, "ids: item 2 'x2' is not an entity id"},
      {{"ids=1,,2"}, "ids: item 2 '' is not an entity id"},
      {{"ids=-1"}, "ids: item 1 '-1' is not an entity id"},
      {{"ids=" + many}, "ids: more than 2000 entities"},
      {{"ids=987654321"}, "nothing to draw: no entity has any of the ids given"},
      {{"ids=1", "query=MATCH (n) RETURN n"}, "takes ?query=... or ?ids=..., not both"},
      {{"ids=1", "params={}"}, "params go with ?query=, not ?ids="},
      {{"ids=1", "diff_from=2025-01-01"}, "diff_from and diff_to go with ?query="},
      {{"format=svg"}, "GET /v1/render needs ?query=... (or ?ids=...)"},
  };
  for (const auto& [params, message] : cases) {
    HttpReply r = Get(params);
    EXPECT_EQ(r.status, 400) << params[0];
    EXPECT_NE(ErrorText(r).find(message), std::string::npos) << params[0] << ": " << ErrorText(r);
  }
}

}  // namespace
}  // namespace kg::server::testing
