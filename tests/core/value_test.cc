#include "core/value.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/relation.h"

namespace kg {
namespace {

TEST(ValueTest, IntAndDoubleAreDifferentTypes) {
  EXPECT_FALSE(Value(1) == Value(1.0));
  EXPECT_TRUE(Value(int64_t{1}) == Value(1));
  EXPECT_EQ(Value(1.5).as_number(), 1.5);
  EXPECT_EQ(Value(2).as_number(), 2.0);
}

TEST(ValueTest, StorableExcludesNestedAndGraphValues) {
  EXPECT_TRUE(Value(ValueList{Value(1), Value("a")}).IsStorable());
  EXPECT_FALSE(Value(ValueList{Value(ValueList{})}).IsStorable());
  EXPECT_FALSE(Value(ValueMap{{"a", Value(1)}}).IsStorable());
  EXPECT_FALSE(Value(std::make_shared<const Entity>()).IsStorable());
}

TEST(ValueTest, DisplayStringQuotesOnlyNestedStrings) {
  EXPECT_EQ(Value("x").ToDisplayString(), "x");
  EXPECT_EQ(Value(ValueList{Value("x"), Value(2.0), Value()}).ToDisplayString(),
            "['x', 2.0, null]");
  Entity e;
  e.labels = {"Company"};
  e.properties["name"] = Value("NVIDIA");
  EXPECT_EQ(Value(std::make_shared<const Entity>(e)).ToDisplayString(),
            "(:Company {name: 'NVIDIA'})");
}

TEST(ValueTest, GraphValuesCompareById) {
  Entity a, b;
  a.id = 1;
  b.id = 1;
  b.properties["x"] = Value(1);
  EXPECT_TRUE(Value(std::make_shared<const Entity>(a)) == Value(std::make_shared<const Entity>(b)));
}

TEST(RelationTest, ValidityIsInclusiveAndOpenEnded) {
  Relation r;
  r.properties["valid_from"] = Value(*Date::Parse("2025-04-01"));
  r.properties["valid_to"] = Value(*Date::Parse("2025-07-14"));
  EXPECT_FALSE(r.ValidAt(*Date::Parse("2025-03-31")));
  EXPECT_TRUE(r.ValidAt(*Date::Parse("2025-04-01")));
  EXPECT_TRUE(r.ValidAt(*Date::Parse("2025-07-14")));
  EXPECT_FALSE(r.ValidAt(*Date::Parse("2025-07-15")));
  Relation open;
  EXPECT_TRUE(open.ValidAt(*Date::Parse("1900-01-01")));
}

TEST(RelationTest, TypedAccessorsIgnoreWrongTypes) {
  Relation r;
  r.properties["stance"] = Value(1);
  r.properties["confidence"] = Value("high");
  EXPECT_EQ(r.stance(), 1.0);
  EXPECT_FALSE(r.confidence().has_value());
  EXPECT_EQ(r.StringProperty("quote"), "");
}

}  // namespace
}  // namespace kg
