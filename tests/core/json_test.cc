#include "core/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/relation.h"

namespace kg {
namespace {

TEST(JsonTest, NumbersKeepTheirType) {
  EXPECT_EQ(ToJson(Value(3)), "3");
  EXPECT_EQ(ToJson(Value(3.0)), "3.0");
  EXPECT_EQ(ToJson(Value(0.1)), "0.1");
  EXPECT_EQ(ToJson(Value(1e300)), "1e+300");
  // Plain notation where it is no longer than the exponent form.
  EXPECT_EQ(ToJson(Value(100.0)), "100.0");
  EXPECT_EQ(ToJson(Value(300.0)), "300.0");
  EXPECT_EQ(ToJson(Value(-2.5e6)), "-2500000.0");
  EXPECT_EQ(ToJson(Value(123456789012.5)), "123456789012.5");
  EXPECT_EQ(ToJson(Value(1e22)), "1e+22");
  EXPECT_EQ(ToJson(Value(1e-7)), "1e-07");
  EXPECT_EQ(ToJson(Value(1.0 / 3)), "0.3333333333333333");
  EXPECT_EQ(ToJson(Value(0.1 + 0.2)), "0.30000000000000004");
}

// JSON has no NaN or infinities: they are written as strings so that the
// document stays valid for strict parsers (and ParseJson reads it back).
TEST(JsonTest, NonFiniteFloatsAreStrings) {
  EXPECT_EQ(ToJson(Value(std::nan(""))), R"("NaN")");
  EXPECT_EQ(ToJson(Value(INFINITY)), R"("Infinity")");
  EXPECT_EQ(ToJson(Value(-INFINITY)), R"("-Infinity")");
  Value list(ValueList{Value(1.5), Value(std::nan("")), Value(-INFINITY)});
  std::string text = ToJson(list);
  EXPECT_EQ(text, R"([1.5,"NaN","-Infinity"])");
  auto parsed = ParseJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, Value(ValueList{Value(1.5), Value("NaN"), Value("-Infinity")}));
}

TEST(JsonTest, StringsAreEscapedAndUtf8PassesThrough) {
  EXPECT_EQ(ToJson(Value("a\"b\\c\n\x01")), R"("a\"b\\c\n\u0001")");
  EXPECT_EQ(ToJson(Value("雷军")), "\"雷军\"");
}

TEST(JsonTest, GraphValuesFollowTheContract) {
  auto n = std::make_shared<Entity>();
  n->id = 7;
  n->labels = {"Person"};
  n->properties["name"] = Value("Lei Jun");
  auto r = std::make_shared<Relation>();
  r->id = 3;
  r->type = "LEADS";
  r->start = 7;
  r->end = 9;
  r->properties["date"] = Value(*Date::Parse("2025-07-16"));
  r->properties["valid_from"] = Value(*Date::ParseWithPrecision("2025-04"));
  EXPECT_EQ(ToJson(Value(std::shared_ptr<const Entity>(n))),
            R"({"_id":7,"_labels":["Person"],"name":"Lei Jun"})");
  EXPECT_EQ(
      ToJson(Value(std::shared_ptr<const Relation>(r))),
      R"({"_id":3,"_type":"LEADS","_start":7,"_end":9,"date":"2025-07-16","valid_from":"2025-04"})");
  auto p = std::make_shared<Path>();
  p->nodes = {*n};
  EXPECT_EQ(ToJson(Value(std::shared_ptr<const Path>(p))),
            R"({"_nodes":[{"_id":7,"_labels":["Person"],"name":"Lei Jun"}],"_rels":[]})");
}

TEST(JsonTest, TableHasColumnsAndRows) {
  ResultTable t{{"a", "b"}, {{Value(1), Value()}, {Value(ValueList{}), Value(ValueMap{})}}};
  EXPECT_EQ(ResultTableToJson(t), R"({"columns":["a","b"],"rows":[[1,null],[[],{}]]})");
}

TEST(JsonTest, ParseMapsJsonToValues) {
  auto v = ParseJson(R"({"ids": [1, 2.5, "x", null, true], "n": -4})");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const ValueMap& m = v->as_map();
  EXPECT_TRUE(m.at("n").is_int());
  EXPECT_EQ(m.at("n").as_int(), -4);
  const ValueList& ids = m.at("ids").as_list();
  ASSERT_EQ(ids.size(), 5u);
  EXPECT_TRUE(ids[0].is_int());
  EXPECT_TRUE(ids[1].is_double());
  EXPECT_TRUE(ids[3].is_null());
}

TEST(JsonTest, ParseErrorsAreSyntaxErrors) {
  auto v = ParseJson("{\"a\": ");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kSyntaxError);
}

// A parameter or HTTP body nested 30,000 deep crashed the recursive
// conversion; the depth limit refuses it with a SyntaxError naming the limit.
TEST(JsonTest, DeepNestingIsRefusedNotACrash) {
  const std::string deep = std::string(30000, '[') + std::string(30000, ']');
  auto v = ParseJson(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kSyntaxError);
  EXPECT_NE(v.status().message().find("deeper than 1000 levels"), std::string::npos)
      << v.status().message();
  std::string objects;
  for (int i = 0; i < 30000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(30000, '}');
  EXPECT_FALSE(ParseJson(objects).ok());
}

TEST(JsonTest, NestingUpToTheLimitParses) {
  const size_t n = kMaxJsonDepth;
  auto v = ParseJson(std::string(n, '[') + "1" + std::string(n, ']'));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const Value* cur = &*v;
  size_t depth = 0;
  while (cur->is_list()) {
    ++depth;
    cur = &cur->as_list()[0];
  }
  EXPECT_EQ(depth, n);
  EXPECT_EQ(cur->as_int(), 1);
  EXPECT_FALSE(ParseJson(std::string(n + 1, '[') + std::string(n + 1, ']')).ok());
}

TEST(JsonTest, TrailingTextAndKeysInOrder) {
  EXPECT_FALSE(ParseJson("{} x").ok());
  auto v = ParseJson(R"({"b": {"c": [1, {"d": 2}]}, "a": 3})");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(ToJson(*v), R"({"a":3,"b":{"c":[1,{"d":2}]}})");
}

}  // namespace
}  // namespace kg
