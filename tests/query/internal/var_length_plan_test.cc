// Which variable-length statements the planner gives the counting BFS
// (VarLengthExpand(Count): MatchRules::count_slot, the RETURN takes the
// count as the match wrote it) and the names BFS (VarLengthExpand(Pruning)
// writing names: MatchRules::distinct_end_name). The rows are compared
// with the general plan's in tests/query/cases/var_length_ends.test and
// tests/query/var_length_ends_test.cc.
#include <gtest/gtest.h>

#include "query/internal/binder.h"
#include "query/internal/executor.h"
#include "query/internal/parser.h"

namespace kg::query::internal {
namespace {

// The kind of the statement's first var-length step and whether it writes
// a name or a count; kFilter when there is none.
struct VarStep {
  StepKind kind = StepKind::kFilter;
  bool names = false;
  bool count = false;
};

VarStep FirstVarStep(const std::string& text) {
  SourceText src;
  src.text = text;
  Result<Statement> syntax = Parse(src);
  EXPECT_TRUE(syntax.ok()) << syntax.status().ToString();
  if (!syntax.ok()) return {};
  Result<BoundStatement> bound = Bind(src, *syntax);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  if (!bound.ok()) return {};
  ProcedureRegistry procs = ProcedureRegistry::WithBuiltins();
  Result<std::unique_ptr<Plan>> plan = BuildPlan(src, *bound, procs);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  if (!plan.ok()) return {};
  for (const auto& op : (*plan)->pipelines[0].ops) {
    const MatchPlan* m = op->access_plan();
    if (m == nullptr) continue;
    for (const MatchStep& s : m->steps) {
      if (s.kind == StepKind::kVarExpand || s.kind == StepKind::kVarExpandPruning ||
          s.kind == StepKind::kVarExpandCount)
        return {s.kind, s.name_slot >= 0, s.count_slot >= 0};
    }
  }
  return {};
}

bool Counts(const std::string& text) {
  VarStep s = FirstVarStep(text);
  return s.kind == StepKind::kVarExpandCount && s.count;
}

TEST(VarLengthPlanTest, CountDistinctOfTheEndAloneIsCountedByTheBfs) {
  EXPECT_TRUE(Counts("MATCH (a {name: $name})-[*1..3]->(c) RETURN count(DISTINCT c)"));
  EXPECT_TRUE(Counts("MATCH (a {name: 'A'})-[*]->(c) RETURN count(DISTINCT c) AS n"));
  EXPECT_TRUE(Counts("MATCH (a {name: 'A'})<-[:R|S*0..2]-(c:Co) RETURN count(DISTINCT c)"));
  EXPECT_TRUE(Counts("MATCH (a {name: 'A'})-[*..4]-(c) RETURN count(DISTINCT c)"));
  EXPECT_TRUE(Counts("MATCH (c)-[*1..2]->(a {name: 'A'}) RETURN count(DISTINCT c)"));
  EXPECT_TRUE(Counts("MATCH (a:Co)-[*1..2]->(c) RETURN count(DISTINCT c)"));
  EXPECT_TRUE(Counts("MATCH (a)-[*1..2]->(c) WITH count(DISTINCT c) AS n RETURN n"));
  EXPECT_TRUE(
      Counts("MATCH (a {name: 'A'})-[*1..2]->(c) RETURN DISTINCT count(DISTINCT c) LIMIT 1"));
}

TEST(VarLengthPlanTest, AnythingElseCountsRowsAsBefore) {
  for (const char* text : {
           "MATCH (a {name: 'A'})-[*2..3]->(c) RETURN count(DISTINCT c)",     // min 2
           "MATCH (a {name: 'A'})-[r*1..3]->(c) RETURN count(DISTINCT c)",    // named
           "MATCH (a {name: 'A'})-[* {w: 1}]->(c) RETURN count(DISTINCT c)",  // properties
           "MATCH p = (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c)",
           "MATCH (a {name: 'A'})-[*1..3]->(c) WHERE c.x = 1 RETURN count(DISTINCT c)",
           "MATCH (a {name: 'A'})-[*1..3]->(c {x: 1}) RETURN count(DISTINCT c)",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(c)",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT a)",  // the start
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c.name)",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c) + 1 AS n",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c), a.name",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c) AS n ORDER BY n",
           "MATCH (a {name: 'A'})-[*1..3]->(c) WITH count(DISTINCT c) AS n WHERE n > 1 RETURN n",
           "OPTIONAL MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(DISTINCT c)",
           "MATCH (a {name: 'A'})-[*1..3]->(a) RETURN count(DISTINCT a)",
           "MATCH (a {name: 'A'}) MATCH (a)-[*1..3]->(c) RETURN count(DISTINCT c)",  // not first
           "UNWIND ['A', 'B'] AS x MATCH (a {name: x})-[*1..3]->(c) RETURN count(DISTINCT c)",
           "MATCH (a {name: 'A'})-[*1..3]->(c), (d) RETURN count(DISTINCT c)",
       })
    EXPECT_FALSE(Counts(text)) << text;
  // Those the distinct-ends rule allows still walk by BFS.
  EXPECT_EQ(
      FirstVarStep("MATCH (a {name: 'A'}) MATCH (a)-[*1..3]->(c) RETURN count(DISTINCT c)").kind,
      StepKind::kVarExpandPruning);
  EXPECT_EQ(FirstVarStep("MATCH (a {name: 'A'})-[*1..3]->(c) RETURN count(c)").kind,
            StepKind::kVarExpand);
}

TEST(VarLengthPlanTest, DistinctNameOfTheEndIsWrittenByTheBfs) {
  VarStep s = FirstVarStep("MATCH (a {name: 'A'})-[*1..3]->(c) RETURN DISTINCT c.name");
  EXPECT_EQ(s.kind, StepKind::kVarExpandPruning);
  EXPECT_TRUE(s.names);
  EXPECT_TRUE(
      FirstVarStep("MATCH (a {name: 'A'}) MATCH (a)-[*]-(c) RETURN DISTINCT c.name AS n").names);
  for (const char* text : {
           "MATCH (a {name: 'A'})-[*1..3]->(c) WHERE c.x = 1 RETURN DISTINCT c.name",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN c.name",  // not DISTINCT: trails count
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN DISTINCT c.name ORDER BY c.name",
           "MATCH (a {name: 'A'})-[*1..3]->(c) RETURN DISTINCT a.name",
           "MATCH (a {name: 'A'})-[*2..3]->(c) RETURN DISTINCT c.name",
       })
    EXPECT_FALSE(FirstVarStep(text).names) << text;
}

}  // namespace
}  // namespace kg::query::internal
