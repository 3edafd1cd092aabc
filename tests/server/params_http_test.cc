// The HTTP parameters of every endpoint (one table each: unknown or
// repeated parameters are 400 naming them), GET /v1/render with kg render's
// options, GET /v1/ego and /v1/analyze (types and labels in any case,
// unknown ones refused with the known list), 404 "did you mean" for names
// that match nothing, and a presented but wrong token refused on reads.
#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "params-token";
constexpr char kNvidia[] = "query=MATCH (n {name: 'NVIDIA'})-[r]-(c) RETURN n, r, c";

// A member of the reply's "error" object, or null.
Value ErrorMember(const HttpReply& reply, const std::string& key) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map()) return Value();
  auto it = error.as_map().find(key);
  return it != error.as_map().end() ? it->second : Value();
}
std::string Field(const HttpReply& reply, const std::string& key) {
  Value v = ErrorMember(reply, key);
  return v.is_string() ? v.as_string() : "";
}
Value Suggestions(const HttpReply& reply) { return ErrorMember(reply, "suggestions"); }

class ParamsHttpTest : public SeededServerTest {
 protected:
  ParamsHttpTest() : SeededServerTest(kToken) {}
  // GET `path` with each of `params` url-encoded.
  HttpReply Get(const ServerProcess& server, const std::string& path,
                const std::vector<std::string>& params, const std::string& token = "") {
    return GetWithParams(server, path, params, token);
  }
};

TEST_F(ParamsHttpTest, UnknownParametersAre400NamingThemOnEveryEndpoint) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  struct Case {
    std::string path;
    std::vector<std::string> params;
    std::string endpoint;
  };
  for (const Case& c : std::vector<Case>{
           {"/v1/render", {kNvidia, "titel=Rivals"}, "GET /v1/render"},
           {"/v1/ego", {"name=NVIDIA", "type=COMPETES_WITH"}, "GET /v1/ego"},
           {"/v1/analyze", {"algorithm=degree", "label=Company"}, "GET /v1/analyze"},
           {"/v1/path", {"from=NVIDIA", "to=AMD", "type=COMPETES_WITH"}, "GET /v1/path"},
           {"/v1/export", {"format=jsonl", "querry=RETURN 1"}, "GET /v1/export"},
           {"/v1/suggest", {"q=nv", "limt=2"}, "GET /v1/suggest"},
           {"/v1/stats", {"verbose=1"}, "GET /v1/stats"},
           {"/v1/entities/NVIDIA", {"depth=2"}, "GET /v1/entities/{name}"},
           {"/healthz", {"x=1"}, "GET /healthz"}}) {
    HttpReply reply = Get(server, c.path, c.params);
    EXPECT_EQ(reply.status, 400) << c.path << " " << reply.body;
    EXPECT_EQ(Field(reply, "code"), "BadRequest") << reply.body;
    std::string bad = c.params.back().substr(0, c.params.back().find('='));
    EXPECT_NE(Field(reply, "message").find("unknown parameter '" + bad + "' of " + c.endpoint),
              std::string::npos)
        << reply.body;
  }
  HttpReply render = Get(server, "/v1/render", {kNvidia, "titel=Rivals"});
  EXPECT_NE(Field(render, "message")
                .find("accepted: query, params, format, layout, rankdir, "
                      "title, no_legend, no_merge, size_by, valid_at, known_at, as_of, "
                      "min_confidence"),
            std::string::npos)
      << render.body;
  HttpReply twice = Get(server, "/v1/render", {kNvidia, "format=svg", "format=dot"});
  EXPECT_EQ(twice.status, 400);
  EXPECT_NE(Field(twice, "message").find("parameter 'format' of GET /v1/render is given twice"),
            std::string::npos)
      << twice.body;
  HttpReply query = Curl(server.url("/v1/query?as_of=2025-01-01"),
                         {"-X", "POST", "-d", R"({"query": "RETURN 1"})"});
  EXPECT_EQ(query.status, 400) << query.body;
  EXPECT_NE(Field(query, "message").find("POST /v1/query, which takes no parameters"),
            std::string::npos)
      << query.body;
}

TEST_F(ParamsHttpTest, RenderTakesKgRendersOptions) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply dot =
      Get(server, "/v1/render",
          {kNvidia, "format=dot", "title=Rivals of NVIDIA", "layout=neato", "rankdir=TB",
           "no_legend=true", "no_merge=1", "size_by=degree", "as_of=2025-07-16"});
  ASSERT_EQ(dot.status, 200) << dot.body;
  EXPECT_NE(dot.body.find("Rivals of NVIDIA"), std::string::npos) << dot.body;
  EXPECT_NE(dot.body.find("layout=neato"), std::string::npos) << dot.body;
  EXPECT_EQ(dot.body.find("legend"), std::string::npos) << "no_legend";
  EXPECT_NE(dot.body.find("2025-07-16"), std::string::npos) << "as_of names the day";
  HttpReply plain = Get(server, "/v1/render", {kNvidia, "format=dot"});
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.find("Rivals of NVIDIA"), std::string::npos);
  for (const auto& [param, message] : std::vector<std::pair<std::string, std::string>>{
           {"layout=spiral", "layout"},
           {"rankdir=XY", "rankdir"},
           {"no_legend=maybe", "no_legend must be true, false, 1 or 0, got 'maybe'"},
           {"size_by=communities", "size_by must be pagerank, betweenness or degree"},
           {"as_of=2025-13-01", "as_of"},
           {"format=gif", "format must be svg, png, pdf, dot, xdot or canvas, got 'gif'"}}) {
    HttpReply bad = Get(server, "/v1/render", {kNvidia, param});
    EXPECT_EQ(bad.status, 400) << param << " " << bad.body;
    EXPECT_NE(Field(bad, "message").find(message), std::string::npos) << param << " " << bad.body;
  }
}

