#include "schema/ontology.h"

#include <gtest/gtest.h>

namespace kg::schema {
namespace {

Entity Make(std::string label, std::string name) {
  Entity e;
  e.labels = {std::move(label)};
  if (!name.empty()) e.properties["name"] = Value(std::move(name));
  return e;
}

Relation Rel(std::string type) {
  Relation r;
  r.type = std::move(type);
  return r;
}

TEST(OntologyTest, BuiltinHasTheStartingVocabulary) {
  Ontology o = Ontology::Builtin();
  EXPECT_FALSE(o.is_open());
  for (const char* k : {"Company", "Product", "Person", "Technology", "AIModel", "Organization",
                        "Country", "Event"})
    EXPECT_NE(o.FindKind(k), nullptr) << k;
  for (const char* t :
       {"MAKES", "DEVELOPS", "BASED_ON", "SUPPLIES", "USES", "COMPETES_WITH", "PARTNERS_WITH",
        "LEADS", "FOUNDED", "MEMBER_OF", "INVESTS_IN", "SELLS_IN", "BASED_IN", "RESTRICTS",
        "APPROVES", "PRAISES", "CRITICIZES", "RESPECTS", "WELCOMES"})
    EXPECT_NE(o.FindType(t), nullptr) << t;
  EXPECT_TRUE(o.IsSymmetric("COMPETES_WITH"));
  EXPECT_TRUE(o.IsSymmetric("PARTNERS_WITH"));
  EXPECT_FALSE(o.IsSymmetric("MAKES"));
  EXPECT_TRUE(o.FindType("PRAISES")->stance);
  EXPECT_FALSE(o.FindType("MAKES")->stance);
}

// The synthetic benchmark generator's RELATIONS table: every pair must be legal.
TEST(OntologyTest, BuiltinAcceptsEverythingTheBenchmarkGeneratorMakes) {
  Ontology o = Ontology::Builtin();
  const std::vector<std::string> all = {"Company", "Product", "Person", "Technology",
                                        "Organization"};
  struct Row {
    const char* type;
    std::vector<std::string> from, to;
  };
  const std::vector<Row> rows = {
      {"MAKES", {"Company"}, {"Product"}},
      {"SUPPLIES", {"Company"}, {"Company"}},
      {"USES", {"Company", "Person", "Organization"}, {"Technology", "Product"}},
      {"COMPETES_WITH", {"Company"}, {"Company"}},
      {"PARTNERS_WITH", {"Company", "Organization"}, {"Company", "Organization"}},
      {"LEADS", {"Person"}, {"Company", "Organization"}},
      {"INVESTS_IN", {"Company", "Person", "Organization"}, {"Company"}},
      {"DEVELOPS", {"Company", "Organization"}, {"Technology", "Product"}},
      {"PRAISES", {"Person", "Company", "Organization"}, all},
      {"CRITICIZES", {"Person", "Company", "Organization"}, all},
  };
  for (const auto& row : rows)
    for (const auto& s : row.from)
      for (const auto& t : row.to) {
        Status st = o.CheckRelation(Rel(row.type), {s}, {t});
        EXPECT_TRUE(st.ok()) << row.type << " " << s << "->" << t << ": " << st.ToString();
      }
}

TEST(OntologyTest, RefusesWrongEndpointKinds) {
  Ontology o = Ontology::Builtin();
  Status s = o.CheckRelation(Rel("LEADS"), {"Company"}, {"Person"});
  EXPECT_EQ(s.code(), StatusCode::kSchemaViolation);
  EXPECT_NE(s.message().find("LEADS starts at Person"), std::string::npos) << s.message();
  EXPECT_EQ(o.CheckRelation(Rel("FRIENDS"), {"Person"}, {"Person"}).code(),
            StatusCode::kSchemaViolation);
}

TEST(OntologyTest, StanceOnlyOnStanceTypesAndInRange) {
  Ontology o = Ontology::Builtin();
  Relation praise = Rel("PRAISES");
  praise.properties["stance"] = Value(0.8);
  EXPECT_TRUE(o.CheckRelation(praise, {"Person"}, {"Company"}).ok());
  praise.properties["stance"] = Value(1.5);
  EXPECT_NE(o.CheckRelation(praise, {"Person"}, {"Company"}).message().find("outside [-1, 1]"),
            std::string::npos);
  Relation makes = Rel("MAKES");
  makes.properties["stance"] = Value(0.2);
  EXPECT_EQ(o.CheckRelation(makes, {"Company"}, {"Product"}).code(), StatusCode::kSchemaViolation);
}

TEST(OntologyTest, ValidityMustBeOrderedDates) {
  Ontology o = Ontology::Builtin();
  Relation r = Rel("RESTRICTS");
  r.properties["valid_from"] = Value(*Date::Parse("2025-07-01"));
  r.properties["valid_to"] = Value(*Date::Parse("2025-04-01"));
  EXPECT_EQ(o.CheckRelation(r, {"Organization"}, {"Product"}).code(), StatusCode::kSchemaViolation);
  r.properties["valid_to"] = Value("soon");
  EXPECT_EQ(o.CheckRelation(r, {"Organization"}, {"Product"}).code(), StatusCode::kSchemaViolation);
}

TEST(OntologyTest, EntitiesNeedOneKnownKindAndAName) {
  Ontology o = Ontology::Builtin();
  EXPECT_TRUE(o.CheckEntity(Make("Company", "NVIDIA")).ok());
  EXPECT_EQ(o.CheckEntity(Make("Compnay", "NVIDIA")).code(), StatusCode::kSchemaViolation);
  EXPECT_EQ(o.CheckEntity(Make("Company", "")).code(), StatusCode::kSchemaViolation);
  Entity two = Make("Company", "X");
  two.labels.push_back("Product");
  EXPECT_EQ(o.CheckEntity(two).code(), StatusCode::kSchemaViolation);
}

TEST(OntologyTest, OpenAcceptsAnythingStorable) {
  Ontology o = Ontology::Open();
  Entity e;
  e.labels = {"A", "B"};
  EXPECT_TRUE(o.CheckEntity(e).ok());
  EXPECT_TRUE(o.CheckRelation(Rel("ANY_TYPE"), {}, {"X"}).ok());
  e.properties["m"] = Value(ValueMap{});
  EXPECT_FALSE(o.CheckEntity(e).ok());
}

TEST(OntologyTest, PropertyNamesStartingWithAnUnderscoreAreReserved) {
  for (Ontology o : {Ontology::Builtin(), Ontology::Open()}) {
    Entity e = Make("Company", "NVIDIA");
    e.properties["_id"] = Value(5);
    Status s = o.CheckEntity(e);
    EXPECT_EQ(s.code(), StatusCode::kSchemaViolation);
    EXPECT_NE(s.message().find("'_id' is reserved"), std::string::npos) << s.ToString();
    Relation r = Rel("COMPETES_WITH");
    r.properties["_type"] = Value("X");
    EXPECT_EQ(o.CheckRelation(r, {"Company"}, {"Company"}).code(), StatusCode::kSchemaViolation);
    r.properties.clear();
    r.properties["note_"] = Value("an underscore elsewhere is fine");
    EXPECT_TRUE(o.CheckRelation(r, {"Company"}, {"Company"}).ok());
  }
}

TEST(OntologyTest, JsonRoundTripsAndReportsErrors) {
  Ontology b = Ontology::Builtin();
  auto again = Ontology::FromJson(b.ToJson(), "copy");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->relation_types().size(), b.relation_types().size());
  EXPECT_TRUE(Ontology::FromJson(Ontology::Open().ToJson(), "open")->is_open());
  auto bad = Ontology::FromJson(
      R"({"kinds": ["A"], "relations": [{"type": "R", "from": ["A"], "to": ["B"]}]})", "my.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "my.json: relation 'R': unknown kind 'B'");
  EXPECT_FALSE(Ontology::FromJson("{", "x.json").ok());
  EXPECT_EQ(Ontology::Load("/nonexistent/o.json").status().code(), StatusCode::kIOError);
}

// Found by fuzz_ontology: a field of the wrong type made the JSON library
// throw out of the loader and abort the process.
TEST(OntologyTest, FieldOfTheWrongTypeIsAnErrorNotACrash) {
  for (const char* text : {R"({"name": 66666666666666666666666})", R"({"name": "x", "kinds": [],
       "relations": [{"type": "T", "from": [], "to": [], "symmetric": "yes"}]})",
                           R"({"open": "no"})"}) {
    auto o = kg::schema::Ontology::FromJson(text, "bad.json");
    ASSERT_FALSE(o.ok()) << text;
    EXPECT_NE(o.status().message().find("bad.json"), std::string::npos) << o.status().message();
  }
}

// Found by fuzz_ontology: a version too large for an int (or not whole)
// converted with undefined behaviour.
TEST(OntologyTest, VersionMustBeAWholeNumberInRange) {
  for (const char* version : {"8.8e123", "2.5", "0", "-3", "99999999999"}) {
    std::string text = std::string(R"({"name": "x", "version": )") + version + R"(, "kinds": []})";
    auto o = Ontology::FromJson(text, "v.json");
    ASSERT_FALSE(o.ok()) << version;
    EXPECT_EQ(o.status().message(), "v.json: 'version' must be a whole number from 1 to 1000000");
  }
  auto ok =
      Ontology::FromJson(R"({"name": "x", "version": 3, "kinds": [], "relations": []})", "v.json");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
}

}  // namespace
}  // namespace kg::schema
