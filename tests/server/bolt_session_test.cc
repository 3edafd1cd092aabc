// Bolt message exchanges against a real Service on a seeded store: the
// state machine (SUCCESS / RECORD / FAILURE / IGNORED), auth, batches,
// explicit transactions and the writer lock, errors as Neo4j codes.
#include "server/internal/bolt_session.h"

#include <deque>
#include <optional>
#include <thread>

#include "gtest/gtest.h"
#include "server/internal/bolt_wire.h"
#include "tests/server/server_test_util.h"

namespace kg::server::internal::bolt {
namespace {

constexpr char kToken[] = "t0ken";

// A request message: structure `tag` with these fields.
std::string Request(uint8_t tag, const ValueList& fields = {}, Version v = {5, 8}) {
  std::string out;
  PackWriter w(&out);
  w.StructHeader(fields.size(), tag);
  for (const auto& f : fields) w.Value(f, v);
  return out;
}

std::string RunMsg(const std::string& query, ValueMap params = {}, ValueMap extra = {}) {
  return Request(kRun, {Value(query), Value(std::move(params)), Value(std::move(extra))});
}
std::string Pull(int64_t n, int64_t qid = -1) {
  return Request(kPull, {Value(ValueMap{{"n", Value(n)}, {"qid", Value(qid)}})});
}
ValueMap Basic(const std::string& password) {
  return {
      {"scheme", Value("basic")}, {"principal", Value("neo4j")}, {"credentials", Value(password)}};
}

class BoltSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::SeedDatabase(dir_.path() + "/db");
    auto db = kg::session::Session::Open(dir_.path() + "/db", {});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    options_.token = kToken;
    options_.limits.query_timeout_seconds = 5;
  }
  void Start() {
    service_ = std::make_unique<Service>(*db_, options_);
    backend_ = std::make_unique<Backend>(*service_);
  }
  std::unique_ptr<Session> NewSession(Version v = {5, 8}) {
    return std::make_unique<Session>(*backend_, v, "bolt-test", "127.0.0.1:7687");
  }
  // Sends one request; the decoded responses. `*open` says whether the
  // connection stays open.
  std::vector<Message> Send(Session& s, const std::string& request, bool* open = nullptr) {
    std::string out;
    bool keep = s.Handle(request, &out);
    if (open != nullptr) *open = keep;
    MessageAssembler assembler(SIZE_MAX);
    assembler.Feed(out);
    std::vector<Message> got;
    while (true) {
      auto next = assembler.Next();
      EXPECT_TRUE(next.ok());
      if (!next.ok() || !next->has_value()) break;
      auto m = DecodeMessage(**next);
      EXPECT_TRUE(m.ok()) << m.status().ToString();
      if (m.ok()) got.push_back(std::move(m).value());
    }
    return got;
  }
  // HELLO and LOGON with the right token.
  std::unique_ptr<Session> LoggedIn(Version v = {5, 8}) {
    auto s = NewSession(v);
    ValueMap hello = {{"user_agent", Value("test/1")}};
    if (!v.AtLeast(5, 1)) hello.merge(Basic(kToken));
    EXPECT_EQ(Send(*s, Request(kHello, {Value(hello)}, v))[0].tag, kSuccess);
    if (v.AtLeast(5, 1)) {
      EXPECT_EQ(Send(*s, Request(kLogon, {Value(Basic(kToken))}, v))[0].tag, kSuccess);
    }
    return s;
  }
  // RUN + PULL all: the rows, or the failure's code.
  std::vector<ValueList> Query(Session& s, const std::string& text, std::string* code = nullptr) {
    std::vector<ValueList> rows;
    auto run = Send(s, RunMsg(text));
    if (run[0].tag != kSuccess) {
      if (code != nullptr) *code = Meta(run[0], "code").as_string();
      Send(s, Request(kReset));
      return rows;
    }
    for (const auto& m : Send(s, Pull(-1)))
      if (m.tag == kRecord) rows.push_back(m.fields[0].as_list());
    return rows;
  }
  int64_t CountCompanies(Session& s, const std::string& name) {
    return Query(s, "MATCH (c:Company {name: '" + name + "'}) RETURN count(c)")[0][0].as_int();
  }
  static Value Meta(const Message& m, const std::string& key) {
    if (m.fields.empty() || !m.fields[0].is_map()) return Value();
    auto it = m.fields[0].as_map().find(key);
    if (it != m.fields[0].as_map().end()) return it->second;
    // Bolt 5.7+ FAILURE: "code" is "neo4j_code".
    if (key == "code") return Meta(m, "neo4j_code");
    return Value();
  }

