// The explorer's server side (docs/explorer.md): the page and its files as
// compiled into kg (byte for byte, with their media types, ETag, caching and
// Content-Security-Policy), GET /v1/suggest on the bundled dataset
// (ranking, case, Chinese aliases, limits, errors, auth) and the scope
// parameters (valid_at, known_at, as_of, min_confidence) of the endpoints.
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "core/date.h"
#include "core/json.h"
#include "gtest/gtest.h"
#include "server/internal/explorer_assets.h"
#include "server/internal/http_explorer.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "s3cret-explorer";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ExplorerDir() { return std::string(KG_SOURCE_DIR) + "/server/explorer"; }

// The value of a header in `curl -i` output ("" when absent); names match
// case-insensitively.
std::string HeaderOf(const std::string& response, const std::string& name) {
  std::regex re("(^|\r\n)" + name + ": ([^\r\n]*)", std::regex::icase);
  std::smatch m;
  return std::regex_search(response, m, re) ? m[2].str() : "";
}

std::string ErrorCode(const HttpReply& reply) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map() || !error.as_map().count("code")) return "";
  return error.as_map().at("code").as_string();
}

// The "suggestions" of a reply as (name, alias or "") pairs.
std::vector<std::pair<std::string, std::string>> Suggestions(const HttpReply& reply) {
  std::vector<std::pair<std::string, std::string>> out;
  Value list = JsonMember(reply.body, "suggestions");
  if (!list.is_list()) return out;
  for (const Value& s : list.as_list()) {
    const ValueMap& m = s.as_map();
    const Value& alias = m.at("alias");
    out.emplace_back(m.at("name").as_string(), alias.is_string() ? alias.as_string() : "");
  }
  return out;
}

TEST(ExplorerAssetsTest, EveryFileIsCompiledInByteForByte) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ExplorerDir())) {
    std::string name = entry.path().filename().string();
    if (name == "embed.cmake") continue;
    ++files;
    const internal::ExplorerAsset* found = nullptr;
    for (size_t i = 0; i < internal::kExplorerAssetCount; ++i)
      if (internal::kExplorerAssets[i].name == name) found = &internal::kExplorerAssets[i];
    ASSERT_NE(found, nullptr) << name << " is in server/explorer but not in kg";
    EXPECT_EQ(found->data, ReadFile(entry.path().string())) << name;
  }
  EXPECT_EQ(files, internal::kExplorerAssetCount);
}

// The page loads only its own files: no inline script, no event-handler
// attributes, no style attributes (the CSP would block them) and nothing
// from another host (it works offline).
TEST(ExplorerAssetsTest, PageHasNoInlineScriptOrRemoteFile) {
  std::string html = ReadFile(ExplorerDir() + "/index.html");
  ASSERT_FALSE(html.empty());
  std::regex script("<script([^>]*)>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), script);
       it != std::sregex_iterator(); ++it) {
    EXPECT_NE((*it)[1].str().find("src=\"/explorer/"), std::string::npos) << (*it)[0];
  }
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\son[a-z]+=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\sstyle=)", std::regex::icase)));
  for (const char* file :
       {"index.html", "app.js", "graph.js", "drawing.js", "canvas.js", "delta.js", "panels.js",
        "query.js", "api.js", "highlight.js", "app.css"}) {
    std::string text = ReadFile(ExplorerDir() + "/" + file);
    // XML namespace names are identifiers, never fetched.
    text = std::regex_replace(text, std::regex("http://www\\.w3\\.org/[0-9a-z/]*"), "");
    EXPECT_EQ(text.find("http://"), std::string::npos) << file;
    EXPECT_EQ(text.find("//cdn"), std::string::npos) << file;
    // The token is sent as a header only.
    EXPECT_EQ(text.find("token="), std::string::npos) << file;
  }
}

// One server on a copy of the bundled dataset for the whole suite, and one
// that needs a token for reads.
class ExplorerHttpTest : public BundledServerSuite<ExplorerHttpTest> {
 protected:
  static void SetUpTestSuite() {
    BundledServerSuite::SetUpTestSuite();
    if (::testing::Test::HasFatalFailure()) return;
    WritePrivateFile(dir_->path() + "/token", std::string(kToken) + "\n");
  }
  static std::string Url(const std::string& path) { return server_->url(path); }
  static HttpReply Suggest(const std::string& q, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"-G", "--data-urlencode", "q=" + q};
    args.insert(args.end(), extra.begin(), extra.end());
    return Curl(Url("/v1/suggest"), args);
  }
};

