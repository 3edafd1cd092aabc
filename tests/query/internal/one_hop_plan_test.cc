// Which one-hop statements the planner gives the names Expand
// (MatchRules::one_hop_name: the step's name_slot is set and the RETURN
// takes its item as the match wrote it). The rows are compared with the
// general plan's in tests/query/cases/one_hop_names.test.
#include <gtest/gtest.h>

#include "query/internal/binder.h"
#include "query/internal/executor.h"
#include "query/internal/parser.h"

namespace kg::query::internal {
namespace {

// Whether the statement's first pipeline has an Expand step writing names.
bool NamesExpand(const std::string& text) {
  SourceText src;
  src.text = text;
  Result<Statement> syntax = Parse(src);
  EXPECT_TRUE(syntax.ok()) << syntax.status().ToString();
  if (!syntax.ok()) return false;
  Result<BoundStatement> bound = Bind(src, *syntax);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  if (!bound.ok()) return false;
  ProcedureRegistry procs = ProcedureRegistry::WithBuiltins();
  Result<std::unique_ptr<Plan>> plan = BuildPlan(src, *bound, procs);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  if (!plan.ok()) return false;
  for (const auto& op : (*plan)->pipelines[0].ops) {
    const MatchPlan* m = op->access_plan();
    if (m == nullptr) continue;
    for (const MatchStep& s : m->steps)
      if (s.kind == StepKind::kExpand && s.name_slot >= 0) return true;
  }
  return false;
}

TEST(OneHopPlanTest, TheFarEndsNameAloneIsWrittenByTheExpand) {
  EXPECT_TRUE(NamesExpand("MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name"));
  EXPECT_TRUE(NamesExpand("MATCH (a {name: 'A'})-->(b) RETURN DISTINCT b.name AS n LIMIT 3"));
  EXPECT_TRUE(NamesExpand("MATCH (b)-->(a {name: 'A'}) RETURN b.name"));
  EXPECT_TRUE(NamesExpand("MATCH (a {name: 'A'})--(b:Pr {tier: 1}) WITH b.name AS n RETURN n"));
  EXPECT_TRUE(NamesExpand("UNWIND ['A'] AS x MATCH (a {name: x})--(b) RETURN b.name"));
}

TEST(OneHopPlanTest, AnythingElseTakesTheGeneralPlan) {
  for (const char* text : {
           "MATCH (a {name: 'A'})-[r]-(b) RETURN b.name",             // named relationship
           "MATCH (a {name: 'A'})-[:R {w: 1}]-(b) RETURN b.name",     // relationship properties
           "MATCH (a {name: 'A'})--(b) WHERE b.x = 1 RETURN b.name",  // WHERE
           "OPTIONAL MATCH (a {name: 'A'})--(b) RETURN b.name",       // OPTIONAL
           "MATCH (a {name: 'A'})--(b) RETURN b.name, a.name",        // a second item
           "MATCH (a {name: 'A'})--(b) RETURN b.name ORDER BY b.name",
           "MATCH (a {name: 'A'})--(b) RETURN count(b.name)",
           "MATCH (a {name: 'A'})--(b) RETURN a.name",  // the start's name
           "MATCH (a {name: 'A'})--(b) RETURN b.tier",
           "MATCH (a {name: 'A'})-[*1..2]-(b) RETURN b.name",
           "MATCH (a {name: 'A'})--(b)--(c) RETURN c.name",
           "MATCH p = (a {name: 'A'})--(b) RETURN b.name",
           "MATCH (a {name: 'A'})--(b) WHERE id(b) = 3 RETURN b.name",  // id hint
           "MATCH (a {name: 'A'}) MATCH (a)--(b) RETURN b.name, a",
       })
    EXPECT_FALSE(NamesExpand(text)) << text;
}

}  // namespace
}  // namespace kg::query::internal