  testing::TempDir dir_;
  std::unique_ptr<kg::session::Session> db_;
  ServerOptions options_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<Backend> backend_;
};

TEST_F(BoltSessionTest, HelloLogonRunPullInBatches) {
  Start();
  auto s = NewSession();
  auto hello = Send(*s, Request(kHello, {Value(ValueMap{{"user_agent", Value("t/1")}})}));
  ASSERT_EQ(hello.size(), 1u);
  EXPECT_EQ(hello[0].tag, kSuccess);
  EXPECT_EQ(Meta(hello[0], "server").as_string().rfind("Neo4j/5", 0), 0u);
  EXPECT_EQ(Send(*s, Request(kLogon, {Value(Basic(kToken))}))[0].tag, kSuccess);
  auto run = Send(*s, RunMsg("MATCH (c:Company) RETURN c.name AS name ORDER BY name"));
  ASSERT_EQ(run[0].tag, kSuccess);
  EXPECT_EQ(Meta(run[0], "fields"), Value(ValueList{Value("name")}));
  auto first = Send(*s, Pull(3));
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[0].tag, kRecord);
  EXPECT_EQ(first[0].fields[0], Value(ValueList{Value("AMD")}));
  EXPECT_EQ(Meta(first[3], "has_more"), Value(true));
  auto rest = Send(*s, Pull(-1));
  ASSERT_EQ(rest.size(), 2u);  // Xiaomi, then the summary
  EXPECT_EQ(rest[0].fields[0], Value(ValueList{Value("Xiaomi")}));
  EXPECT_EQ(Meta(rest[1], "has_more"), Value());
  EXPECT_EQ(Meta(rest[1], "type"), Value("r"));
  EXPECT_TRUE(Meta(rest[1], "bookmark").is_string());
  // READY again: a second query works on the same connection.
  EXPECT_EQ(CountCompanies(*s, "NVIDIA"), 1);
}

TEST_F(BoltSessionTest, DiscardSkipsRowsWithoutRecords) {
  Start();
  auto s = LoggedIn();
  Send(*s, RunMsg("UNWIND range(1, 10) AS i RETURN i"));
  auto d = Send(*s, Request(kDiscard, {Value(ValueMap{{"n", Value(4)}})}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(Meta(d[0], "has_more"), Value(true));
  auto p = Send(*s, Pull(1));
  EXPECT_EQ(p[0].fields[0], Value(ValueList{Value(5)}));
  auto all = Send(*s, Request(kDiscard, {Value(ValueMap{{"n", Value(-1)}})}));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].tag, kSuccess);
}

TEST_F(BoltSessionTest, FailureThenIgnoredUntilReset) {
  Start();
  auto s = LoggedIn();
  auto run = Send(*s, RunMsg("MATCH (n:Company RETURN n"));
  ASSERT_EQ(run[0].tag, kFailure);
  EXPECT_EQ(Meta(run[0], "neo4j_code"), Value("Neo.ClientError.Statement.SyntaxError"));
  EXPECT_EQ(Meta(run[0], "gql_status"), Value("42001"));
  Value record = Meta(run[0], "diagnostic_record");
  Value position = record.as_map().at("_position");
  EXPECT_EQ(position.as_map().at("line"), Value(1));
  EXPECT_EQ(position.as_map().at("column"), Value(18));
  EXPECT_EQ(position.as_map().at("offset"), Value(17));
  EXPECT_EQ(Send(*s, Pull(-1))[0].tag, kIgnored);
  EXPECT_EQ(Send(*s, RunMsg("RETURN 1"))[0].tag, kIgnored);
  EXPECT_EQ(Send(*s, Request(kReset))[0].tag, kSuccess);
  EXPECT_EQ(Query(*s, "RETURN 1")[0][0], Value(1));
}

