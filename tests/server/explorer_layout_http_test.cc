// The explorer's graph view on the server side (docs/explorer.md): GET
// /v1/render's `pins` (the "pin the layout" toggle: pinned nodes come back
// where they were asked to be, new ones go around them) and `root` (twopi
// centred on an entity, as `kg ego` draws it), every bad value a 400 naming
// it; and GET /v1/suggest's answers from the session's index of names,
// compared with the statement that reads every node.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "server/internal/http_explorer.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

struct Point {
  double x = 0;
  double y = 0;
};

// Node positions (points) of an xdot drawing: n<id> [... pos="x,y" ...].
std::map<int64_t, Point> Positions(const std::string& xdot) {
  std::map<int64_t, Point> out;
  std::regex node("\\bn(\\d+)\\s*\\[[^\\]]*?\\bpos=\"([-0-9.e]+),([-0-9.e]+)!?\"");
  for (auto it = std::sregex_iterator(xdot.begin(), xdot.end(), node); it != std::sregex_iterator();
       ++it)
    out[std::stoll((*it)[1])] = {std::stod((*it)[2]), std::stod((*it)[3])};
  return out;
}

std::string JsonText(const Value& v) {
  std::string out;
  AppendJson(v, &out);
  return out;
}

class ExplorerLayoutTest : public BundledServerSuite<ExplorerLayoutTest> {
 protected:
  // GET /v1/render of the neighbourhood of the entities named in `names`
  // (a Cypher list literal), with "name=value" parameters.
  static HttpReply Render(const std::string& names, const std::vector<std::string>& extra) {
    std::vector<std::string> params = {
        "query=MATCH (a)-[r]-(b) WHERE a.name IN " + names + " RETURN a, r, b", "format=xdot"};
    params.insert(params.end(), extra.begin(), extra.end());
    return GetWithParams(*server_, "/v1/render", params);
  }
  static int64_t IdOf(const std::string& name) {
    return FirstId("MATCH (n {name: '" + name + "'}) RETURN id(n)");
  }
  static int64_t FirstId(const std::string& query) {
    HttpReply r = PostQuery(*server_, query);
    Value rows = JsonMember(r.body, "rows");
    if (!rows.is_list() || rows.as_list().empty()) return -1;
    return rows.as_list()[0].as_list()[0].as_int();
  }
};

TEST_F(ExplorerLayoutTest, PinnedNodesComeBackAtTheirPositions) {
  HttpReply first = Render("['Xiaomi']", {"layout=neato"});
  ASSERT_EQ(first.status, 200) << first.body;
  std::map<int64_t, Point> before = Positions(first.body);
  ASSERT_GT(before.size(), 5u) << first.body;
  // Pin every node drawn, moved off the origin (a pinned drawing is not
  // shifted back to it), then draw a larger neighbourhood around them.
  std::string pins;
  for (const auto& [id, at] : before) {
    char item[96];
    std::snprintf(item, sizeof(item), "%s%lld:%.2f:%.2f", pins.empty() ? "" : ",",
                  static_cast<long long>(id), at.x - 300, at.y + 120.5);
    pins += item;
  }
  for (std::string layout : {"", "layout=neato"}) {
    std::vector<std::string> extra = {"pins=" + pins};
    if (!layout.empty()) extra.push_back(layout);
    HttpReply second = Render("['Xiaomi', 'NVIDIA']", extra);
    ASSERT_EQ(second.status, 200) << layout << ": " << ErrorText(second);
    std::map<int64_t, Point> after = Positions(second.body);
    EXPECT_GT(after.size(), before.size() + 5) << "NVIDIA's neighbours are added";
    for (const auto& [id, at] : before) {
      ASSERT_TRUE(after.count(id)) << id;
      EXPECT_NEAR(after[id].x, at.x - 300, 0.02) << layout << " moved n" << id;
      EXPECT_NEAR(after[id].y, at.y + 120.5, 0.02) << layout << " moved n" << id;
    }
  }
  // The SVG draws a pinned node centred at (x, -y) in its graph group.
  int64_t xiaomi = IdOf("Xiaomi");
  ASSERT_GE(xiaomi, 0);
  HttpReply svg = GetWithParams(*server_, "/v1/render",
                                {"query=MATCH (a)-[r]-(b) WHERE a.name = 'Xiaomi' RETURN a, r, b",
                                 "pins=" + std::to_string(xiaomi) + ":500:-250"});
  ASSERT_EQ(svg.status, 200) << ErrorText(svg);
  // The node's group: its shape is an ellipse (cx, cy) or a polygon or
  // path (a rounded box) whose extent is centred there.
  size_t from = svg.body.find("<g id=\"n" + std::to_string(xiaomi) + "\" class=\"node");
  ASSERT_NE(from, std::string::npos) << svg.body;
  std::string group = svg.body.substr(from, svg.body.find("</g>", from) - from);
  std::smatch m;
  std::regex ellipse("<ellipse[^>]*cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\"");
  std::regex shape("<(polygon|path)[^>]*(points|d)=\"([^\"]+)\"");
  if (std::regex_search(group, m, ellipse)) {
    EXPECT_NEAR(std::stod(m[1]), 500, 0.02);
    EXPECT_NEAR(std::stod(m[2]), 250, 0.02);
  } else {
    ASSERT_TRUE(std::regex_search(group, m, shape)) << group;
    std::vector<double> xs, ys;
    std::regex number("-?[0-9.]+");
    std::string text = m[3];
    bool odd = false;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number);
         it != std::sregex_iterator(); ++it, odd = !odd)
      (odd ? ys : xs).push_back(std::stod(it->str()));
    ASSERT_FALSE(xs.empty());
    auto mid = [](const std::vector<double>& v) {
      return (*std::min_element(v.begin(), v.end()) + *std::max_element(v.begin(), v.end())) / 2;
    };
    EXPECT_NEAR(mid(xs), 500, 0.02) << group;
    EXPECT_NEAR(mid(ys), 250, 0.02) << group;
  }
}

