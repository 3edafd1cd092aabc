// The explorer's suggestion index is built in the background by kg serve
// (server/internal/cache_warmer.h): ready after the start without any
// suggestion asked for, used by the first one (no second build), and built
// again after a commit, which the next suggestion then finds. Observed
// through GET /v1/stats' "suggest_index" (no timings: the waits are bounded
// polls).
#include <stdlib.h>

#include <chrono>
#include <string>
#include <thread>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/server/server_test_util.h"

namespace kg::server::testing {
namespace {

constexpr char kToken[] = "s3cret-warmup";

// A member of GET /v1/stats' answer (null when absent).
Value StatsMember(const ServerProcess& server, const char* key) {
  HttpReply r = GetWithParams(server, "/v1/stats", {});
  if (r.status != 200) return Value();
  return JsonMember(r.body, key);
}
Value IndexState(const ServerProcess& server) { return StatsMember(server, "suggest_index"); }

int64_t Field(const Value& state, const std::string& key) {
  if (!state.is_map() || !state.as_map().contains(key)) return -1;
  const Value& v = state.as_map().at(key);
  if (v.is_bool()) return v.as_bool() ? 1 : 0;
  return v.is_int() ? v.as_int() : -1;
}

// Polls (at most ~60 s) until `done` holds for the index state; returns the last state.
template <typename Pred>
Value WaitForIndex(const ServerProcess& server, Pred done) {
  Value state;
  for (int i = 0; i < 1200; ++i) {
    state = IndexState(server);
    if (done(state)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return state;
}

std::string Names(const HttpReply& reply) {
  Value list = JsonMember(reply.body, "suggestions");
  std::string out;
  if (!list.is_list()) return out;
  for (const Value& s : list.as_list()) {
    const Value& name = s.as_map().at("name");
    out += (name.is_string() ? name.as_string() : "null") + ";";
  }
  return out;
}

class ExplorerWarmupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.path() + "/db";
    LoadBundledDataset(db_);
    if (HasFatalFailure()) return;
    WritePrivateFile(dir_.path() + "/token", std::string(kToken) + "\n");
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ExplorerWarmupTest, TheIndexIsReadyAfterTheStartAndUsedByTheFirstSuggestion) {
  ServerProcess server(db_, {});
  ASSERT_TRUE(server.ok());
  Value state = WaitForIndex(server, [](const Value& s) { return Field(s, "ready") == 1; });
  ASSERT_EQ(Field(state, "ready"), 1) << "no index 60 s after the start";
  EXPECT_EQ(Field(state, "builds"), 1);
  EXPECT_EQ(Field(state, "unsupported"), 0);
  Value stats = ParseJson(GetWithParams(server, "/v1/stats", {}).body).value();
  EXPECT_EQ(Field(state, "entries"), stats.as_map().at("entities").as_int());

  HttpReply r = GetWithParams(server, "/v1/suggest", {"q=xiaomi"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Names(r).rfind("Xiaomi;", 0), 0u) << r.body;
  state = IndexState(server);
  EXPECT_EQ(Field(state, "builds"), 1) << "the first suggestion built another index";
  EXPECT_EQ(Field(state, "sequence"), Field(IndexState(server), "sequence"));
}

TEST_F(ExplorerWarmupTest, ACommitIsIndexedBeforeTheNextSuggestion) {
  ServerProcess server(db_, {"--token-file", dir_.path() + "/token"});
  ASSERT_TRUE(server.ok());
  Value first = WaitForIndex(server, [](const Value& s) { return Field(s, "ready") == 1; });
  ASSERT_EQ(Field(first, "ready"), 1);
  HttpReply none = GetWithParams(server, "/v1/suggest", {"q=zzwarmup"});
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(Names(none), "");

  HttpReply write = PostQuery(server, "CREATE (:Company {name: 'Zzwarmup Holdings'})", kToken);
  ASSERT_EQ(write.status, 200) << write.body;
  const int64_t old_sequence = Field(first, "sequence");
  Value state = WaitForIndex(server, [&](const Value& s) {
    return Field(s, "builds") >= 2 && Field(s, "sequence") != old_sequence;
  });
  ASSERT_EQ(Field(state, "builds"), 2) << "no index of the new snapshot 60 s after the commit";
  EXPECT_EQ(Field(state, "entries"), Field(first, "entries") + 1);

  HttpReply found = GetWithParams(server, "/v1/suggest", {"q=zzwarmup"});
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(Names(found), "Zzwarmup Holdings;");
  EXPECT_EQ(Field(IndexState(server), "builds"), 2) << "the suggestion built the index itself";
}

// A database whose names the index cannot hold (a number among the
// aliases) is warmed without error and answered by the statement; the
// index is not tried again for the same snapshot on every keystroke.
TEST(ExplorerWarmupFallbackTest, ADatabaseTheIndexCannotHoldIsLeftToTheStatement) {
  TempDir dir;
  std::string db = dir.path() + "/db";
  ASSERT_EQ(RunCommand({KgBinary(), "--db", db, "init", "--ontology", "open"}).exit_code, 0);
  CommandResult created = RunCommand(
      {KgBinary(), "--db", db, "query", "CREATE (:T {name: 'Alpha', aliases: ['al', 7]})"});
  ASSERT_EQ(created.exit_code, 0) << created.out;
  ServerProcess server(db, {});
  ASSERT_TRUE(server.ok());
  Value state = WaitForIndex(server, [](const Value& s) { return Field(s, "unsupported") == 1; });
  ASSERT_EQ(Field(state, "unsupported"), 1) << "the warm-up did not try the index";
  EXPECT_EQ(Field(state, "ready"), 0);
  EXPECT_EQ(Field(state, "builds"), 0);
  for (int i = 0; i < 2; ++i) {
    HttpReply r = GetWithParams(server, "/v1/suggest", {"q=7"});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("\"alias\":7"), std::string::npos) << r.body;
  }
  state = IndexState(server);
  EXPECT_EQ(Field(state, "builds"), 0);
  EXPECT_EQ(Field(state, "unsupported"), 1);
}

// The topology copy is built at the start too; /v1/stats says what it holds.
TEST_F(ExplorerWarmupTest, StatsSayWhatTheTopologyCopyBuiltAtTheStartHolds) {
  ServerProcess server(db_, {});
  ASSERT_TRUE(server.ok());
  Value cache;
  for (int i = 0; i < 1200 && Field(cache, "held_bytes") <= 0; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cache = StatsMember(server, "topology_cache");
  }
  ASSERT_GT(Field(cache, "held_bytes"), 0) << "no copy 60 s after the start";
  EXPECT_EQ(Field(cache, "budget_bytes"), int64_t{1} << 30);
  EXPECT_GT(Field(cache, "estimate_bytes"), 0);
  EXPECT_LE(Field(cache, "held_bytes"), Field(cache, "budget_bytes"));
  EXPECT_EQ(server.Terminate(), 0);

  // The cache turned off (KG_TOPOLOGY_CACHE_MB, read by the child it starts).
  setenv("KG_TOPOLOGY_CACHE_MB", "0", 1);
  ServerProcess off(db_, {});
  unsetenv("KG_TOPOLOGY_CACHE_MB");
  ASSERT_TRUE(off.ok());
  cache = StatsMember(off, "topology_cache");
  EXPECT_EQ(Field(cache, "budget_bytes"), 0);
  EXPECT_EQ(Field(cache, "held_bytes"), 0);
}

}  // namespace
}  // namespace kg::server::testing