TEST_F(BoltSessionTest, Bolt44TakesCredentialsInHelloAndSaysCode) {
  Start();
  auto s = LoggedIn({4, 4});
  std::string out;
  s->Handle(RunMsg("RETURN 1 + 'a' - 1"), &out);
  MessageAssembler a(SIZE_MAX);
  a.Feed(out);
  auto failure = DecodeMessage(**a.Next());
  ASSERT_TRUE(failure.ok());
  EXPECT_EQ(failure->tag, kFailure);
  EXPECT_EQ(failure->fields[0].as_map().at("code"), Value("Neo.ClientError.Statement.TypeError"));
  EXPECT_EQ(failure->fields[0].as_map().count("neo4j_code"), 0u);
}

TEST_F(BoltSessionTest, WrongPasswordFailsAndCloses) {
  Start();
  auto s = NewSession();
  Send(*s, Request(kHello, {Value(ValueMap{})}));
  bool open = true;
  auto logon = Send(*s, Request(kLogon, {Value(Basic("nope"))}), &open);
  EXPECT_EQ(logon[0].tag, kFailure);
  EXPECT_EQ(Meta(logon[0], "code"), Value("Neo.ClientError.Security.Unauthorized"));
  EXPECT_FALSE(open);
}

TEST_F(BoltSessionTest, AnonymousReadsButNoWrites) {
  Start();
  auto s = NewSession();
  Send(*s, Request(kHello, {Value(ValueMap{})}));
  EXPECT_EQ(Send(*s, Request(kLogon, {Value(ValueMap{{"scheme", Value("none")}})}))[0].tag,
            kSuccess);
  EXPECT_EQ(CountCompanies(*s, "AMD"), 1);
  std::string code;
  Query(*s, "CREATE (:Company {name: 'X'})", &code);
  EXPECT_EQ(code, "Neo.ClientError.Security.Forbidden");
}

TEST_F(BoltSessionTest, ReadOnlyServerRefusesWritesWithNeo4jsCode) {
  options_.read_only = true;
  Start();
  auto s = LoggedIn();
  std::string code;
  Query(*s, "CREATE (:Company {name: 'X'})", &code);
  EXPECT_EQ(code, "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase");
}

TEST_F(BoltSessionTest, ReadModeRefusesWrites) {
  Start();
  auto s = LoggedIn();
  auto run = Send(*s, RunMsg("CREATE (:Company {name: 'X'})", {}, {{"mode", Value("r")}}));
  EXPECT_EQ(Meta(run[0], "code"), Value("Neo.ClientError.Statement.AccessMode"));
}

TEST_F(BoltSessionTest, RollbackLeavesNothingCommitKeepsIt) {
  Start();
  auto s = LoggedIn();
  for (bool commit : {false, true}) {
    EXPECT_EQ(Send(*s, Request(kBegin, {Value(ValueMap{})}))[0].tag, kSuccess);
    auto run = Send(*s, RunMsg("CREATE (c:Company {name: 'Biren'}) RETURN c.name"));
    ASSERT_EQ(run[0].tag, kSuccess);
    EXPECT_EQ(Meta(run[0], "qid"), Value(0));
    EXPECT_EQ(Send(*s, Pull(-1)).size(), 2u);
    // Inside, the transaction sees its own write.
    Send(*s, RunMsg("MATCH (c:Company {name: 'Biren'}) RETURN count(c)"));
    EXPECT_EQ(Send(*s, Pull(-1, 1))[0].fields[0], Value(ValueList{Value(1)}));
    auto end = Send(*s, Request(commit ? kCommit : kRollback));
    ASSERT_EQ(end[0].tag, kSuccess);
    EXPECT_EQ(Meta(end[0], "bookmark").is_string(), commit);
    EXPECT_EQ(CountCompanies(*s, "Biren"), commit ? 1 : 0);
  }
}

