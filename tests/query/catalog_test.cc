// The function catalog (query/internal/catalog.h): every entry is documented,
// resolves by its name in any case, and is bound into the call node once so
// that evaluation calls it without a lookup; aggregates merge partitions to
// the same value as one pass.
#include "query/internal/catalog.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "query/internal/aggregates.h"
#include "query/internal/ast.h"
#include "query/internal/binder.h"
#include "query/internal/bound.h"
#include "query/internal/eval.h"
#include "query/internal/parser.h"

namespace kg::query::internal {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The "## Functions" section of docs/query-language.md: its table has one
// line per function (or per group of related functions).
std::string FunctionsSection() {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/docs/query-language.md");
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  size_t begin = text.find("\n## Functions");
  if (begin == std::string::npos) return "";
  size_t end = text.find("\n## ", begin + 1);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// Whether the section writes `name` as code: "`name`", "`name(" or "`name[".
bool Mentions(const std::string& section, const std::string& name) {
  for (char after : {'`', '(', '['})
    if (section.find("`" + name + after) != std::string::npos) return true;
  return false;
}

// A documented name, or for "date.truncate" the row "`X.truncate(" shared by
// the five temporal types, each of which has its own line.
bool Documented(const std::string& section, const std::string& name) {
  if (Mentions(section, name)) return true;
  size_t dot = name.find('.');
  if (dot == std::string::npos || name.compare(0, 3, "kg.") == 0) return false;
  return Mentions(section, name.substr(0, dot)) && Mentions(section, "X" + name.substr(dot));
}

TEST(CatalogTest, EveryFunctionAndAggregateHasADocLine) {
  std::string section = FunctionsSection();
  ASSERT_FALSE(section.empty()) << "docs/query-language.md has no ## Functions section";
  for (const FunctionDef* f : AllFunctions())
    EXPECT_TRUE(Documented(section, f->name))
        << f->name << " has no line in the Functions table of docs/query-language.md";
  for (const AggregateDef& a : AllAggregates())
    EXPECT_TRUE(Documented(section, a.name))
        << a.name << " has no line in the Functions table of docs/query-language.md";
}

TEST(CatalogTest, DocCheckFailsForAnUndocumentedName) {
  std::string section = FunctionsSection();
  EXPECT_FALSE(Documented(section, "noSuchFunction"));
  EXPECT_FALSE(Documented(section, "kg.noSuchFunction"));
  EXPECT_FALSE(Documented(section, "date.noSuchForm"));
}

TEST(CatalogTest, EveryEntryResolvesByItsNameInAnyCase) {
  std::set<std::string> names;
  for (const FunctionDef* f : AllFunctions()) {
    EXPECT_TRUE(names.insert(Lower(f->name)).second) << "two entries named " << f->name;
    EXPECT_EQ(FindFunction(f->name), f);
    EXPECT_EQ(FindFunction(Lower(f->name)), f);
    std::string upper = f->name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(FindFunction(upper), f);
    EXPECT_NE(f->fn, nullptr) << f->name;
    EXPECT_GE(f->min_args, 0) << f->name;
    EXPECT_TRUE(f->max_args == -1 || f->max_args >= f->min_args) << f->name;
  }
  for (const AggregateDef& a : AllAggregates()) {
    EXPECT_TRUE(names.insert(Lower(a.name)).second) << a.name << " is also a function";
    EXPECT_EQ(FindAggregate(Lower(a.name)), &a);
    EXPECT_TRUE(a.init && a.update && a.merge && a.finalize) << a.name;
  }
  EXPECT_EQ(FindFunction("noSuchFunction"), nullptr);
  EXPECT_EQ(FindAggregate("toLower"), nullptr);
}

TEST(CatalogTest, SignaturesCarryTypesAndDeterminism) {
  const FunctionDef* labels = FindFunction("labels");
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels->returns, SType::kList);
  EXPECT_TRUE(Admits(labels->args[0], SType::kNode));
  EXPECT_FALSE(Admits(labels->args[0], SType::kInt));
  EXPECT_TRUE(Admits(labels->args[0], SType::kAny));
  EXPECT_TRUE(FindFunction("toLower")->deterministic);
  EXPECT_FALSE(FindFunction("rand")->deterministic);
  EXPECT_FALSE(FindFunction("datetime.realtime")->deterministic);
  EXPECT_EQ(FindAggregate("count")->returns, SType::kInt);
}

// Finds the first call node named `name` (any case) in `e`.
BoundExpr* FindCall(BoundExpr* e, const std::string& name) {
  if (e == nullptr) return nullptr;
  if (e->kind == ExprKind::kCall && Lower(e->name) == name) return e;
  if (e->kind == ExprKind::kCountStar && name == "count") return e;
  for (auto& a : e->args)
    if (BoundExpr* found = FindCall(a.get(), name)) return found;
  return nullptr;
}

BoundStatement BindOrDie(const std::string& text) {
  SourceText src{text};
  Result<Statement> st = Parse(src);
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  Result<BoundStatement> bound = Bind(src, *st);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  return std::move(*bound);
}

int hooked_calls = 0;
Result<Value> Hooked(EvalContext&, const BoundExpr&, std::vector<Value>& args) {
  ++hooked_calls;
  return Value("hooked:" + args[0].as_string());
}

TEST(CatalogTest, BinderStoresTheEntryAndEvaluationCallsItWithoutLookup) {
  BoundStatement st = BindOrDie("RETURN toLower('AB') AS x, count(*) AS c");
  auto& items = st.parts[0].clauses[0].projection.items;
  BoundExpr* call = FindCall(items[0].expr.get(), "tolower");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->function, FindFunction("toLower"));
  BoundExpr* count = FindCall(items[1].expr.get(), "count");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->aggregate_def, FindAggregate("count"));
  EXPECT_EQ(count->function, nullptr);

  EvalContext ctx;
  Row row(st.num_slots);
  Result<Value> v = Eval(*call, row, ctx);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, Value("ab"));
  // Evaluation runs the entry stored in the node, not one found by the
  // call's name: swapping the entry swaps the function.
  FunctionDef hook{"toLower", 1, 1, Hooked};
  call->function = &hook;
  hooked_calls = 0;
  for (int i = 0; i < 3; ++i) {
    v = Eval(*call, row, ctx);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, Value("hooked:AB"));
  }
  EXPECT_EQ(hooked_calls, 3);
}