TEST_F(ExplorerLayoutTest, BadPinsAndRootsAreBadRequestsNamingThem) {
  int64_t xiaomi = IdOf("Xiaomi");
  // An entity outside Xiaomi's neighbourhood.
  int64_t huawei =
      FirstId("MATCH (x {name: 'Xiaomi'}), (n) WHERE n <> x AND NOT (n)--(x) RETURN id(n) LIMIT 1");
  ASSERT_GE(xiaomi, 0);
  ASSERT_GE(huawei, 0);
  std::string x = std::to_string(xiaomi);
  struct Case {
    std::vector<std::string> params;
    std::string says;
  };
  std::vector<Case> cases = {
      {{"pins=abc"}, "pins: item 1 'abc' must be ID:X:Y"},
      {{"pins=" + x + ":1"}, "must be ID:X:Y"},
      {{"pins=" + x + ":1:2:3"}, "not a finite number"},
      {{"pins=-4:1:2"}, "must be ID:X:Y"},
      {{"pins=" + x + ":nan:2"}, "not a finite number"},
      {{"pins=" + x + ":1:inf"}, "not a finite number"},
      {{"pins=" + x + ":1e9:0"}, "within"},
      {{"pins=" + x + ":0x10:0"}, "not a finite number"},
      {{"pins=" + x + ":1:2," + x + ":3:4"}, "item 2"},
      {{"pins="}, "at least one"},
      {{"pins=" + x + ":1:2", "pins=" + x + ":1:2"}, "given twice"},
      {{"pins=" + std::to_string(huawei) + ":1:2"},
       "entity " + std::to_string(huawei) + " is not drawn"},
      {{"pins=" + x + ":1:2", "layout=dot"}, "dot layout cannot keep nodes in place"},
      {{"pins=" + x + ":1:2", "layout=fdp"}, "fdp layout cannot keep nodes in place; use neato"},
      {{"pins=" + x + ":1:2", "layout=twopi"}, "twopi layout cannot keep"},
      {{"pins=999999:1:2"}, "entity 999999 is not drawn"},
      {{"root=Xiaomi"}, "root must be an entity id"},
      {{"root=" + std::to_string(huawei)},
       "root: entity " + std::to_string(huawei) + " is not drawn"},
      {{"pinz=1:2:3"}, "unknown parameter 'pinz'"},
  };
  for (const Case& c : cases) {
    HttpReply reply = Render("['Xiaomi']", c.params);
    std::string what = c.params.front();
    EXPECT_EQ(reply.status, 400) << what << ": " << reply.body;
    EXPECT_NE(ErrorText(reply).find(c.says), std::string::npos) << what << ": " << ErrorText(reply);
  }
}

