// The scope of a call (session::Scope): the two clocks and min-confidence,
// applied the same way by Run, procedures, Lookup, Export, RenderEgo and
// Analyze.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/api/session_test_util.h"

namespace kg::session {
namespace {

// A's four relations: a supply valid in the first half of 2025 and said on
// 2025-07-16 (confidence 0.9); a partnership said on 2024-03-01 (0.5); a
// rivalry with D undated but from source s1, published in February 2025; a
// rivalry with B with neither date nor source (a hand-entered fact).
constexpr char kSeed[] =
    "CREATE (a:Company {name: 'A'}), (b:Company {name: 'B'}), (c:Company {name: 'C'}), "
    "(d:Company {name: 'D'}), "
    "(a)-[:SUPPLIES {date: date('2025-07-16'), confidence: 0.9, "
    "valid_from: date('2025-01-01'), valid_to: date('2025-06-30')}]->(b), "
    "(a)-[:PARTNERS_WITH {date: date('2024-03-01'), confidence: 0.5}]->(c), "
    "(a)-[:COMPETES_WITH {source: 's1'}]->(d), (a)-[:COMPETES_WITH]->(b)";

class SessionScopeTest : public testing::SessionDbTest {
 protected:
  SessionScopeTest() : SessionDbTest(kSeed) {}

  void SetUp() override {
    SessionDbTest::SetUp();
    SourceDocument s1;
    s1.record.id = "s1";
    s1.record.published = "2025-02";
    s1.text = "A and D compete.";
    s1.record.sha256 = Session::Sha256Hex(s1.text);
    ASSERT_TRUE(db_->StoreSources({s1}).ok());
  }

  static Date Day(const char* text) { return Date::Parse(text).value(); }
  static Scope Valid(const char* day) {
    Scope s;
    s.valid_at = Day(day);
    return s;
  }
  static Scope Known(const char* day) {
    Scope s;
    s.known_at = Day(day);
    return s;
  }
  static Scope AsOf(const char* day) {
    Scope s;
    s.as_of = Day(day);
    return s;
  }
  static Scope Floor(double confidence) {
    Scope s;
    s.min_confidence = confidence;
    return s;
  }