TEST_F(BoltSessionTest, TheSummaryOfAWriteCarriesItsCountersAsNeo4jNamesThem) {
  Start();
  auto s = LoggedIn();
  ASSERT_EQ(
      Send(*s, RunMsg("CREATE (a:Company {name: 'Biren', description: 'GPUs'})-[:COMPETES_WITH]->"
                      "(b:Company {name: 'Iluvatar'}) RETURN a.name"))[0]
          .tag,
      kSuccess);
  auto pulled = Send(*s, Pull(-1));
  ASSERT_EQ(pulled.size(), 2u);
  ValueMap want = {{"nodes-created", Value(2)},
                   {"relationships-created", Value(1)},
                   {"properties-set", Value(3)},
                   {"labels-added", Value(2)},
                   {"contains-updates", Value(true)}};
  EXPECT_EQ(Meta(pulled[1], "stats"), Value(want));
  // Inside an explicit transaction each statement has its own counters,
  // also when its result is discarded.
  Send(*s, Request(kBegin, {Value(ValueMap{})}));
  Send(*s, RunMsg("MATCH (c:Company {name: 'Iluvatar'}) DETACH DELETE c"));
  auto discarded = Send(*s, Request(kDiscard, {Value(ValueMap{{"n", Value(-1)}})}));
  EXPECT_EQ(Meta(discarded[0], "stats"), Value(ValueMap{{"nodes-deleted", Value(1)},
                                                        {"relationships-deleted", Value(1)},
                                                        {"contains-updates", Value(true)}}));
  Send(*s, Request(kCommit));
  // A read has no stats.
  Send(*s, RunMsg("RETURN 1"));
  EXPECT_EQ(Meta(Send(*s, Pull(-1))[1], "stats"), Value());
}

TEST_F(BoltSessionTest, WriteTransactionHoldsTheWriterLockUntilItEnds) {
  options_.limits.query_timeout_seconds = 0.2;  // also the wait for the lock
  Start();
  auto a = LoggedIn();
  auto b = LoggedIn();
  Send(*a, Request(kBegin, {Value(ValueMap{})}));
  Send(*a, RunMsg("CREATE (:Company {name: 'Held'})"));
  Send(*a, Pull(-1));
  std::string code;
  Query(*b, "CREATE (:Company {name: 'Waiting'})", &code);
  EXPECT_EQ(code, "Neo.TransientError.Transaction.LockAcquisitionTimeout");
  EXPECT_EQ(CountCompanies(*b, "Held"), 0);  // reads go on, uncommitted work unseen
  Send(*a, Request(kCommit));
  EXPECT_EQ(Query(*b, "CREATE (:Company {name: 'Waiting'}) RETURN 1").size(), 1u);
}

TEST_F(BoltSessionTest, ExpiredTransactionIsRolledBackAndReported) {
  Start();
  auto a = LoggedIn();
  Send(*a, Request(kBegin, {Value(ValueMap{})}));
  Send(*a, RunMsg("CREATE (:Company {name: 'Late'})"));
  Send(*a, Pull(-1));
  a->ExpireTransaction(std::chrono::steady_clock::now() + std::chrono::hours(1));
  auto b = LoggedIn();  // the lock is free again
  EXPECT_EQ(Query(*b, "CREATE (:Company {name: 'Next'}) RETURN 1").size(), 1u);
  auto commit = Send(*a, Request(kCommit));
  EXPECT_EQ(Meta(commit[0], "code"), Value("Neo.ClientError.Transaction.TransactionTimedOut"));
  Send(*a, Request(kReset));
  EXPECT_EQ(CountCompanies(*a, "Late"), 0);
}

TEST_F(BoltSessionTest, ProtocolViolationsCloseTheConnection) {
  Start();
  bool open = true;
  auto s = NewSession();
  EXPECT_EQ(Send(*s, RunMsg("RETURN 1"), &open)[0].tag, kFailure);  // RUN before HELLO
  EXPECT_FALSE(open);
  auto t = LoggedIn();
  // PULL or DISCARD with nothing open (drivers send a DISCARD after their
  // own RESET has closed the result): FAILURE, FAILED until RESET, as Neo4j.
  auto pull = Send(*t, Pull(-1), &open);
  EXPECT_EQ(Meta(pull[0], "code"), Value("Neo.ClientError.Request.Invalid"));
  EXPECT_TRUE(open);
  EXPECT_EQ(Send(*t, RunMsg("RETURN 1"))[0].tag, kIgnored);
  EXPECT_EQ(Send(*t, Request(kReset))[0].tag, kSuccess);
  EXPECT_EQ(CountCompanies(*t, "NVIDIA"), 1);
  auto u = LoggedIn();
  EXPECT_TRUE(Send(*u, Request(kGoodbye), &open).empty());
  EXPECT_FALSE(open);
}

