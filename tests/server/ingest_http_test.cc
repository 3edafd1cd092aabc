// POST /v1/ingest and /v1/ingest/apply against a real `kg serve`: the
// review comes back as the review file's lines, applying it lands in one
// transaction, and every refusal (no token, read-only, a bad line, the same
// text again, an oversize body, bytes that are not UTF-8) is an error reply
// with nothing written.
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "ingest-token";

// Names the seeded database knows (NVIDIA, AMD, Huawei, H20, Jensen Huang)
// with cues the built-in rules turn into relations.
constexpr char kArticle[] =
    "AMD competes with NVIDIA in the data center market. Huawei competes with NVIDIA in China, "
    "where the H20 is sold.\n\nJensen Huang, chief executive of NVIDIA, spoke in Beijing.\n";

class IngestHttpTest : public SeededServerTest {
 protected:
  IngestHttpTest() : SeededServerTest(kToken) {}

  static HttpReply Post(const ServerProcess& server, const std::string& path,
                        const std::string& body, const std::string& token,
                        const std::string& type = "application/json") {
    std::vector<std::string> args = {"-X", "POST", "-H", "Content-Type: " + type, "--data-binary",
                                     body};
    if (!token.empty()) {
      args.push_back("-H");
      args.push_back("Authorization: Bearer " + token);
    }
    return Curl(server.url(path), args);
  }
  static std::string IngestBody(const std::string& text, const std::string& extra = "") {
    return "{\"text\": " + JsonQuote(text) +
           ", \"id\": \"wire.txt\", \"title\": \"Rivals\", \"publisher\": \"Example Wire\", "
           "\"date\": \"2025-07-18\"" +
           extra + "}";
  }
  static std::string ErrorText(const HttpReply& reply, const std::string& key) {
    Value error = JsonMember(reply.body, "error");
    if (!error.is_map() || !error.as_map().contains(key)) return "";
    const Value& v = error.as_map().at(key);
    return v.is_string() ? v.as_string() : ToJson(v);
  }
  // The relations whose source is wire.txt.
  static int64_t WireRelations(const ServerProcess& server) {
    HttpReply r =
        PostQuery(server, "MATCH ()-[r]->() WHERE r.source = 'wire.txt' RETURN count(r) AS n");
    Value rows = JsonMember(r.body, "rows");
    if (!rows.is_list() || rows.as_list().size() != 1) return -1;
    const Value& row = rows.as_list()[0];
    const Value& n = row.is_list() ? row.as_list()[0] : row.as_map().at("n");
    return n.as_int();
  }
  // The review of kArticle (the "review" array, as JSON text).
  static std::string ReviewOf(const ServerProcess& server) {
    HttpReply reply = Post(server, "/v1/ingest", IngestBody(kArticle), kToken);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return ToJson(JsonMember(reply.body, "review"));
  }
};

TEST_F(IngestHttpTest, ReviewThenApplyLandsTheRelations) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply reply = Post(server, "/v1/ingest", IngestBody(kArticle), kToken);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(JsonMember(reply.body, "source").as_string(), "wire.txt");
  EXPECT_GE(JsonMember(reply.body, "sentences").as_int(), 3);
  Value review = JsonMember(reply.body, "review");
  ASSERT_TRUE(review.is_list()) << reply.body;
  const ValueList& lines = review.as_list();
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].as_map().at("kind").as_string(), "source");
  EXPECT_EQ(lines[0].as_map().at("publisher").as_string(), "Example Wire");
  int accepted_relations = 0;
  bool nvidia_linked = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const ValueMap& c = lines[i].as_map();
    // Every key of a review file line is there.
    for (const char* key :
         {"kind", "id", "name", "label", "links_to", "aliases", "source", "start", "end", "quote",
          "speaker", "type", "from", "to", "stance", "confidence", "why", "accept"})
      EXPECT_TRUE(c.contains(key)) << key << " missing in " << ToJson(lines[i]);
    if (c.at("kind").as_string() == "relation" && c.at("accept").as_bool()) ++accepted_relations;
    if (c.at("name").is_string() && c.at("name").as_string() == "NVIDIA")
      nvidia_linked = !c.at("links_to").is_null();
  }
  EXPECT_TRUE(nvidia_linked) << reply.body;
  ASSERT_GE(accepted_relations, 1) << reply.body;
  // Analysing wrote nothing.
  EXPECT_EQ(WireRelations(server), 0);

  HttpReply applied = Post(server, "/v1/ingest/apply", ToJson(review), kToken);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(JsonMember(applied.body, "source").as_string(), "wire.txt");
  EXPECT_EQ(JsonMember(applied.body, "relations_created").as_int(), accepted_relations);
  EXPECT_EQ(WireRelations(server), accepted_relations);
}