TEST(CatalogTest, BindErrorsNameTheCallAndArgument) {
  SourceText unknown{"RETURN noSuch(1)"};
  Result<Statement> st = Parse(unknown);
  ASSERT_TRUE(st.ok());
  Status s = Bind(unknown, *st).status();
  EXPECT_NE(s.message().find("UnknownFunction"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("1:8"), std::string::npos) << s.ToString();

  SourceText typed{"MATCH (n) RETURN labels(1)"};
  st = Parse(typed);
  ASSERT_TRUE(st.ok());
  s = Bind(typed, *st).status();
  EXPECT_NE(s.message().find("InvalidArgumentType"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("1:25"), std::string::npos) << s.ToString();

  SourceText arity{"RETURN toLower('a', 'b')"};
  st = Parse(arity);
  ASSERT_TRUE(st.ok());
  s = Bind(arity, *st).status();
  EXPECT_NE(s.message().find("InvalidNumberOfArguments"), std::string::npos) << s.ToString();
}

// Feeds `values` to aggregate `name` in one state, and in two partitions
// merged: both must finish to the same value.
void ExpectMergeMatchesOnePass(const std::string& name, const ValueList& values) {
  const AggregateDef* def = FindAggregate(name);
  ASSERT_NE(def, nullptr) << name;
  BoundExpr agg;
  agg.kind = ExprKind::kCall;
  agg.name = name;
  agg.aggregate_def = def;
  agg.args.push_back(std::make_unique<BoundExpr>());
  EvalContext ctx;
  AggState whole, left, right;
  for (AggState* s : {&whole, &left, &right}) {
    def->init(*s);
    s->percentile = Value(0.4);
  }
  for (size_t i = 0; i < values.size(); ++i) {
    ++whole.count;
    ASSERT_TRUE(def->update(ctx, agg, whole, values[i]).ok());
    AggState& part = i < values.size() / 2 ? left : right;
    ++part.count;
    ASSERT_TRUE(def->update(ctx, agg, part, values[i]).ok());
  }
  ASSERT_TRUE(def->merge(ctx, agg, left, right).ok());
  EXPECT_EQ(def->finalize(left), def->finalize(whole)) << name;
}

TEST(AggregateCatalogTest, MergingPartitionsGivesTheOnePassValue) {
  ValueList ints{Value(3), Value(1), Value(4), Value(1), Value(5), Value(9), Value(2), Value(6)};
  for (const AggregateDef& a : AllAggregates()) ExpectMergeMatchesOnePass(a.name, ints);
  ValueList mixed{Value(2), Value(0.5), Value(7), Value(1.5)};
  for (const char* name : {"sum", "avg", "min", "max", "stDevP"})
    ExpectMergeMatchesOnePass(name, mixed);
}

TEST(AggregateCatalogTest, SumMergeReportsIntegerOverflow) {
  const AggregateDef* sum = FindAggregate("sum");
  BoundExpr agg;
  agg.kind = ExprKind::kCall;
  agg.name = "sum";
  agg.aggregate_def = sum;
  EvalContext ctx;
  SourceText src{"RETURN sum(x)"};
  ctx.src = &src;
  AggState a, b;
  sum->init(a);
  sum->init(b);
  ASSERT_TRUE(sum->update(ctx, agg, a, Value(INT64_MAX)).ok());
  ASSERT_TRUE(sum->update(ctx, agg, b, Value(int64_t{1})).ok());
  Status s = sum->merge(ctx, agg, a, b);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("NumberOutOfRange"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace kg::query::internal