TEST_F(BoltSessionTest, RouteAnswersWithThisServerInEveryRole) {
  Start();
  auto s = LoggedIn();
  auto route = Send(*s, Request(kRoute, {Value(ValueMap{{"address", Value("localhost:7687")}}),
                                         Value(ValueList{}), Value(ValueMap{})}));
  ASSERT_EQ(route[0].tag, kSuccess);
  Value rt_value = Meta(route[0], "rt");
  const ValueMap& rt = rt_value.as_map();
  EXPECT_EQ(rt.at("db"), Value("neo4j"));
  ASSERT_EQ(rt.at("servers").as_list().size(), 3u);
  for (const auto& server : rt.at("servers").as_list())
    EXPECT_EQ(server.as_map().at("addresses"), Value(ValueList{Value("localhost:7687")}));
}

TEST_F(BoltSessionTest, ParametersOfTypesKgLacksAreTypeErrors) {
  Start();
  auto s = LoggedIn();
  std::string run = Request(kRun, {Value("RETURN $p"), Value(ValueMap{}), Value(ValueMap{})});
  // Replace the empty parameter map (A0) by {"p": Point2D(...)}: B3 58 ...
  std::string point = std::string("\xA1\x81p\xB3\x58\x01\x01\x01", 8);
  run.replace(run.find('\xA0'), 1, point);
  auto reply = Send(*s, run);
  EXPECT_EQ(Meta(reply[0], "code"), Value("Neo.ClientError.Statement.TypeError"));
}

// kg's own options ride in tx_metadata: RUN's for an auto-commit statement,
// BEGIN's for a whole transaction; other keys are the application's.
TEST_F(BoltSessionTest, TheScopeComesFromTxMetadata) {
  Start();
  auto s = LoggedIn();
  ASSERT_EQ(
      Query(*s,
            "MATCH (a:Company {name: 'NVIDIA'}), (b:Company {name: 'Xiaomi'}) "
            "CREATE (a)-[:COMPETES_WITH {valid_from: date('2025-01-01'), confidence: 0.4}]->(b) "
            "RETURN 1")
          .size(),
      1u);
  const std::string rivals =
      "MATCH (:Company {name: 'NVIDIA'})-[:COMPETES_WITH]->(c) RETURN c.name AS n ORDER BY n";
  auto names = [&](ValueMap metadata, bool in_tx) {
    std::vector<std::string> out;
    ValueMap extra;
    if (!metadata.empty()) extra["tx_metadata"] = Value(std::move(metadata));
    std::vector<Message> run;
    if (in_tx) {
      auto begin = Send(*s, Request(kBegin, {Value(extra)}));
      if (begin[0].tag != kSuccess)
        return std::vector<std::string>{Meta(begin[0], "message").as_string()};
      run = Send(*s, RunMsg(rivals));
    } else {
      run = Send(*s, RunMsg(rivals, {}, extra));
    }
    if (run[0].tag != kSuccess) {
      out.push_back(Meta(run[0], "code").as_string() + ": " + Meta(run[0], "message").as_string());
      Send(*s, Request(kReset));
      return out;
    }
    for (const auto& m : Send(*s, Pull(-1)))
      if (m.tag == kRecord) out.push_back(m.fields[0].as_list()[0].as_string());
    if (in_tx) Send(*s, Request(kCommit));
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(names({}, false), (Names{"AMD", "Huawei", "Xiaomi"}));
  EXPECT_EQ(names({{"validAt", Value("2024-06-01")}, {"app", Value("ignored")}}, false),
            (Names{"AMD", "Huawei"}));
  EXPECT_EQ(names({{"minConfidence", Value(0.5)}}, false), (Names{"AMD", "Huawei"}));
  // Date(20120) is 2025-02-01, given as a Bolt Date.
  EXPECT_EQ(names({{"validAt", Value(Date(20120))}}, true), (Names{"AMD", "Huawei", "Xiaomi"}));
  EXPECT_EQ(names({{"asOf", Value("2024-12-31")}}, true), (Names{"AMD", "Huawei"}));
  Names bad = names({{"validAt", Value("yesterday")}}, false);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("Neo.ClientError.Request.Invalid: tx_metadata: validAt"), std::string::npos)
      << bad[0];
  bad = names({{"minConfidence", Value(2)}}, false);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("min_confidence"), std::string::npos) << bad[0];
  bad = names({{"strict", Value("yes")}}, false);
  EXPECT_NE(bad[0].find("strict must be a boolean"), std::string::npos) << bad[0];
  // strict from tx_metadata makes a warning an error.
  auto strict = Send(*s, RunMsg("MATCH (n:Compny) RETURN n", {},
                                {{"tx_metadata", Value(ValueMap{{"strict", Value(true)}})}}));
  EXPECT_EQ(Meta(strict[0], "code"), Value("Neo.ClientError.Statement.UnknownLabelWarning"));
}