  // How many of A's relations a statement follows under `scope`.
  int64_t Followed(const Scope& scope) {
    CallOptions options;
    options.scope = scope;
    auto r = db_->Run("MATCH ({name: 'A'})-[r]-() RETURN count(r)", options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->table.rows[0][0].as_int() : -1;
  }
};

TEST_F(SessionScopeTest, EachClockAndTheConfidenceFloorFilterRelations) {
  EXPECT_EQ(Followed({}), 4);
  EXPECT_EQ(Followed(Valid("2025-03-01")), 4);
  EXPECT_EQ(Followed(Valid("2025-08-01")), 3) << "the supply had ended";
  // Said by the end of 2024: the partnership and the undated fact; the
  // rivalry with D only once its source was out (February 2025 counts as
  // published by its last day).
  EXPECT_EQ(Followed(Known("2024-12-31")), 2);
  EXPECT_EQ(Followed(Known("2025-02-27")), 2);
  EXPECT_EQ(Followed(Known("2025-02-28")), 3);
  EXPECT_EQ(Followed(Known("2025-07-16")), 4);
  EXPECT_EQ(Followed(Floor(0.8)), 3) << "the partnership is only 0.5 sure";
  EXPECT_EQ(Followed(Floor(0.5)), 4);
}

TEST_F(SessionScopeTest, AsOfIsBothClocksAndAnExplicitClockWins) {
  // On 2025-05-01 the supply held but had not been said yet.
  EXPECT_EQ(Followed(AsOf("2025-05-01")), 3);
  Scope known_later = AsOf("2025-05-01");
  known_later.known_at = Day("2025-07-16");
  EXPECT_EQ(Followed(known_later), 4);
  Scope valid_later = AsOf("2025-07-16");
  valid_later.valid_at = Day("2025-08-01");
  EXPECT_EQ(Followed(valid_later), 3);
}

TEST_F(SessionScopeTest, AConfidenceOutsideZeroToOneIsRefused) {
  for (double bad : {1.5, -0.1}) {
    CallOptions options;
    options.scope.min_confidence = bad;
    auto r = db_->Run("MATCH ()-[r]->() RETURN r", options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("min_confidence"), std::string::npos);
  }
}

TEST_F(SessionScopeTest, KnownAtAndValidAtFunctionsFollowTheSameRules) {
  auto r = db_->Run(
      "MATCH ({name: 'A'})-[r:COMPETES_WITH]->({name: 'D'}) "
      "RETURN kg.knownAt(r, date('2025-02-01')), kg.knownAt(r, '2025-03-01'), "
      "kg.validAt(r, '1990-01-01')",
      {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.rows[0], (std::vector<Value>{Value(false), Value(true), Value(true)}));
  // Under a known-at scope the function reads the scope's source days; the
  // answers are the same.
  CallOptions scoped;
  scoped.scope.known_at = Day("2030-01-01");
  auto in_scope = db_->Run(
      "MATCH ({name: 'A'})-[r:COMPETES_WITH]->({name: 'D'}) "
      "RETURN kg.knownAt(r, date('2025-02-01')), kg.knownAt(r, '2025-03-01')",
      scoped);
  ASSERT_TRUE(in_scope.ok()) << in_scope.status().ToString();
  EXPECT_EQ(in_scope->table.rows[0], (std::vector<Value>{Value(false), Value(true)}));
  auto bad = db_->Run("MATCH ()-[r]->() RETURN kg.knownAt(r, 'soon')", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("soon"), std::string::npos);
}

TEST_F(SessionScopeTest, ProceduresSeeTheCallsScope) {
  CallOptions options;
  options.scope.min_confidence = 0.8;
  auto r = db_->Run(
      "CALL kg.degree() YIELD node, score WITH node, score WHERE node.name = 'A' RETURN score",
      options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.rows[0][0], Value(int64_t{3}));
  auto own = db_->Run(
      "CALL kg.degree({minConfidence: 0.95, knownAt: '2024-12-31'}) YIELD node, score "
      "WITH node, score WHERE node.name = 'A' RETURN score",
      {});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->table.rows[0][0], Value(int64_t{1})) << "only the undated, unsourced rivalry";
}

TEST_F(SessionScopeTest, LookupCountsOnlyRelationsInScope) {
  LookupLimits limits;
  limits.scope.known_at = Day("2024-12-31");
  auto found = db_->Lookup("A", limits);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  uint64_t total = 0;
  for (const auto& [type, n] : (*found)[0].type_counts) total += n;
  EXPECT_EQ(total, 2u);
  EXPECT_EQ((*found)[0].relations.size(), 2u);
}

TEST_F(SessionScopeTest, ExportOfTheWholeGraphKeepsEveryEntityAndRelationsInScope) {
  ExportRequest request;
  request.format = "jsonl";
  request.query_options.scope.valid_at = Day("2025-08-01");
  std::ostringstream out;
  auto counts = db_->Export(request, &out);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->entities, 4u);
  EXPECT_EQ(counts->relations, 3u);
  EXPECT_EQ(out.str().find("SUPPLIES"), std::string::npos);
}

TEST_F(SessionScopeTest, AnalyzeAndEgoFollowTheScope) {
  AnalyzeRequest analyze;
  analyze.algorithm = analytics::Algorithm::kDegree;
  analyze.scope.known_at = Day("2024-12-31");
  auto scores = db_->Analyze(analyze);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  bool saw_a = false;
  for (const auto& row : scores->table.rows) {
    if (!row[0].is_node() || row[0].as_node().name() != "A") continue;
    saw_a = true;
    ASSERT_TRUE(row.back().is_number());
    EXPECT_EQ(row.back().as_number(), 2.0);
  }
  EXPECT_TRUE(saw_a);

  EgoRequest ego;
  ego.name = "A";
  ego.scope.known_at = Day("2024-12-31");
  DrawRequest draw;
  draw.render.format = viz::Format::kDot;
  auto drawing = db_->RenderEgo(ego, draw);
  ASSERT_TRUE(drawing.ok()) << drawing.status().ToString();
  EXPECT_EQ(drawing->graph.relations.size(), 2u);
  EXPECT_EQ(drawing->graph.nodes.size(), 3u) << "A, B and C; D's rivalry was not yet said";
}

}  // namespace
}  // namespace kg::session