TEST_F(IngestHttpTest, JsonLinesBodyAndTextBodyWork) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  // The article as text/plain, its metadata as query parameters.
  HttpReply reply = Post(server, "/v1/ingest?id=wire.txt&title=Rivals&date=2025-07", kArticle,
                         kToken, "text/plain; charset=utf-8");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Value review = JsonMember(reply.body, "review");
  ASSERT_TRUE(review.is_list());
  EXPECT_EQ(review.as_list()[0].as_map().at("published").as_string(), "2025-07");
  std::string jsonl;
  for (const Value& line : review.as_list()) jsonl += ToJson(line) + "\n";
  HttpReply applied =
      Post(server, "/v1/ingest/apply?auto_accept=0.7", jsonl, kToken, "application/x-ndjson");
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_GE(WireRelations(server), 1);
}

TEST_F(IngestHttpTest, WithoutTheTokenBothAreRefused) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  std::string review = ReviewOf(server);
  for (const std::string& token : {std::string(), std::string("wrong")}) {
    HttpReply ingest = Post(server, "/v1/ingest", IngestBody(kArticle), token);
    EXPECT_EQ(ingest.status, 401) << ingest.body;
    EXPECT_EQ(ErrorText(ingest, "code"), "Unauthorized");
    HttpReply apply = Post(server, "/v1/ingest/apply", review, token);
    EXPECT_EQ(apply.status, 401) << apply.body;
  }
  EXPECT_EQ(WireRelations(server), 0);
  HttpReply get = Curl(server.url("/v1/ingest"));
  EXPECT_EQ(get.status, 405) << get.body;
}

TEST_F(IngestHttpTest, ReadOnlyServerRefusesApply) {
  std::string review;
  {
    ServerProcess server(db(), {"--token-file", token_file()});
    ASSERT_TRUE(server.ok());
    review = ReviewOf(server);
  }
  ServerProcess server(db(), {"--token-file", token_file(), "--read-only"});
  ASSERT_TRUE(server.ok());
  HttpReply apply = Post(server, "/v1/ingest/apply", review, kToken);
  EXPECT_EQ(apply.status, 403) << apply.body;
  EXPECT_EQ(ErrorText(apply, "code"), "Forbidden");
  HttpReply ingest = Post(server, "/v1/ingest", IngestBody(kArticle), kToken);
  EXPECT_EQ(ingest.status, 403) << ingest.body;
  EXPECT_EQ(WireRelations(server), 0);
}

TEST_F(IngestHttpTest, BadLinesAreListedAndNothingIsApplied) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  Value review = ParseJson(ReviewOf(server)).value();
  ValueList& lines = review.as_list();
  size_t bad_type = 0, bad_to = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    ValueMap& c = lines[i].as_map();
    if (c.at("kind").as_string() != "relation" || !c.at("accept").as_bool()) continue;
    if (bad_type == 0) {
      c["type"] = Value("LIKES");
      bad_type = i + 1;  // element N is line N
    } else if (bad_to == 0) {
      c["to"] = Value("e999");
      bad_to = i + 1;
    }
  }
  ASSERT_NE(bad_type, 0u);
  ASSERT_NE(bad_to, 0u) << "the article should give two accepted relations";
  HttpReply apply = Post(server, "/v1/ingest/apply", ToJson(review), kToken);
  EXPECT_EQ(apply.status, 400) << apply.body;
  std::string message = ErrorText(apply, "message");
  EXPECT_NE(message.find("line " + std::to_string(bad_type) + ": type 'LIKES'"), std::string::npos)
      << message;
  EXPECT_NE(message.find("line " + std::to_string(bad_to) + ": "), std::string::npos) << message;
  EXPECT_NE(message.find("nothing applied"), std::string::npos) << message;
  EXPECT_EQ(WireRelations(server), 0);
  HttpReply sources = PostQuery(server, "MATCH (n) WHERE n.source = 'wire.txt' RETURN count(n)");
  EXPECT_NE(sources.body.find("[0]"), std::string::npos) << sources.body;
  // A line that is not JSON: refused with its line number.
  HttpReply garbled = Post(server, "/v1/ingest/apply", ToJson(lines[0]) + "\n{not json\n", kToken,
                           "application/x-ndjson");
  EXPECT_EQ(garbled.status, 400) << garbled.body;
  EXPECT_EQ(ErrorText(garbled, "message").rfind("line 2: ", 0), 0u) << garbled.body;
}