TEST_F(ParamsHttpTest, EgoTakesTypesInAnyCaseAndRefusesUnknownOnes) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply ego =
      Get(server, "/v1/ego", {"name=nvidia", "types=competes_with, partners_with", "format=dot"});
  ASSERT_EQ(ego.status, 200) << ego.body;
  EXPECT_NE(ego.body.find("Huawei"), std::string::npos) << ego.body;
  EXPECT_EQ(ego.body.find("Jensen Huang"), std::string::npos) << "LEADS is not among the types";
  HttpReply svg = Get(server, "/v1/ego", {"name=NVIDIA"});
  ASSERT_EQ(svg.status, 200);
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);
  EXPECT_NE(svg.body.find("Jensen Huang"), std::string::npos);

  HttpReply bad = Get(server, "/v1/ego", {"name=NVIDIA", "types=partnerz_with"});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Field(bad, "code"), "BadRequest");
  std::string message = Field(bad, "message");
  EXPECT_NE(message.find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("COMPETES_WITH"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'PARTNERS_WITH'?"), std::string::npos) << message;
  for (std::string param : {"depth=11", "depth=x", "max_nodes=0", "cross_edges=yes"}) {
    HttpReply range = Get(server, "/v1/ego", {"name=NVIDIA", param});
    EXPECT_EQ(range.status, 400) << param << " " << range.body;
    EXPECT_NE(Field(range, "message").find(param.substr(0, param.find('='))), std::string::npos)
        << range.body;
  }
  EXPECT_EQ(Get(server, "/v1/ego", {}).status, 400) << "name is required";
}

TEST_F(ParamsHttpTest, AnalyzeTakesLabelsAndTypesInAnyCase) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply lower = Get(server, "/v1/analyze",
                        {"algorithm=degree", "labels=company", "types=competes_with", "top=0"});
  ASSERT_EQ(lower.status, 200) << lower.body;
  HttpReply upper = Get(server, "/v1/analyze",
                        {"algorithm=degree", "labels=Company", "types=COMPETES_WITH", "top=0"});
  ASSERT_EQ(upper.status, 200) << upper.body;
  EXPECT_EQ(JsonMember(lower.body, "rows"), JsonMember(upper.body, "rows"));
  EXPECT_EQ(JsonMember(lower.body, "columns"),
            Value(ValueList{Value("node"), Value("name"), Value("score")}));
  // Jensen Huang is a Person: not among the rows.
  EXPECT_EQ(lower.body.find("Jensen Huang"), std::string::npos) << lower.body;
  EXPECT_NE(lower.body.find("\"Huawei\""), std::string::npos) << lower.body;
  HttpReply partners = Get(server, "/v1/analyze", {"algorithm=pagerank", "types=partners_with"});
  EXPECT_EQ(partners.status, 200) << partners.body;

  HttpReply type = Get(server, "/v1/analyze", {"algorithm=degree", "types=partnerz_with"});
  EXPECT_EQ(type.status, 400);
  EXPECT_NE(Field(type, "message").find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << type.body;
  HttpReply label = Get(server, "/v1/analyze", {"algorithm=degree", "labels=compnay"});
  EXPECT_EQ(label.status, 400);
  EXPECT_NE(Field(label, "message").find("labels: unknown label 'compnay'; known: "),
            std::string::npos)
      << label.body;
  HttpReply path =
      Get(server, "/v1/analyze",
          {"algorithm=shortest", "from=Jensen Huang", "to=huawei", "types=leads,competes_with"});
  ASSERT_EQ(path.status, 200) << path.body;
  EXPECT_NE(path.body.find("\"NVIDIA\""), std::string::npos) << path.body;
  for (std::string param :
       {"algorithm=rank", "top=-1", "damping=1.5", "direction=up", "weight=heavy"}) {
    HttpReply bad = Get(server, "/v1/analyze", {param, "from=NVIDIA"});
    EXPECT_EQ(bad.status, 400) << param << " " << bad.body;
  }
  EXPECT_EQ(Get(server, "/v1/analyze", {}).status, 400) << "algorithm is required";
  EXPECT_EQ(Get(server, "/v1/analyze", {"algorithm=shortest"}).status, 400) << "from is required";
}

TEST_F(ParamsHttpTest, UnknownNamesAre404WithSuggestions) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply nvidea = Curl(server.url("/v1/entities/Nvidea"));
  EXPECT_EQ(nvidea.status, 404) << nvidea.body;
  EXPECT_EQ(Field(nvidea, "code"), "NotFound");
  EXPECT_EQ(Field(nvidea, "message"),
            "no entity is named or aliased 'Nvidea'; did you mean 'NVIDIA'?");
  EXPECT_EQ(Suggestions(nvidea), Value(ValueList{Value("NVIDIA")}));
  HttpReply xiomi = Curl(server.url("/v1/entities/Xiomi"));
  EXPECT_EQ(xiomi.status, 404);
  EXPECT_EQ(Suggestions(xiomi), Value(ValueList{Value("Xiaomi")})) << xiomi.body;
  HttpReply jensen = Curl(server.url("/v1/entities/Jensen%20Haung"));
  EXPECT_EQ(jensen.status, 404);
  EXPECT_EQ(Suggestions(jensen), Value(ValueList{Value("Jensen Huang")})) << jensen.body;
  HttpReply nothing = Curl(server.url("/v1/entities/Qwertyuiop"));
  EXPECT_EQ(nothing.status, 404);
  EXPECT_EQ(Suggestions(nothing), Value(ValueList{})) << "an empty array, not a missing one";

  HttpReply ego = Get(server, "/v1/ego", {"name=Jensen Haung"});
  EXPECT_EQ(ego.status, 404) << ego.body;
  EXPECT_NE(Field(ego, "message").find("did you mean 'Jensen Huang'?"), std::string::npos);
  EXPECT_EQ(Suggestions(ego), Value(ValueList{Value("Jensen Huang")})) << ego.body;
  HttpReply to = Get(server, "/v1/analyze", {"algorithm=shortest", "from=NVIDIA", "to=Xiomi"});
  EXPECT_EQ(to.status, 404) << to.body;
  EXPECT_NE(Field(to, "message").find("--to: no entity is named or aliased 'Xiomi'"),
            std::string::npos)
      << to.body;
  EXPECT_EQ(Suggestions(to), Value(ValueList{Value("Xiaomi")})) << to.body;
  HttpReply path = Get(server, "/v1/path", {"from=Nvidea", "to=Huawei"});
  EXPECT_EQ(path.status, 404) << path.body;
  EXPECT_EQ(Suggestions(path), Value(ValueList{Value("NVIDIA")})) << path.body;
}