// What BoltFront gives a session: requests queued in advance, and what the
// session sent while a result streamed.
class FakeConnection : public Connection {
 public:
  std::deque<std::string> requests;
  std::string sent;
  std::optional<std::string> NextRequest(double) override {
    if (requests.empty()) return std::nullopt;
    std::string next = std::move(requests.front());
    requests.pop_front();
    return next;
  }
  bool Send(std::string* out) override {
    sent += *out;
    out->clear();
    return true;
  }
  bool closed() const override { return false; }
};

std::vector<Message> Decode(const std::string& bytes) {
  MessageAssembler assembler(SIZE_MAX);
  assembler.Feed(bytes);
  std::vector<Message> got;
  while (true) {
    auto next = assembler.Next();
    if (!next.ok() || !next->has_value()) break;
    auto m = DecodeMessage(**next);
    if (m.ok()) got.push_back(std::move(m).value());
  }
  return got;
}

std::vector<int64_t> Ints(const std::vector<Message>& messages) {
  std::vector<int64_t> out;
  for (const auto& m : messages)
    if (m.tag == kRecord) out.push_back(m.fields[0].as_list()[0].as_int());
  return out;
}

TEST_F(BoltSessionTest, AReadStreamsBatchByBatchTakingRequestsFromTheConnection) {
  Start();
  auto s = LoggedIn();
  FakeConnection connection;
  s->set_connection(&connection);
  auto run = Send(*s, RunMsg("UNWIND range(1, 10) AS i RETURN i"));
  ASSERT_EQ(run[0].tag, kSuccess);
  EXPECT_EQ(Meta(run[0], "fields"), Value(ValueList{Value("i")}));
  connection.requests = {Pull(4), Request(kDiscard, {Value(ValueMap{{"n", Value(2)}})}),
                         Request(kDiscard, {Value(ValueMap{{"n", Value(-1)}})})};
  auto last = Send(*s, Pull(3));
  std::vector<Message> streamed = Decode(connection.sent);
  EXPECT_EQ(Ints(streamed), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
  int has_more = 0;
  for (const auto& m : streamed) has_more += Meta(m, "has_more") == Value(true);
  EXPECT_EQ(has_more, 3);      // after 3, after 7, after the 2 skipped
  ASSERT_EQ(last.size(), 1u);  // the final SUCCESS answers the last DISCARD
  EXPECT_EQ(last[0].tag, kSuccess);
  EXPECT_TRUE(Meta(last[0], "bookmark").is_string());
  EXPECT_TRUE(connection.requests.empty());
  EXPECT_EQ(CountCompanies(*s, "NVIDIA"), 1);  // READY again
  // PULL all at once: every row, then the summary, in the reply.
  connection.sent.clear();
  Send(*s, RunMsg("UNWIND range(1, 5) AS i RETURN i"));
  auto all = Send(*s, Pull(-1));
  EXPECT_EQ(Ints(all), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(all.back().tag, kSuccess);
}

TEST_F(BoltSessionTest, AResetWhileAResultStreamsEndsItAndIsAnswered) {
  Start();
  auto s = LoggedIn();
  FakeConnection connection;
  s->set_connection(&connection);
  Send(*s, RunMsg("UNWIND range(1, 100) AS i RETURN i"));
  connection.requests = {Request(kReset)};
  auto reply = Send(*s, Pull(2));
  EXPECT_EQ(Ints(Decode(connection.sent)), (std::vector<int64_t>{1, 2}));
  ASSERT_EQ(reply.size(), 1u);
  EXPECT_EQ(reply[0].tag, kSuccess);  // RESET's
  // The driver's DISCARD for the batch it had in flight: the result is gone.
  EXPECT_EQ(Send(*s, Request(kDiscard, {Value(ValueMap{{"n", Value(-1)}})}))[0].tag, kSuccess);
  EXPECT_EQ(CountCompanies(*s, "NVIDIA"), 1);
  // A RUN while a result is open is a protocol violation, as without streaming.
  Send(*s, RunMsg("UNWIND range(1, 100) AS i RETURN i"));
  connection.requests = {RunMsg("RETURN 1")};
  bool open = true;
  auto violation = Send(*s, Pull(1), &open);
  EXPECT_FALSE(open);
  EXPECT_EQ(violation.back().tag, kFailure);
}

TEST_F(BoltSessionTest, TheInterruptFlagStopsARunningStatementAndResetAnswers) {
  Start();
  auto s = LoggedIn();
  FakeConnection connection;
  s->set_connection(&connection);
  const std::string slow =
      "UNWIND range(1, 10000) AS i UNWIND range(1, 10000) AS j WITH i WHERE i < 0 RETURN i";
  for (bool in_tx : {false, true}) {
    SCOPED_TRACE(in_tx ? "in a transaction" : "auto-commit");
    if (in_tx) {
      ASSERT_EQ(Send(*s, Request(kBegin, {Value(ValueMap{})}))[0].tag, kSuccess);
    }
    std::vector<Message> reply;
    // The reader raises the flag from its own thread when a RESET comes;
    // whether before or while the statement runs, it is IGNORED.
    std::thread reader([&] { s->interrupt().store(true); });
    if (in_tx) {
      reply = Send(*s, RunMsg(slow));
    } else {
      ASSERT_EQ(Send(*s, RunMsg(slow))[0].tag, kSuccess);
      reply = Send(*s, Pull(-1));
    }
    reader.join();
    ASSERT_EQ(reply.size(), 1u);
    EXPECT_EQ(reply[0].tag, kIgnored);
    EXPECT_EQ(Send(*s, RunMsg("RETURN 1"))[0].tag, kIgnored);  // FAILED until the RESET
    EXPECT_EQ(Send(*s, Request(kReset))[0].tag, kSuccess);
    EXPECT_FALSE(s->interrupt().load());
    EXPECT_EQ(CountCompanies(*s, "NVIDIA"), 1);
  }
}

TEST_F(BoltSessionTest, AResultNotPulledWithinTheTimeoutIsClosed) {
  options_.limits.query_timeout_seconds = 0.3;
  Start();
  auto s = LoggedIn();
  FakeConnection connection;  // no request comes
  s->set_connection(&connection);
  Send(*s, RunMsg("UNWIND range(1, 100) AS i RETURN i"));
  EXPECT_TRUE(Send(*s, Pull(5)).empty());  // five records and has_more went out
  EXPECT_EQ(Ints(Decode(connection.sent)).size(), 5u);
  auto late = Send(*s, Pull(5));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(Meta(late[0], "code"), Value("Neo.ClientError.Transaction.TransactionTimedOut"));
  EXPECT_EQ(Send(*s, Request(kReset))[0].tag, kSuccess);
  EXPECT_EQ(CountCompanies(*s, "NVIDIA"), 1);
}

}  // namespace
}  // namespace kg::server::internal::bolt
