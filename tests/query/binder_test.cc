// The binder's output is its own form: binding a syntax tree (ast.h) gives a
// BoundStatement (bound.h) holding the slots, resolved catalog entries,
// aggregates, columns and sub-plans, and leaves the syntax tree exactly as
// the parser made it.
#include "query/internal/binder.h"

#include <gtest/gtest.h>

#include <string>

#include "query/internal/ast.h"
#include "query/internal/bound.h"
#include "query/internal/catalog.h"
#include "query/internal/parser.h"

namespace kg::query::internal {
namespace {

// A dump of every field of the syntax tree, to compare before and after binding.
void DumpExpr(const Expr* e, std::string* out);

std::string SpanText(Span s) { return std::to_string(s.begin) + "-" + std::to_string(s.end); }

void DumpPattern(const PatternPart& p, std::string* out) {
  *out += "(pattern " + p.path_var + " " + std::to_string(static_cast<int>(p.kind));
  for (const NodePattern& n : p.nodes) {
    *out += " (node " + n.var + " " + SpanText(n.span);
    for (const std::string& l : n.labels) *out += " :" + l;
    DumpExpr(n.props.get(), out);
    *out += ")";
  }
  for (const RelPattern& r : p.rels) {
    *out += " (rel " + r.var + " " + std::to_string(r.var_length) + " " +
            std::to_string(r.min_hops) + ".." + std::to_string(r.max_hops) + " " +
            std::to_string(static_cast<int>(r.dir));
    for (const std::string& t : r.types) *out += " :" + t;
    DumpExpr(r.props.get(), out);
    *out += ")";
  }
  *out += ")";
}

void DumpExpr(const Expr* e, std::string* out) {
  if (e == nullptr) {
    *out += " null";
    return;
  }
  *out += " (" + std::to_string(static_cast<int>(e->kind)) + " " + e->name + " " + e->name2 + " " +
          SpanText(e->span) + " " + std::to_string(static_cast<int>(e->value.type()));
  for (const std::string& k : e->keys) *out += " " + k;
  for (const ExprPtr& a : e->args) DumpExpr(a.get(), out);
  if (e->else_expr) DumpExpr(e->else_expr.get(), out);
  if (e->pattern) DumpPattern(*e->pattern, out);
  *out += ")";
}

std::string Dump(const Statement& st) {
  std::string out = std::to_string(static_cast<int>(st.mode));
  for (const SingleQuery& q : st.parts) {
    for (const Clause& c : q.clauses) {
      out += "\n" + std::to_string(static_cast<int>(c.kind)) + " " + SpanText(c.span) + " " + c.var;
      for (const PatternPart& p : c.patterns) DumpPattern(p, &out);
      DumpExpr(c.where.get(), &out);
      DumpExpr(c.expr.get(), &out);
      for (const ReturnItem& i : c.projection.items) {
        out += " [" + i.alias + "]";
        DumpExpr(i.expr.get(), &out);
      }
      for (const SortItem& s : c.projection.order_by) DumpExpr(s.expr.get(), &out);
      DumpExpr(c.projection.skip.get(), &out);
      DumpExpr(c.projection.limit.get(), &out);
      DumpExpr(c.projection.where.get(), &out);
      for (const ExprPtr& e : c.exprs) DumpExpr(e.get(), &out);
      for (const SetItem& s : c.set_items) {
        DumpExpr(s.target.get(), &out);
        DumpExpr(s.value.get(), &out);
      }
    }
  }
  return out;
}

// Parses and binds `text`, checking that binding left the syntax tree unchanged.
BoundStatement BindUnchanged(const std::string& text) {
  SourceText src{text, "query"};
  Result<Statement> st = Parse(src);
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  if (!st.ok()) return {};
  const std::string before = Dump(*st);
  Result<BoundStatement> bound = Bind(src, *st);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  EXPECT_EQ(Dump(*st), before) << text;
  if (!bound.ok()) return {};
  return std::move(*bound);
}

TEST(BinderTest, GivesSlotsAggregatesAndColumns) {
  BoundStatement st = BindUnchanged(
      "MATCH (a:Person)-[r:KNOWS]->(b) WITH a, count(b) AS n ORDER BY n DESC "
      "RETURN a.name AS name, n");
  ASSERT_EQ(st.parts.size(), 1u);
  const auto& clauses = st.parts[0].clauses;
  ASSERT_EQ(clauses.size(), 3u);
  const BoundPatternPart& p = clauses[0].patterns[0];
  EXPECT_EQ(p.nodes[0].slot, 0);
  EXPECT_EQ(p.rels[0].slot, 1);
  EXPECT_EQ(p.nodes[1].slot, 2);
  EXPECT_FALSE(p.nodes[0].bound_before);

  const BoundProjection& with = clauses[1].projection;
  ASSERT_EQ(with.items.size(), 2u);
  EXPECT_EQ(with.items[0].slot, 3);
  EXPECT_EQ(with.items[0].expr->slot, 0);  // a
  EXPECT_EQ(with.items[0].expr->type, SType::kNode);
  EXPECT_EQ(with.items[1].slot, 4);
  EXPECT_TRUE(with.aggregating);
  ASSERT_EQ(with.aggregates.size(), 1u);
  EXPECT_EQ(with.aggregates[0], with.items[1].expr.get());
  EXPECT_EQ(with.aggregates[0]->aggregate_def, FindAggregate("count"));
  EXPECT_EQ(with.aggregates[0]->agg_index, 0);
  EXPECT_EQ(with.aggregates[0]->args[0]->slot, 2);  // b
  ASSERT_EQ(with.order_by.size(), 1u);
  EXPECT_EQ(with.order_by[0].expr->slot, 4);  // n
  EXPECT_TRUE(with.order_by[0].descending);

  const BoundProjection& ret = clauses[2].projection;
  EXPECT_EQ(ret.items[0].expr->kind, ExprKind::kProperty);
  EXPECT_EQ(ret.items[0].expr->args[0]->slot, 3);  // the WITH's a
  EXPECT_EQ(ret.items[1].expr->slot, 4);
  EXPECT_EQ(st.columns, (std::vector<std::string>{"name", "n"}));
  EXPECT_EQ(st.num_slots, 7);
  EXPECT_FALSE(st.has_writes);
}

TEST(BinderTest, ResolvesFunctionsOnceAndTypesExpressions) {
  BoundStatement st = BindUnchanged("RETURN toLower('A') AS s, 1 + 2 AS i");
  const BoundProjection& ret = st.parts[0].clauses[0].projection;
  EXPECT_EQ(ret.items[0].expr->function, FindFunction("toLower"));
  EXPECT_EQ(ret.items[0].expr->aggregate_def, nullptr);
  EXPECT_EQ(ret.items[1].expr->type, SType::kInt);
  EXPECT_FALSE(ret.aggregating);
}

// ORDER BY written like a projected expression reads that item's slot; the
// syntax tree keeps the expression as written.
TEST(BinderTest, OrderByOnAProjectedExpressionReadsItsSlot) {
  SourceText src{"UNWIND [2, 1] AS x RETURN DISTINCT x + 1 AS y ORDER BY x + 1", "query"};
  Result<Statement> syntax = Parse(src);
  ASSERT_TRUE(syntax.ok());
  Result<BoundStatement> st = Bind(src, *syntax);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(syntax->parts[0].clauses[1].projection.order_by[0].expr->kind, ExprKind::kAdd);
  const BoundProjection& ret = st->parts[0].clauses[1].projection;
  EXPECT_EQ(ret.order_by[0].expr->kind, ExprKind::kVar);
  EXPECT_EQ(ret.order_by[0].expr->name, "y");
  EXPECT_EQ(ret.order_by[0].expr->slot, ret.items[0].slot);
}

TEST(BinderTest, PatternPredicatesWritesYieldsAndStar) {
  BoundStatement st = BindUnchanged("MATCH (a) WHERE (a)-->() RETURN *");
  ASSERT_EQ(st.pattern_predicates.size(), 1u);
  const BoundClause& match = st.parts[0].clauses[0];
  EXPECT_EQ(match.where->kind, ExprKind::kPattern);
  EXPECT_EQ(match.where->pattern_plan, 0);
  EXPECT_EQ(st.pattern_predicates[0], match.where->pattern.get());
  EXPECT_TRUE(match.where->pattern->nodes[0].bound_before);
  const BoundProjection& ret = st.parts[0].clauses[1].projection;
  ASSERT_EQ(ret.star_vars.size(), 1u);
  EXPECT_EQ(ret.star_vars[0], (std::pair<std::string, int>{"a", 0}));

  st = BindUnchanged("CREATE (a:X)");
  EXPECT_TRUE(st.has_writes);
  EXPECT_TRUE(st.columns.empty());

  st = BindUnchanged("CALL kg.lookup('x') YIELD node RETURN node");
  EXPECT_EQ(st.parts[0].clauses[0].yield_slots, (std::vector<int>{0}));
  EXPECT_EQ(st.parts[0].clauses[1].projection.items[0].expr->slot, 0);
}

// shortestPath's relationship is bound as variable-length; the syntax tree
// keeps it as written.
TEST(BinderTest, ShortestPathIsVariableLengthInTheBoundFormOnly) {
  BoundStatement st = BindUnchanged("MATCH (a), (b), p = shortestPath((a)-[:T]->(b)) RETURN p");
  const BoundPatternPart& p = st.parts[0].clauses[0].patterns[2];
  EXPECT_TRUE(p.rels[0].var_length);
  EXPECT_EQ(p.nodes[0].slot, 0);
  EXPECT_FALSE(p.nodes[0].bound_before);  // declared by the same MATCH
  EXPECT_EQ(p.rels[0].slot, 2);
  EXPECT_EQ(p.nodes[1].slot, 1);
  EXPECT_EQ(p.path_slot, 3);
}

TEST(BinderTest, ErrorsLeaveNoBoundStatement) {
  SourceText src{"MATCH (a) RETURN b", "query"};
  Result<Statement> syntax = Parse(src);
  ASSERT_TRUE(syntax.ok());
  Result<BoundStatement> st = Bind(src, *syntax);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("UndefinedVariable"), std::string::npos);
  EXPECT_NE(st.status().message().find("query:1:18"), std::string::npos) << st.status().message();
}

}  // namespace
}  // namespace kg::query::internal