TEST_F(ParamsHttpTest, PathTakesTypesInAnyCase) {
  ServerProcess server(db(), {});
  ASSERT_TRUE(server.ok());
  HttpReply path =
      Get(server, "/v1/path", {"from=jensen huang", "to=Huawei", "types=leads,competes_with"});
  ASSERT_EQ(path.status, 200) << path.body;
  EXPECT_EQ(JsonMember(path.body, "columns"),
            Value(ValueList{Value("node"), Value("name"), Value("via"), Value("distance")}));
  Value rows = JsonMember(path.body, "rows");
  ASSERT_TRUE(rows.is_list()) << path.body;
  ASSERT_EQ(rows.as_list().size(), 3u) << path.body;
  EXPECT_EQ(rows.as_list()[1].as_list()[1], Value("NVIDIA"));
  HttpReply bad = Get(server, "/v1/path", {"from=NVIDIA", "to=Huawei", "types=partnerz_with"});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(Field(bad, "message").find("types: unknown relation type 'partnerz_with'; known: "),
            std::string::npos)
      << bad.body;
  EXPECT_EQ(Get(server, "/v1/path", {"from=NVIDIA"}).status, 400) << "to is required";
  HttpReply unknown = Get(server, "/v1/path", {"from=NVIDIA", "to=Huawei", "max=3"});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(Field(unknown, "message").find("unknown parameter 'max' of GET /v1/path"),
            std::string::npos)
      << unknown.body;
}

TEST_F(ParamsHttpTest, AWrongTokenIs401EvenOnReadsThatNeedNone) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply query = PostQuery(server, "RETURN 1", "wrong-token");
  EXPECT_EQ(query.status, 401) << query.body;
  EXPECT_EQ(Field(query, "code"), "Unauthorized");
  EXPECT_EQ(PostQuery(server, "RETURN 1").status, 200) << "no token: reads need none";
  EXPECT_EQ(PostQuery(server, "RETURN 1", kToken).status, 200);
  for (std::string path :
       {"/v1/stats", "/v1/entities/NVIDIA", "/v1/suggest?q=nv", "/v1/export?format=jsonl",
        "/v1/ego?name=NVIDIA", "/v1/analyze?algorithm=degree"}) {
    HttpReply wrong = Curl(server.url(path), {"-H", "Authorization: Bearer wrong-token"});
    EXPECT_EQ(wrong.status, 401) << path << " " << wrong.body;
    EXPECT_EQ(Curl(server.url(path)).status, 200) << path;
  }
  HttpReply render = Get(server, "/v1/render", {kNvidia}, "wrong-token");
  EXPECT_EQ(render.status, 401) << render.body;
}

}  // namespace
}  // namespace kg::server::testing