TEST_F(ExplorerHttpTest, PageIsServedWithPolicyAndETag) {
  HttpReply page = Curl(Url("/"), {"-i"});
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(HeaderOf(page.body, "Content-Type"), "text/html; charset=utf-8");
  std::string csp = HeaderOf(page.body, "Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("sandbox"), std::string::npos) << csp;  // scripts must run
  EXPECT_EQ(HeaderOf(page.body, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(page.body, "X-Frame-Options"), "DENY");
  std::string etag = HeaderOf(page.body, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_NE(page.body.find(ReadFile(ExplorerDir() + "/index.html")), std::string::npos);

  HttpReply again = Curl(Url("/"), {"-H", "If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  HttpReply other = Curl(Url("/"), {"-H", "If-None-Match: \"0000\""});
  EXPECT_EQ(other.status, 200);
}

TEST_F(ExplorerHttpTest, FilesHaveTheirMediaTypes) {
  const std::pair<const char*, const char*> files[] = {
      {"/explorer/app.js", "text/javascript; charset=utf-8"},
      {"/explorer/graph.js", "text/javascript; charset=utf-8"},
      {"/explorer/drawing.js", "text/javascript; charset=utf-8"},
      {"/explorer/canvas.js", "text/javascript; charset=utf-8"},
      {"/explorer/app.css", "text/css; charset=utf-8"},
      {"/explorer/favicon.svg", "image/svg+xml"},
      {"/index.html", "text/html; charset=utf-8"}};
  for (const auto& [path, type] : files) {
    HttpReply reply = Curl(Url(path), {"-i"});
    EXPECT_EQ(reply.status, 200) << path;
    EXPECT_EQ(HeaderOf(reply.body, "Content-Type"), type) << path;
    EXPECT_FALSE(HeaderOf(reply.body, "ETag").empty()) << path;
  }
  // The API keeps its own policy: nothing it sends may run.
  HttpReply stats = Curl(Url("/v1/stats"), {"-i"});
  EXPECT_EQ(HeaderOf(stats.body, "Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'; sandbox");
  EXPECT_EQ(HeaderOf(stats.body, "Cache-Control"), "no-store");
}

TEST_F(ExplorerHttpTest, UnknownFileAndOtherMethodsAreJsonErrors) {
  HttpReply missing = Curl(Url("/explorer/missing.js"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing), "NotFound");
  HttpReply traversal = Curl(Url("/explorer/..%2fservice.cc"));
  EXPECT_EQ(traversal.status, 404);
  HttpReply post = Curl(Url("/"), {"-X", "POST", "-d", "x"});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(ErrorCode(post), "MethodNotAllowed");
  HttpReply suggest_post = Curl(Url("/v1/suggest?q=x"), {"-X", "POST", "-d", "x"});
  EXPECT_EQ(suggest_post.status, 405);
}

TEST_F(ExplorerHttpTest, SuggestRanksNamesThenAliases) {
  HttpReply reply = Suggest("xiaomi");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto found = Suggestions(reply);
  ASSERT_GE(found.size(), 2u) << reply.body;
  EXPECT_EQ(found[0], std::make_pair(std::string("Xiaomi"), std::string()));
  EXPECT_EQ(found[1].first, "Xiaomi Ultra");
  // An alias in another case: the entity, with the alias that matched.
  auto nvda = Suggestions(Suggest("nvda"));
  ASSERT_FALSE(nvda.empty());
  EXPECT_EQ(nvda[0].first, "NVIDIA");
  EXPECT_EQ(nvda[0].second, "NVDA");
  Value first = JsonMember(reply.body, "suggestions").as_list()[0];
  EXPECT_EQ(first.as_map().at("labels"), Value(ValueList{Value("Company")}));
  EXPECT_TRUE(first.as_map().at("id").is_int());
}

TEST_F(ExplorerHttpTest, SuggestFindsChineseNames) {
  auto found = Suggestions(Suggest("小米"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], std::make_pair(std::string("Xiaomi"), std::string("小米")));
  auto nvidia = Suggestions(Suggest("英伟"));
  ASSERT_FALSE(nvidia.empty());
  EXPECT_EQ(nvidia[0].first, "NVIDIA");
}

TEST_F(ExplorerHttpTest, SuggestHonoursLimitAndFindsNothingQuietly) {
  auto three = Suggestions(Suggest("a", {"--data-urlencode", "limit=3"}));
  EXPECT_EQ(three.size(), 3u);
  HttpReply none = Suggest("no such entity zzz");
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body, "{\"suggestions\":[]}");
  // Query text is data, never Cypher.
  HttpReply quote = Suggest("x' OR 1=1 //");
  EXPECT_EQ(quote.status, 200);
  EXPECT_TRUE(Suggestions(quote).empty());
}

TEST_F(ExplorerHttpTest, SuggestRefusesBadInputWithJsonErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const Case cases[] = {
      {{}, "needs ?q="},
      {{"-G", "--data-urlencode", "q="}, "q must not be empty"},
      {{"-G", "--data-urlencode", "q=  "}, "q must not be empty"},
      {{"-G", "--data-urlencode", "q=" + std::string(201, 'x')}, "at most 200"},
      {{"-G", "-d", "q=x", "-d", "limit=0"}, "limit must be from 1 to 100, got 0"},
      {{"-G", "-d", "q=x", "-d", "limit=101"}, "got 101"},
      {{"-G", "-d", "q=x", "-d", "limit=ten"}, "got 'ten'"},
      {{"-G", "-d", "q=x", "-d", "limit=5x"}, "got '5x'"},
  };
  for (const Case& c : cases) {
    HttpReply reply = Curl(Url("/v1/suggest"), c.args);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(ErrorCode(reply), "BadRequest") << reply.body;
    EXPECT_NE(reply.body.find(c.says), std::string::npos) << reply.body;
  }
}

TEST_F(ExplorerHttpTest, SuggestNeedsTheTokenWhereReadsDo) {
  ServerProcess locked(dir_->path() + "/db",
                       {"--read-only", "--token-file", dir_->path() + "/token", "--auth-reads"});
  ASSERT_TRUE(locked.ok());
  HttpReply anonymous = Curl(locked.url("/v1/suggest?q=xiaomi"));
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(ErrorCode(anonymous), "Unauthorized");
  HttpReply wrong = Curl(locked.url("/v1/suggest?q=xiaomi"), {"-H", "Authorization: Bearer no"});
  EXPECT_EQ(wrong.status, 401);
  HttpReply ok = Curl(locked.url("/v1/suggest?q=xiaomi"),
                      {"-H", std::string("Authorization: Bearer ") + kToken});
  EXPECT_EQ(ok.status, 200);
  EXPECT_FALSE(Suggestions(ok).empty());
  EXPECT_EQ(Curl(locked.url("/v1/dates")).status, 401);
  EXPECT_EQ(
      Curl(locked.url("/v1/dates"), {"-H", std::string("Authorization: Bearer ") + kToken}).status,
      200);
  // The page itself loads without a token: it is where the token is typed.
  EXPECT_EQ(Curl(locked.url("/")).status, 200);
  EXPECT_EQ(Curl(locked.url("/explorer/app.js")).status, 200);
}

// GET /v1/dates (the time slider's range) says what the relations' own
// dates say, read one by one through a statement: for each field, the date
// whose period begins first and the one whose period ends last.
TEST_F(ExplorerHttpTest, DatesSpanTheDatesOfEveryRelation) {
  HttpReply dates = Curl(Url("/v1/dates"));
  ASSERT_EQ(dates.status, 200) << dates.body;
  HttpReply q = Curl(Url("/v1/query"),
                     {"-H", "Content-Type: application/json", "-d",
                      "{\"query\": \"MATCH ()-[r]->() RETURN r.valid_from, r.valid_to, r.date\"}"});
  ASSERT_EQ(q.status, 200) << q.body;
  struct Span {
    std::string first, last;
    int32_t first_day = 0, last_day = 0;
  };
  std::array<Span, 3> want;
  int64_t dated = 0;
  const Value rows = JsonMember(q.body, "rows");
  ASSERT_TRUE(rows.is_list()) << q.body;
  for (const Value& row : rows.as_list()) {
    bool any = false;
    for (size_t i = 0; i < 3; ++i) {
      const Value& cell = row.as_list()[i];
      if (cell.is_null()) continue;
      any = true;
      Result<Date> d = Date::ParseWithPrecision(cell.as_string());
      ASSERT_TRUE(d.ok()) << cell.as_string();
      Span& s = want[i];
      int32_t begins = d->days(), ends = d->last_day().days();
      if (s.first.empty() || begins < s.first_day) s.first_day = begins, s.first = d->ToString();
      if (s.last.empty() || ends > s.last_day) s.last_day = ends, s.last = d->ToString();
    }
    dated += any ? 1 : 0;
  }
  const char* const fields[] = {"valid_from", "valid_to", "said"};
  for (size_t i = 0; i < 3; ++i) {
    Value range = JsonMember(dates.body, fields[i]);
    ASSERT_TRUE(range.is_map()) << dates.body;
    const ValueMap& m = range.as_map();
    EXPECT_EQ(m.at("first_day").as_string(), Date(want[i].first_day).ToString()) << fields[i];
    EXPECT_EQ(m.at("last_day").as_string(), Date(want[i].last_day).ToString()) << fields[i];
    // Where two dates begin (or end) on the same day, either may be named.
    EXPECT_EQ(Date::ParseWithPrecision(m.at("first").as_string())->days(), want[i].first_day);
    EXPECT_EQ(Date::ParseWithPrecision(m.at("last").as_string())->last_day().days(),
              want[i].last_day);
  }
  EXPECT_EQ(JsonMember(dates.body, "dated_relations").as_int(), dated);
  EXPECT_GT(dated, 100);
  HttpReply extra = Curl(Url("/v1/dates?from=2025"));
  EXPECT_EQ(extra.status, 400) << extra.body;
  EXPECT_NE(extra.body.find("from"), std::string::npos) << extra.body;
  HttpReply post = Curl(Url("/v1/dates"), {"-X", "POST"});
  EXPECT_EQ(post.status, 405) << post.body;
}

// The scope parameters on the bundled dataset, where every relation was
// said on 2025-07-16 and the H20's approval held from 2025-07-15.
TEST_F(ExplorerHttpTest, ScopeParametersFollowTheTwoClocksAndTheConfidenceFloor) {
  const std::string query =
      "query=MATCH (g)-[r:APPROVES|RESTRICTS]->(p:Product {name: 'H20'}) RETURN g, r, p";
  auto render = [&](const std::string& scope) {
    return Curl(Url("/v1/render"),
                {"-G", "--data-urlencode", query, "-d", "format=dot", "-d", scope});
  };
  // Valid time dashes what did not hold that day, as kg render does.
  HttpReply may = render("valid_at=2025-05-01");
  ASSERT_EQ(may.status, 200) << may.body;
  size_t at = may.body.find("class=\"type-APPROVES");
  ASSERT_NE(at, std::string::npos) << may.body;
  std::string edge = may.body.substr(at, may.body.find("];", at) - at);
  EXPECT_NE(edge.find("style=dashed"), std::string::npos) << edge;
  // Known time filters: nothing had been said on 2025-05-01.
  HttpReply unknown = render("as_of=2025-05-01");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_NE(unknown.body.find("nothing to draw"), std::string::npos) << unknown.body;
  EXPECT_EQ(render("known_at=2025-07-16").status, 200);
  for (std::string bad :
       {"as_of=2025-13-01", "known_at=soon", "min_confidence=1.5", "min_confidence=high"}) {
    HttpReply reply = render(bad);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_EQ(ErrorCode(reply), "BadRequest") << bad;
    EXPECT_NE(reply.body.find(bad.substr(0, bad.find('='))), std::string::npos) << reply.body;
  }

  // POST /v1/query takes the same four fields.
  auto count = [&](const std::string& fields) {
    HttpReply r =
        Curl(Url("/v1/query"), {"-H", "Content-Type: application/json", "-d",
                                "{\"query\": \"MATCH ()-[r]->() RETURN count(r)\"" + fields + "}"});
    Value rows = JsonMember(r.body, "rows");
    if (r.status != 200 || !rows.is_list()) return int64_t{-r.status};
    return rows.as_list()[0].as_list()[0].as_int();
  };
  int64_t all = count("");
  EXPECT_GT(all, 500);
  EXPECT_EQ(count(", \"as_of\": \"2025-05-01\""), 0);
  EXPECT_EQ(count(", \"known_at\": \"2025-07-16\""), all);
  int64_t sure = count(", \"min_confidence\": 0.9");
  EXPECT_GT(sure, 0);
  EXPECT_LT(sure, all);
  EXPECT_LT(count(", \"valid_at\": \"2025-05-01\""), all);
  EXPECT_EQ(count(", \"min_confidence\": 2"), -400);
  EXPECT_EQ(count(", \"valid_at\": 20250501"), -400);

  // Analytics and ego follow the scope too.
  HttpReply degree = Curl(Url("/v1/analyze"), {"-G", "-d", "algorithm=degree", "-d",
                                               "as_of=2025-05-01", "-d", "top=1"});
  ASSERT_EQ(degree.status, 200) << degree.body;
  Value rows = JsonMember(degree.body, "rows");
  ASSERT_TRUE(rows.is_list() && !rows.as_list().empty()) << degree.body;
  EXPECT_EQ(rows.as_list()[0].as_list().back().as_number(), 0.0) << degree.body;
  HttpReply ego = Curl(
      Url("/v1/ego"), {"-G", "-d", "name=NVIDIA", "-d", "format=dot", "-d", "known_at=2025-05-01"});
  ASSERT_EQ(ego.status, 200) << ego.body;
  EXPECT_EQ(ego.body.find("->"), std::string::npos) << "no relation was known yet: " << ego.body;
}

}  // namespace
}  // namespace kg::server::testing