TEST_F(IngestHttpTest, TheSameTextAgainIsRefusedUnlessReplace) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  std::string review = ReviewOf(server);
  ASSERT_EQ(Post(server, "/v1/ingest/apply", review, kToken).status, 200);
  int64_t applied = WireRelations(server);
  ASSERT_GE(applied, 1);

  HttpReply again = Post(server, "/v1/ingest", IngestBody(kArticle), kToken);
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_EQ(ErrorText(again, "code"), "AlreadyExists");
  HttpReply twice = Post(server, "/v1/ingest/apply", review, kToken);
  EXPECT_EQ(twice.status, 400) << twice.body;
  EXPECT_EQ(ErrorText(twice, "code"), "AlreadyExists");
  EXPECT_NE(ErrorText(twice, "message").find("nothing applied"), std::string::npos);
  EXPECT_EQ(WireRelations(server), applied);

  HttpReply analysed =
      Post(server, "/v1/ingest", IngestBody(kArticle, ", \"replace\": true"), kToken);
  ASSERT_EQ(analysed.status, 200) << analysed.body;
  HttpReply replaced = Post(server, "/v1/ingest/apply?replace=true",
                            ToJson(JsonMember(analysed.body, "review")), kToken);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_TRUE(JsonMember(replaced.body, "replaced").as_bool());
  EXPECT_EQ(JsonMember(replaced.body, "removed").as_map().at("relations_deleted").as_int(),
            applied);
  EXPECT_EQ(WireRelations(server), applied);
}

TEST_F(IngestHttpTest, OversizeBodyIs413) {
  ServerProcess server(db(), {"--token-file", token_file(), "--max-body", "2000"});
  ASSERT_TRUE(server.ok());
  std::string text;
  while (text.size() < 3000) text += kArticle;
  HttpReply reply = Post(server, "/v1/ingest", IngestBody(text), kToken);
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(ErrorText(reply, "code"), "PayloadTooLarge");
  HttpReply small = Post(server, "/v1/ingest", IngestBody(kArticle), kToken);
  EXPECT_EQ(small.status, 200) << small.body;
}

TEST_F(IngestHttpTest, TextThatIsNotUtf8IsRefused) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  std::string latin1 = "Caf\xE9 owners met NVIDIA in Beijing.\n";
  HttpReply reply = Post(server, "/v1/ingest?id=cafe.txt", latin1, kToken, "text/plain");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_NE(ErrorText(reply, "message").find("not UTF-8 (invalid byte 0xE9 at offset 3)"),
            std::string::npos)
      << reply.body;
  HttpReply declared =
      Post(server, "/v1/ingest?id=cafe.txt", latin1, kToken, "text/plain; charset=ISO-8859-1");
  EXPECT_EQ(declared.status, 415) << declared.body;
  HttpReply json = Post(server, "/v1/ingest", "{\"text\": \"Caf\xE9\"}", kToken);
  EXPECT_EQ(json.status, 400) << json.body;
  EXPECT_EQ(WireRelations(server), 0);
}

TEST_F(IngestHttpTest, BadRequestsSayWhy) {
  ServerProcess server(db(), {"--token-file", token_file()});
  ASSERT_TRUE(server.ok());
  HttpReply no_text = Post(server, "/v1/ingest", "{\"title\": \"x\"}", kToken);
  EXPECT_EQ(no_text.status, 400);
  EXPECT_NE(ErrorText(no_text, "message").find("\"text\""), std::string::npos);
  HttpReply unknown = Post(server, "/v1/ingest", "{\"text\": \"a\", \"titel\": \"x\"}", kToken);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(ErrorText(unknown, "message").find("titel"), std::string::npos);
  HttpReply bad_date =
      Post(server, "/v1/ingest", IngestBody(kArticle, ", \"date\": \"July\""), kToken);
  EXPECT_EQ(bad_date.status, 400) << bad_date.body;
  HttpReply bad_param = Post(server, "/v1/ingest/apply?replce=1", "[]", kToken);
  EXPECT_EQ(bad_param.status, 400);
  HttpReply empty = Post(server, "/v1/ingest/apply", "[]", kToken);
  EXPECT_EQ(empty.status, 400) << empty.body;
  HttpReply media = Post(server, "/v1/ingest", "x", kToken, "application/pdf");
  EXPECT_EQ(media.status, 415);
}

}  // namespace
}  // namespace kg::server::testing
