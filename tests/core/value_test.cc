#include "core/value.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "core/entity.h"
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

// Find walks a small map in key order and asks a large one: both find every
// key and nothing else (keys before, between and after the held ones,
// prefixes, bytes above 0x7f), for entities and relations alike.
TEST(EntityTest, FindAnswersForSmallAndLargeMaps) {
  for (size_t n : {0, 1, 2, 8, 9, 30}) {
    PropertyMap props;
    for (size_t i = 0; i < n; ++i) props["k" + std::to_string(10 + 2 * i)] = Value(int64_t(i));
    if (n > 0) props["\xc3\xa9t\xc3\xa9"] = Value("summer");  // sorts after ASCII
    Entity e{1, {}, props};
    Relation r{1, "T", 1, 2, props};
    for (size_t i = 0; i < n; ++i) {
      const std::string held = "k" + std::to_string(10 + 2 * i);
      ASSERT_NE(e.Find(held), nullptr) << n << " " << held;
      EXPECT_EQ(*e.Find(held), Value(int64_t(i)));
      EXPECT_EQ(r.Find(held), &r.properties.at(held));
      for (std::string absent : {"k" + std::to_string(11 + 2 * i), held + "0", held.substr(0, 2)})
        EXPECT_EQ(e.Find(absent), nullptr) << n << " " << absent;
    }
    EXPECT_EQ(e.Find(""), nullptr);
    EXPECT_EQ(e.Find("a"), nullptr);
    EXPECT_EQ(e.Find("z"), nullptr);
    if (n > 0) {
      EXPECT_EQ(e.Find("\xc3\xa9t\xc3\xa9"), &e.properties.at("\xc3\xa9t\xc3\xa9"));
      EXPECT_EQ(r.Find("\xc3\xa9t\xc3\xa9\x01"), nullptr);
    }
  }
  Entity named{1, {}, {{"aliases", Value("NV")}, {"name", Value("NVIDIA")}}};
  EXPECT_EQ(named.name(), "NVIDIA");
  EXPECT_EQ(named.aliases(), std::vector<std::string>{"NV"});
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

// Imprecise bounds (docs/temporal.md, "Dates with precision"): ValidAt is
// "held on some day of it", CertainAt "held on every day under every reading".
TEST(RelationTest, ImpreciseBoundsValidVersusCertain) {
  auto d = [](const char* s) { return *Date::ParseWithPrecision(s); };
  Relation r;
  r.properties["valid_from"] = Value(d("2025-04"));
  r.properties["valid_to"] = Value(d("2025-W28"));  // 2025-07-07 .. 2025-07-13
  EXPECT_FALSE(r.ValidAt(d("2025-03-31")));
  EXPECT_TRUE(r.ValidAt(d("2025-04-01")));
  EXPECT_TRUE(r.ValidAt(d("2025-04-10")));
  EXPECT_FALSE(r.CertainAt(d("2025-04-10")));  // the example
  EXPECT_FALSE(r.CertainAt(d("2025-04-29")));
  EXPECT_TRUE(r.CertainAt(d("2025-04-30")));
  EXPECT_TRUE(r.CertainAt(d("2025-07-07")));
  EXPECT_FALSE(r.CertainAt(d("2025-07-08")));
  EXPECT_TRUE(r.ValidAt(d("2025-07-13")));
  EXPECT_FALSE(r.ValidAt(d("2025-07-14")));
  // A period as the date: some day of it / every day of it.
  EXPECT_FALSE(r.ValidAt(d("2025-03")));
  EXPECT_TRUE(r.ValidAt(d("2025")));
  EXPECT_FALSE(r.CertainAt(d("2025")));
  EXPECT_TRUE(r.CertainAt(d("2025-05")));
  EXPECT_FALSE(r.CertainAt(d("2025-07")));
  EXPECT_TRUE(r.ValidAt(d("2025-W28")));
  EXPECT_FALSE(r.ValidAt(d("2025-W29")));
  // Day bounds and a day: the two agree.
  Relation days;
  days.properties["valid_from"] = Value(d("2025-04-01"));
  days.properties["valid_to"] = Value(d("2025-07-14"));
  for (const char* s : {"2025-03-31", "2025-04-01", "2025-05-20", "2025-07-14", "2025-07-15"})
    EXPECT_EQ(days.ValidAt(d(s)), days.CertainAt(d(s))) << s;
  Relation open;
  EXPECT_TRUE(open.CertainAt(d("1900")));
}

TEST(RelationFilterTest, KnownAtCountsAPeriodByItsLastDay) {
  auto d = [](const char* s) { return *Date::ParseWithPrecision(s); };
  Relation said;
  said.properties["date"] = Value(d("2025-07"));
  RelationFilter filter;
  EXPECT_FALSE(filter.KnownAt(said, d("2025-07-30")));
  EXPECT_TRUE(filter.KnownAt(said, d("2025-07-31")));
  EXPECT_TRUE(filter.KnownAt(said, d("2025-07")));  // known by the end of July
  EXPECT_FALSE(filter.KnownAt(said, d("2025-W30")));
  // Without a statement date: the earliest publication of its sources.
  Relation sourced;
  sourced.properties["source"] = Value(ValueList{Value("a"), Value("b")});
  auto published = std::make_shared<std::map<std::string, Date, std::less<>>>();
  (*published)["a"] = d("2025");
  (*published)["b"] = d("2025-02");
  filter.source_published = published;
  EXPECT_FALSE(filter.KnownAt(sourced, d("2025-02-27")));
  EXPECT_TRUE(filter.KnownAt(sourced, d("2025-02-28")));
  filter.known_at = d("2025-01");
  EXPECT_FALSE(filter.Accepts(sourced));
  filter.known_at = d("2025");
  EXPECT_TRUE(filter.Accepts(sourced));
}

TEST(ValueTest, DatesDisplayTheirSpellingAndCompareByPrecision) {
  Value month(*Date::ParseWithPrecision("2025-04"));
  EXPECT_EQ(month.ToDisplayString(), "2025-04");
  EXPECT_EQ(Value(ValueList{month}).ToDisplayString(), "[2025-04]");
  EXPECT_FALSE(month == Value(*Date::Parse("2025-04-01")));
  EXPECT_TRUE(month == Value(*Date::ParseWithPrecision("2025-04")));
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