// layout=twopi with root=ID: the entity in the centre, its neighbours on a
// ring around it, as `kg ego` draws it; every layout of kg render draws.
TEST_F(ExplorerLayoutTest, TwopiCentresTheRootAndEveryLayoutDraws) {
  int64_t xiaomi = IdOf("Xiaomi");
  ASSERT_GE(xiaomi, 0);
  HttpReply ring = Render("['Xiaomi']", {"layout=twopi", "root=" + std::to_string(xiaomi)});
  ASSERT_EQ(ring.status, 200) << ErrorText(ring);
  EXPECT_NE(ring.body.find("root=n" + std::to_string(xiaomi)), std::string::npos);
  std::map<int64_t, Point> at = Positions(ring.body);
  ASSERT_TRUE(at.count(xiaomi));
  Point centre = at[xiaomi];
  std::vector<double> radii;
  for (const auto& [id, p] : at)
    if (id != xiaomi) radii.push_back(std::hypot(p.x - centre.x, p.y - centre.y));
  ASSERT_GT(radii.size(), 5u);
  for (double r : radii) EXPECT_NEAR(r, radii.front(), 1.0) << "one ring around Xiaomi";
  // Without layout, root alone also means twopi (as kg ego).
  HttpReply implied = Render("['Xiaomi']", {"root=" + std::to_string(xiaomi)});
  ASSERT_EQ(implied.status, 200) << ErrorText(implied);
  EXPECT_NE(implied.body.find("layout=twopi"), std::string::npos);
  for (std::string layout : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
    HttpReply drawn = GetWithParams(
        *server_, "/v1/render",
        {"query=MATCH (a)-[r]-(b) WHERE a.name = 'Xiaomi' RETURN a, r, b", "layout=" + layout});
    EXPECT_EQ(drawn.status, 200) << layout << ": " << ErrorText(drawn);
    EXPECT_NE(drawn.body.find("<svg"), std::string::npos) << layout;
  }
}

// The index answers exactly what the statement answers: same rows, same
// order, same alias column, for names, aliases, Chinese text, prefixes and
// substrings that many entities share.
TEST_F(ExplorerLayoutTest, SuggestionsFromTheIndexEqualTheStatement) {
  for (std::string q : {"a", "A", "n", "hua", "HUAWEI", "小米", "nvda", "nv", "x", "e ", "-", "ai",
                        "H20", "jensen", "'", "zz-no-such", ".", "1", "中"}) {
    HttpReply fast = GetWithParams(*server_, "/v1/suggest", {"q=" + q, "limit=100"});
    ASSERT_EQ(fast.status, 200) << q << ": " << fast.body;
    std::string params = "{\"q\": " + JsonQuote(q) + ", \"limit\": 100}";
    HttpReply slow = PostQuery(*server_, internal::kSuggestQuery, "", params);
    ASSERT_EQ(slow.status, 200) << q << ": " << slow.body;
    Value rows = JsonMember(slow.body, "rows");
    Value columns = JsonMember(slow.body, "columns");
    Value got = JsonMember(fast.body, "suggestions");
    ASSERT_TRUE(rows.is_list() && columns.is_list() && got.is_list()) << q;
    ASSERT_EQ(got.as_list().size(), rows.as_list().size()) << q << ": " << fast.body;
    for (size_t i = 0; i < rows.as_list().size(); ++i) {
      const ValueList& row = rows.as_list()[i].as_list();
      const ValueMap& s = got.as_list()[i].as_map();
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string& column = columns.as_list()[c].as_string();
        EXPECT_EQ(JsonText(s.at(column)), JsonText(row[c]))
            << q << " row " << i << " column " << column;
      }
    }
  }
}

// Where a name or alias is not a string the index would not convert it as
// the statement does (toString), so the statement answers: an integer
// alias is found by its digits.
TEST(ExplorerSuggestFallbackTest, NonStringAliasesAreAnsweredByTheStatement) {
  TempDir dir;
  std::string db = dir.path() + "/db";
  ASSERT_EQ(RunCommand({KgBinary(), "--db", db, "init", "--ontology", "open"}).exit_code, 0);
  CommandResult created =
      RunCommand({KgBinary(), "--db", db, "query",
                  "CREATE (:T {name: 'Alpha', aliases: ['al', 7]}), (:T {name: 'Beta 7'})"});
  ASSERT_EQ(created.exit_code, 0) << created.out;
  ServerProcess server(db, {});
  ASSERT_TRUE(server.ok());
  HttpReply reply = GetWithParams(server, "/v1/suggest", {"q=7"});
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value list = JsonMember(reply.body, "suggestions");
  ASSERT_TRUE(list.is_list() && list.as_list().size() == 2) << reply.body;
  EXPECT_EQ(JsonText(list.as_list()[0].as_map().at("name")), "\"Alpha\"") << reply.body;
  EXPECT_EQ(JsonText(list.as_list()[0].as_map().at("alias")), "7") << reply.body;
  EXPECT_EQ(JsonText(list.as_list()[1].as_map().at("name")), "\"Beta 7\"") << reply.body;
}

}  // namespace
}  // namespace kg::server::testing
