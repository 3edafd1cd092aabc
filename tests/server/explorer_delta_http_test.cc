// GET /v1/render/delta (docs/server.md): an expansion of the explorer's
// view drawn incrementally. Only the new nodes come, placed clear of every
// pinned node; only the edges touching them; with redraw_pinned everything;
// the same bytes for the same request; bad requests get a 400 naming what
// is wrong.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

std::string Joined(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// A node object's centre as the page takes it (canvas.js): its first
// ellipse's centre, or the middle of its first polygon's or curve's extent,
// in the drawing's coordinates (y down).
bool Centre(const Value& object, double* x, double* y) {
  for (const Value& op : object.as_map().at("ops").as_list()) {
    const ValueList& o = op.as_list();
    const std::string& kind = o[0].as_string();
    if (kind == "ellipse") {
      *x = o[1].as_number();
      *y = o[2].as_number();
      return true;
    }
    if (kind == "polygon" || kind == "bezier") {
      const ValueList& p = o[1].as_list();
      double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
      for (size_t i = 0; i + 1 < p.size(); i += 2) {
        x0 = std::min(x0, p[i].as_number()), x1 = std::max(x1, p[i].as_number());
        y0 = std::min(y0, p[i + 1].as_number()), y1 = std::max(y1, p[i + 1].as_number());
      }
      *x = (x0 + x1) / 2;
      *y = (y0 + y1) / 2;
      return true;
    }
  }
  return false;
}

class ExplorerDeltaTest : public BundledServerSuite<ExplorerDeltaTest> {
 protected:
  static HttpReply Get(const std::vector<std::string>& params) {
    return GetWithParams(*server_, "/v1/render/delta", params);
  }
  // The same parameters as a form body (the page's POST).
  static HttpReply Post(const std::vector<std::string>& params,
                        std::vector<std::string> args = {}) {
    for (const std::string& p : params) {
      args.push_back("--data-urlencode");
      args.push_back(p);
    }
    return Curl(server_->url("/v1/render/delta"), args);
  }
  // NVIDIA and its neighbours, NVIDIA first.
  static std::vector<int64_t> View() {
    HttpReply r =
        PostQuery(*server_,
                  "MATCH (a {name: 'NVIDIA'})-[]-(b) WITH a, collect(DISTINCT id(b)) AS bs "
                  "RETURN id(a), bs");
    std::vector<int64_t> ids;
    Value rows = JsonMember(r.body, "rows");
    if (!rows.is_list() || rows.as_list().empty()) return ids;
    const ValueList& row = rows.as_list()[0].as_list();
    ids.push_back(row[0].as_int());
    for (const Value& v : row[1].as_list()) ids.push_back(v.as_int());
    return ids;
  }
  // The first `n` ids pinned on a row 100 points apart, NVIDIA at (0, 0).
  static std::map<int64_t, std::pair<double, double>> Pins(const std::vector<int64_t>& ids,
                                                           size_t n) {
    std::map<int64_t, std::pair<double, double>> pins;
    for (size_t i = 0; i < n; ++i) pins[ids[i]] = {100.0 * static_cast<double>(i), 0};
    return pins;
  }
  // The delta of the view `ids` with `pins`, expanded at its first node.
  static HttpReply Focused(const std::vector<int64_t>& ids,
                           const std::map<int64_t, std::pair<double, double>>& pins) {
    return Get({"ids=" + Joined(ids), "pins=" + PinsText(pins), "focus=" + std::to_string(ids[0])});
  }
  static std::string PinsText(const std::map<int64_t, std::pair<double, double>>& pins) {
    std::string out;
    for (const auto& [id, at] : pins)
      out += (out.empty() ? "" : ",") + std::to_string(id) + ":" + std::to_string(at.first) + ":" +
             std::to_string(at.second);
    return out;
  }
};

TEST_F(ExplorerDeltaTest, SendsOnlyTheNewNodesClearOfThePinnedOnes) {
  std::vector<int64_t> ids = View();
  ASSERT_GT(ids.size(), 20u);
  auto pins = Pins(ids, 8);
  HttpReply r = Focused(ids, pins);
  ASSERT_EQ(r.status, 200) << ErrorText(r);
  Result<Value> parsed = ParseJson(r.body);
  ASSERT_TRUE(parsed.ok());
  const ValueMap& delta = parsed->as_map();
  EXPECT_EQ(delta.at("format").as_string(), "kg-delta 1");
  EXPECT_EQ(delta.at("focus").as_int(), ids[0]);
  std::set<int64_t> fresh;
  for (const Value& v : delta.at("new").as_list()) fresh.insert(v.as_int());
  std::set<int64_t> expected(ids.begin() + 8, ids.end());
  EXPECT_EQ(fresh, expected);

  // Node objects: exactly the new ones, none on a pinned node or on another.
  std::vector<std::pair<double, double>> centres;
  bool legend = false;
  for (const Value& o : delta.at("drawing").as_map().at("objects").as_list()) {
    const ValueMap& m = o.as_map();
    if (m.at("type").as_string() != "node") continue;
    std::string id = m.at("id").as_string();
    if (id == "legend") {
      legend = true;
      continue;
    }
    EXPECT_TRUE(fresh.contains(std::stoll(id.substr(1)))) << id << " is not new";
    double x = 0, y = 0;
    ASSERT_TRUE(Centre(o, &x, &y)) << id;
    for (const auto& [pid, at] : pins)
      EXPECT_GT(std::hypot(x - at.first, y + at.second), 12) << id << " on pinned " << pid;
    for (const auto& [cx, cy] : centres) EXPECT_GT(std::hypot(x - cx, y - cy), 6) << id;
    centres.emplace_back(x, y);
  }
  EXPECT_EQ(centres.size(), fresh.size());
  EXPECT_TRUE(legend);

  // Edges: each touches a new node; both ends in the view.
  std::set<int64_t> view(ids.begin(), ids.end());
  const ValueList& edges = delta.at("edges").as_list();
  EXPECT_FALSE(edges.empty());
  for (const Value& e : edges) {
    const ValueList& row = e.as_list();
    ASSERT_EQ(row.size(), 8u);
    int64_t tail = row[1].as_int(), head = row[2].as_int();
    EXPECT_TRUE(view.contains(tail) && view.contains(head));
    EXPECT_TRUE(fresh.contains(tail) || fresh.contains(head)) << row[0].as_string();
    EXPECT_EQ(row[7].as_string().rfind("type-", 0), 0u);
  }

  // The same request, the same bytes.
  HttpReply again = Focused(ids, pins);
  EXPECT_EQ(again.body, r.body);
}

TEST_F(ExplorerDeltaTest, RedrawPinnedSendsTheWholeView) {
  std::vector<int64_t> ids = View();
  ASSERT_GT(ids.size(), 20u);
  auto pins = Pins(ids, 8);
  HttpReply r = Get({"ids=" + Joined(ids), "pins=" + PinsText(pins),
                     "focus=" + std::to_string(ids[0]), "redraw_pinned=true"});
  ASSERT_EQ(r.status, 200) << ErrorText(r);
  Result<Value> parsed = ParseJson(r.body);
  ASSERT_TRUE(parsed.ok());
  size_t nodes = 0;
  for (const Value& o : parsed->as_map().at("drawing").as_map().at("objects").as_list()) {
    const ValueMap& m = o.as_map();
    if (m.at("type").as_string() != "node" || m.at("id").as_string() == "legend") continue;
    ++nodes;
    int64_t id = std::stoll(m.at("id").as_string().substr(1));
    auto pin = pins.find(id);
    if (pin == pins.end()) continue;
    double x = 0, y = 0;
    ASSERT_TRUE(Centre(o, &x, &y));
    // The middle of a shape's outline: a cylinder's curves reach 2 points
    // further down than up.
    EXPECT_NEAR(x, pin->second.first, 2.5) << id;
    EXPECT_NEAR(y, -pin->second.second, 2.5) << id;
  }
  EXPECT_EQ(nodes, ids.size());
  // Every edge of the whole view's drawing.
  HttpReply full = GetWithParams(*server_, "/v1/render", {"ids=" + Joined(ids), "format=canvas"});
  ASSERT_EQ(full.status, 200) << ErrorText(full);
  size_t full_edges = 0;
  Value objects = JsonMember(full.body, "objects");
  ASSERT_TRUE(objects.is_list());
  for (const Value& o : objects.as_list())
    full_edges += o.as_map().at("type").as_string() == "edge";
  EXPECT_EQ(parsed->as_map().at("edges").as_list().size(), full_edges);
}

// The caption of the whole view (its title and footnote, as a full drawing
// has them) comes as the drawing's graph object, under every node drawn:
// pinned, new and the legend.
TEST_F(ExplorerDeltaTest, SendsTheViewsCaptionUnderEverything) {
  std::vector<int64_t> ids = View();
  ASSERT_GT(ids.size(), 20u);
  auto pins = Pins(ids, 8);
  HttpReply r = Focused(ids, pins);
  ASSERT_EQ(r.status, 200) << ErrorText(r);
  Value drawing = JsonMember(r.body, "drawing");
  ASSERT_TRUE(drawing.is_map());
  // In the drawing's coordinates y grows downwards: the pins' y negated.
  std::vector<std::string> texts;
  double caption_top = 1e300, lowest_centre = 0;
  for (const auto& [id, at] : pins) lowest_centre = std::max(lowest_centre, -at.second);
  for (const Value& o : drawing.as_map().at("objects").as_list()) {
    const ValueMap& m = o.as_map();
    if (m.at("type").as_string() == "node") {
      double x = 0, y = 0;
      if (Centre(o, &x, &y)) lowest_centre = std::max(lowest_centre, y);
      continue;
    }
    for (const Value& op : m.at("ops").as_list()) {
      const ValueList& v = op.as_list();
      if (m.at("type").as_string() != "graph" || v[0].as_string() != "text") continue;
      texts.push_back(v[8].as_string());
      caption_top = std::min(caption_top, v[2].as_number());
    }
  }
  ASSERT_GE(texts.size(), 2u) << r.body.substr(0, 400);
  EXPECT_NE(texts[0].find("entities"), std::string::npos) << texts[0];  // the default title
  EXPECT_NE(texts[1].find("Source"), std::string::npos) << texts[1];    // the footnote
  // The caption's first line under every node's centre, pinned or new.
  EXPECT_GT(caption_top, lowest_centre + 6);
}

TEST_F(ExplorerDeltaTest, BadRequestsNameTheirParameter) {
  std::vector<int64_t> ids = View();
  ASSERT_GT(ids.size(), 20u);
  std::string view = "ids=" + Joined(ids);
  std::string pins = "pins=" + PinsText(Pins(ids, 3));
  std::string focus = "focus=" + std::to_string(ids[0]);
  std::string many;
  for (int i = 0; i < 2001; ++i) many += (i ? "," : "") + std::to_string(i + 1);
  struct Case {
    std::vector<std::string> params;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{view, pins}, "needs ?ids="},
      {{view, focus}, "needs ?ids="},
      {{pins, focus}, "needs ?ids="},
      {{view, pins, "focus=x"}, "focus must be an entity id"},
      {{view, pins, "focus=" + std::to_string(ids[5])}, "focus: entity"},
      {{"ids=" + std::to_string(ids[0]) + ",x2", pins, focus}, "ids: item 2 'x2'"},
      {{view, "pins=" + std::to_string(ids[0]) + ":0:x", focus}, "pins: item 1"},
      {{"ids=" + std::to_string(ids[0]) + "," + std::to_string(ids[1]), pins, focus},
       "is not drawn"},
      {{"ids=999999001,999999002", "pins=999999001:0:0", "focus=999999001"}, "nothing to draw"},
      {{view, pins, focus, "format=svg"}, "format"},
      {{view, pins, focus, "layout=dot"}, "layout"},
      {{view, pins, focus, "redraw_pinned=maybe"}, "redraw_pinned"},
  };
  for (const Case& c : cases) {
    for (bool post : {false, true}) {
      HttpReply r = post ? Post(c.params) : Get(c.params);
      EXPECT_EQ(r.status, 400) << c.params.back() << ": " << r.body;
      EXPECT_NE(ErrorText(r).find(c.message), std::string::npos)
          << c.message << " not in " << ErrorText(r);
    }
  }
  // Too many ids: only a body holds them.
  HttpReply r = Post({"ids=" + many, pins, focus});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(ErrorText(r).find("ids: more than 2000"), std::string::npos) << ErrorText(r);
  // A body of another type, or parameters in the query string of a POST.
  r = Post({view, pins, focus}, {"-H", "Content-Type: application/json"});
  EXPECT_EQ(r.status, 415) << r.body;
  r = Curl(server_->url("/v1/render/delta"), {"-X", "PUT"});
  EXPECT_EQ(r.status, 405) << r.body;
  EXPECT_NE(ErrorText(r).find("GET, HEAD, POST"), std::string::npos) << ErrorText(r);
  r = Curl(server_->url("/v1/render/delta?" + focus), {"--data-urlencode", view});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(ErrorText(r).find("in the body"), std::string::npos) << ErrorText(r);
}

TEST_F(ExplorerDeltaTest, PostTakesTheParametersOfGet) {
  std::vector<int64_t> ids = View();
  ASSERT_GT(ids.size(), 20u);
  std::vector<std::string> params = {"ids=" + Joined(ids), "pins=" + PinsText(Pins(ids, 8)),
                                     "focus=" + std::to_string(ids[0])};
  HttpReply get = Get(params);
  HttpReply post = Post(params);
  ASSERT_EQ(post.status, 200) << ErrorText(post);
  EXPECT_EQ(post.body, get.body);
}

}  // namespace
}  // namespace kg::server::testing
