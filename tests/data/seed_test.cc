// The bundled dataset: every quote verbatim in its article, every entity
// reachable by each of its names, the import clean under the built-in
// ontology and kg check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "storage/csv.h"
#include "storage/import.h"
#include "storage/store.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

const std::string kEntities = std::string(KG_SOURCE_DIR) + "/data/seed/entities.csv";
const std::string kRelations = std::string(KG_SOURCE_DIR) + "/data/seed/relations.csv";
const std::string kSeeds = std::string(KG_SOURCE_DIR) + "/data/sources";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_seed_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<storage::Store> Load() {
    EXPECT_TRUE(storage::Store::Create(dir_.string(), schema::Ontology::Builtin()).ok());
    auto store = storage::Store::Open(dir_.string(), {});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    storage::ImportOptions opts;
    opts.node_files = {kEntities};
    opts.edge_files = {kRelations};
    auto summary = storage::ImportCsv(**store, opts);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return std::move(store).value();
  }

  fs::path dir_;
};

TEST_F(SeedTest, EveryQuoteIsVerbatimInItsSourceArticle) {
  ASSERT_TRUE(fs::exists(kSeeds)) << "source articles not found at " << kSeeds;
  std::map<std::string, std::string> articles;
  int relations = 0;
  Status s = storage::ReadEdgeCsv(kRelations, [&](storage::EdgeRow& row) {
    ++relations;
    const Value* source = row.properties.count("source") ? &row.properties["source"] : nullptr;
    const Value* quote = row.properties.count("quote") ? &row.properties["quote"] : nullptr;
    EXPECT_TRUE(source && source->is_string()) << "line " << row.line << ": no source";
    EXPECT_TRUE(quote && quote->is_string()) << "line " << row.line << ": no quote";
    EXPECT_TRUE(row.properties.count("speaker")) << "line " << row.line << ": no speaker";
    EXPECT_TRUE(row.properties.count("date")) << "line " << row.line << ": no date";
    if (!source || !quote || !source->is_string() || !quote->is_string()) return Status::OK();
    auto [it, fresh] = articles.try_emplace(source->as_string());
    if (fresh) it->second = Slurp(kSeeds + "/" + source->as_string());
    EXPECT_FALSE(it->second.empty())
        << "line " << row.line << ": unknown source " << source->as_string();
    EXPECT_NE(it->second.find(quote->as_string()), std::string::npos)
        << "relations.csv:" << row.line << ": quote is not verbatim: " << quote->as_string();
    return Status::OK();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(relations, 150);
}

TEST_F(SeedTest, ImportsCleanlyAndPassesCheck) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_GT(stats->entities, 60u);
  EXPECT_GT(stats->relations, 150u);
}

TEST_F(SeedTest, EveryNameAndAliasFindsExactlyOneEntity) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  std::set<std::string> seen;
  Status s = txn->ScanEntities("", [&](EntityId id) {
    auto e = txn->GetEntity(id);
    EXPECT_TRUE(e.ok());
    if (!e.ok()) return false;
    std::vector<std::string> names = e->aliases();
    names.emplace_back(e->name());
    for (const auto& n : names) {
      auto ids = txn->FindByName(n);
      EXPECT_TRUE(ids.ok());
      if (!ids.ok()) continue;
      EXPECT_EQ(ids->size(), 1u) << "'" << n << "' finds " << ids->size() << " entities";
      EXPECT_EQ(ids->empty() ? 0 : (*ids)[0], id) << "'" << n << "'";
    }
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST_F(SeedTest, TickerFormsAndChineseNamesResolve) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  // Every scraped ticker form of 001, the Chinese and English names and the
  // transcript's variant spellings, each with the canonical name it must find.
  const std::vector<std::pair<std::string, std::string>> names = {
      {"NVIDIANVDA--", "NVIDIA"},
      {"nvidia", "NVIDIA"},
      {"Nvidia", "NVIDIA"},
      {"英伟达", "NVIDIA"},
      {"AMDAMD--", "AMD"},
      {"QualcommQCOM--", "Qualcomm"},
      {"AmazonAMZN--", "Amazon"},
      {"Yushu", "Unitree Robotics"},
      {"宇树科技", "Unitree Robotics"},
      {"Tongyi Qianwen", "Qwen"},
      {"Qianwen", "Qwen"},
      {"通义千问", "Qwen"},
      {"Moonlight", "Moonshot AI"},
      {"华为", "Huawei"},
      {"Xiaomi Auto", "Xiaomi"},
      {"小米", "Xiaomi"},
      {"黄仁勋", "Jensen Huang"},
      {"雷军", "Lei Jun"},
      {"Xiaohongshu", "Xiaohongshu"},
      {"RedNote", "Xiaohongshu"},
      {"Nio", "NIO"},
      {"kimi", "Kimi"},
      {"Gentle AI", "Agentic AI"},
      {"Wave 1", "Perceptual AI"},
      {"Wave 2", "Generative AI"},
  };
  for (const auto& [alias, canonical] : names) {
    auto ids = txn->FindByName(alias);
    ASSERT_TRUE(ids.ok()) << alias;
    ASSERT_EQ(ids->size(), 1u) << "'" << alias << "' finds " << ids->size() << " entities";
    EXPECT_EQ(txn->GetEntity((*ids)[0])->name(), canonical) << alias;
  }
}

TEST_F(SeedTest, StanceOnlyOnStanceTypesWithinRange) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  const schema::Ontology& o = store->ontology();
  int stances = 0;
  Status s = txn->ScanEdges("", [&](const storage::EdgeTriple& t) {
    auto r = txn->GetRelation(t.relation);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return false;
    const schema::RelationTypeDef* def = o.FindType(r->type);
    EXPECT_NE(def, nullptr) << r->type;
    if (auto st = r->stance()) {
      ++stances;
      EXPECT_TRUE(def && def->stance) << r->type << " carries a stance";
      EXPECT_GE(*st, -1.0);
      EXPECT_LE(*st, 1.0);
    }
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(stances, 10);
}

// Counts the relations of the given types that end at (kIncoming) or start
// from (kOutgoing) the entity `name` and hold on `date`, per type.
std::map<std::string, int> ValidOn(storage::Transaction& txn, const std::string& name,
                                   storage::Direction dir, const std::vector<std::string>& types,
                                   const char* date) {
  std::map<std::string, int> counts;
  auto ids = txn.FindByName(name);
  EXPECT_TRUE(ids.ok() && ids->size() == 1u) << name;
  if (!ids.ok() || ids->size() != 1u) return counts;
  Date d = *Date::Parse(date);
  Status s = txn.Expand((*ids)[0], dir, types, [&](const storage::Edge& e) {
    auto r = txn.GetRelation(e.relation);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return false;
    if (r->ValidAt(d)) ++counts[r->type];
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return counts;
}

TEST_F(SeedTest, H20RestrictionAndReapprovalHaveDisjointValidity) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  const std::vector<std::string> types = {"RESTRICTS", "APPROVES", "REVIEWS_APPROVAL"};
  auto on = [&](const char* date) {
    return ValidOn(*txn, "H20", storage::Direction::kIncoming, types, date);
  };
  // The ban: from April to its last day, 2025-07-14, and nothing else.
  for (const char* date : {"2025-04-01", "2025-05-01", "2025-07-14"}) {
    auto c = on(date);
    EXPECT_GT(c["RESTRICTS"], 0) << date;
    EXPECT_EQ(c["APPROVES"], 0) << date;
    EXPECT_EQ(c["REVIEWS_APPROVAL"], 0) << date;
  }
  // The re-allowance from 2025-07-15: no ban, the allowance, licences pending.
  for (const char* date : {"2025-07-15", "2025-07-16", "2025-08-01"}) {
    auto c = on(date);
    EXPECT_EQ(c["RESTRICTS"], 0) << date;
    EXPECT_GT(c["APPROVES"], 0) << date;
    EXPECT_GT(c["REVIEWS_APPROVAL"], 0) << date;
  }
  // Before the ban: neither.
  auto before = on("2025-03-15");
  EXPECT_EQ(before["RESTRICTS"] + before["APPROVES"] + before["REVIEWS_APPROVAL"], 0);
}

TEST_F(SeedTest, H20IsNotSoldInChinaWhileLicencesArePending) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  auto sells = [&](const char* date) {
    return ValidOn(*txn, "H20", storage::Direction::kOutgoing, {"SELLS_IN"}, date)["SELLS_IN"];
  };
  EXPECT_GT(sells("2025-03-15"), 0);  // before the ban
  EXPECT_EQ(sells("2025-05-01"), 0);  // banned
  // "Not yet, as the relevant licenses have not been approved."
  EXPECT_EQ(sells("2025-07-15"), 0);
  EXPECT_EQ(sells("2025-07-16"), 0);
}

TEST_F(SeedTest, RareEarthRestrictionStartsOnApril4) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  for (const char* product : {"Dysprosium", "Rare earth elements"}) {
    auto restricts = [&](const char* date) {
      return ValidOn(*txn, product, storage::Direction::kIncoming, {"RESTRICTS"},
                     date)["RESTRICTS"];
    };
    EXPECT_EQ(restricts("2025-04-03"), 0) << product;
    EXPECT_GT(restricts("2025-04-04"), 0) << product;
    EXPECT_GT(restricts("2025-07-16"), 0) << product;
  }
}

// The whole graph in memory, for checks across relations.
struct Graph {
  std::map<EntityId, Entity> entities;
  std::vector<Relation> relations;
  const Entity& at(EntityId id) const { return entities.at(id); }
  std::string Label(EntityId id) const {
    const Entity& e = at(id);
    return e.labels.empty() ? "" : e.labels[0];
  }
  const Entity* Named(std::string_view name) const {
    for (const auto& [id, e] : entities) {
      if (e.name() == name) return &e;
    }
    return nullptr;
  }
  std::string Text(const Relation& r, std::string_view key) const {
    const Value* v = r.Find(key);
    return v && v->is_string() ? v->as_string() : "";
  }
};

Graph ReadAll(storage::Store& store) {
  Graph g;
  auto txn = store.BeginRead();
  Status s = txn->ScanEntities("", [&](EntityId id) {
    auto e = txn->GetEntity(id);
    EXPECT_TRUE(e.ok());
    if (e.ok()) g.entities.emplace(id, *e);
    return e.ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = txn->ScanEdges("", [&](const storage::EdgeTriple& t) {
    auto r = txn->GetRelation(t.relation);
    EXPECT_TRUE(r.ok());
    if (r.ok()) g.relations.push_back(*r);
    return r.ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return g;
}

bool IsStanceType(const std::string& type) {
  return type == "PRAISES" || type == "CRITICIZES" || type == "RESPECTS" || type == "WELCOMES";
}

// "NVIDIA cannot both ABSTAIN_FROM and DEVELOP autonomous driving": whatever
// an entity is said not to do, no relation says it does.
TEST_F(SeedTest, NoEntityBothDoesAndAbstainsFromTheSameThing) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  std::set<std::pair<EntityId, EntityId>> abstains;
  for (const Relation& r : g.relations) {
    if (r.type == "ABSTAINS_FROM") abstains.insert({r.start, r.end});
  }
  EXPECT_GE(abstains.size(), 3u);
  for (const Relation& r : g.relations) {
    if (r.type != "DEVELOPS" && r.type != "MAKES" && r.type != "MAKES_KIND_OF" &&
        r.type != "PROVIDES_SERVICE") {
      continue;
    }
    EXPECT_FALSE(abstains.count({r.start, r.end}))
        << g.at(r.start).name() << " " << r.type << " and ABSTAINS_FROM " << g.at(r.end).name();
  }
  // The split the articles make: no vehicles built, the technology developed.
  const Entity* nvidia = g.Named("NVIDIA");
  const Entity* vehicle = g.Named("Autonomous vehicle");
  const Entity* driving = g.Named("Autonomous driving");
  ASSERT_TRUE(nvidia && vehicle && driving);
  EXPECT_TRUE(abstains.count({nvidia->id, vehicle->id}));
  bool develops = false;
  for (const Relation& r : g.relations) {
    develops |= r.type == "DEVELOPS" && r.start == nvidia->id && r.end == driving->id;
  }
  EXPECT_TRUE(develops);
}

// Categories are not products and groups are not companies: neither is
// labelled so, and no one MAKES a category.
TEST_F(SeedTest, NoCategoryOrGroupIsACompanyOrAMakesTarget) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  for (const char* name : {"AI chip", "GPU", "Electric vehicle", "Smartphone"}) {
    const Entity* e = g.Named(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->labels, std::vector<std::string>{"Category"}) << name;
  }
  for (const char* name : {"Chinese manufacturers", "NVIDIA's competitors"}) {
    const Entity* e = g.Named(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->labels, std::vector<std::string>{"Group"}) << name;
  }
  int makes = 0;
  for (const Relation& r : g.relations) {
    if (r.type != "MAKES") continue;
    ++makes;
    EXPECT_EQ(g.Label(r.end), "Product") << g.at(r.start).name() << " MAKES " << g.at(r.end).name();
    EXPECT_EQ(g.Label(r.start), "Company") << g.at(r.start).name();
  }
  EXPECT_GT(makes, 0);
}

// Every stance edge starts at whoever holds the stance (a person, company or
// organisation, never a group or category) and names who said the words.
TEST_F(SeedTest, EveryStanceHasAHolderAndASpeaker) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  int stances = 0;
  for (const Relation& r : g.relations) {
    if (!IsStanceType(r.type)) continue;
    ++stances;
    const std::string holder = g.Label(r.start);
    EXPECT_TRUE(holder == "Person" || holder == "Company" || holder == "Organization")
        << r.type << " starts at " << holder << " " << g.at(r.start).name();
    EXPECT_FALSE(g.Text(r, "speaker").empty()) << r.type << ": " << g.Text(r, "quote");
  }
  EXPECT_GT(stances, 100);
}

// A remark about "competitors" in general is stance towards the group, not
// towards each named competitor: AMD, which Huang never names, gets none.
TEST_F(SeedTest, GeneralRemarksOnCompetitorsAttachToTheGroup) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  const Entity* amd = g.Named("AMD");
  const Entity* group = g.Named("NVIDIA's competitors");
  ASSERT_TRUE(amd && group);
  int on_group = 0, amd_members = 0;
  for (const Relation& r : g.relations) {
    const std::string quote = g.Text(r, "quote");
    if (IsStanceType(r.type)) {
      EXPECT_NE(r.end, amd->id) << r.type << " AMD: " << quote;
      if (quote.find("competitors") != std::string::npos ||
          quote.find("competition") != std::string::npos) {
        // Named competitors ("including Huawei") may get their own edge;
        // an unnamed "competitors" only the group.
        if (r.end != group->id) {
          EXPECT_NE(quote.find(std::string(g.at(r.end).name())), std::string::npos)
              << r.type << " " << g.at(r.end).name() << ": " << quote;
        }
      }
      on_group += r.end == group->id;
    }
    amd_members += r.type == "MEMBER_OF" && r.start == amd->id && r.end == group->id;
  }
  EXPECT_GE(on_group, 4);
  EXPECT_EQ(amd_members, 1);
}

// CRITICIZES needs words of criticism aimed at its end: none of Huang's
// remarks on export controls is criticism of a government or a company.
TEST_F(SeedTest, CriticismIsAimedAtItsTarget) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  int criticisms = 0;
  for (const Relation& r : g.relations) {
    if (r.type != "CRITICIZES") continue;
    ++criticisms;
    const std::string end = g.Label(r.end);
    EXPECT_TRUE(end != "Company" && end != "Organization" && end != "Country")
        << "CRITICIZES " << g.at(r.end).name() << ": " << g.Text(r, "quote");
    EXPECT_EQ(g.Text(r, "quote").find("export control"), std::string::npos);
  }
  EXPECT_EQ(criticisms, 1);  // "Current onboard systems are too simplistic"
}

// A hope or plan is not a fact: "hopes to provide China with chips" is an
// INTENDS_TO_SUPPLY with its modality, never a SUPPLIES.
TEST_F(SeedTest, HopesAndPlansAreIntentionsNotFacts) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  int intentions = 0;
  for (const Relation& r : g.relations) {
    const std::string quote = g.Text(r, "quote");
    const bool hoped = quote.find("hope") != std::string::npos ||
                       quote.find("plans to") != std::string::npos ||
                       quote.find("pledging") != std::string::npos;
    if (r.type == "SUPPLIES" || r.type == "INVESTS_IN" || r.type == "SELLS_IN") {
      EXPECT_FALSE(hoped) << r.type << ": " << quote;
    }
    if (r.type == "INTENDS_TO_SUPPLY" || r.type == "INTENDS_TO_INVEST_IN") {
      ++intentions;
      EXPECT_FALSE(g.Text(r, "modality").empty()) << r.type << ": " << quote;
    }
  }
  EXPECT_EQ(intentions, 4);
}

// The date property `key` of `e` as written ("2025-04", "1999"), or "" when
// absent or not a date.
std::string DateText(const Entity& e, std::string_view key) {
  const Value* v = e.Find(key);
  return v && v->is_date() ? v->as_date().ToString() : "";
}

// Dates keep the precision the articles give: April 2025 is a month, not an
// invented 2025-04-01; "a week ago" a week; 1999 a year.
TEST_F(SeedTest, DatesKeepThePrecisionTheArticlesGive) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  Graph g = ReadAll(*store);
  struct Want {
    const char* event;
    const char* start;
    const char* end;
  };
  for (const Want& w : std::vector<Want>{
           {"H20 export ban (April 2025)", "2025-04", "2025-07-14"},
           {"H20 sales re-approval (July 2025)", "2025-07-15", ""},
           {"3rd China International Supply Chain Expo", "2025-07-16", "2025-W29"},
           {"Jensen Huang media exchange (2025-07-16)", "2025-07-16", ""},
           {"China rare-earth export suspension (April 2025)", "2025-04-04", ""},
           {"Jensen Huang's July 2025 visit to China", "2025-07", ""},
           {"NVIDIA IPO (1999)", "1999", ""},
       }) {
    const Entity* e = g.Named(w.event);
    ASSERT_NE(e, nullptr) << w.event;
    EXPECT_EQ(DateText(*e, "start"), w.start) << w.event;
    EXPECT_EQ(DateText(*e, "end"), w.end) << w.event;
  }
  // The ban held on some day of April, surely on 1 May; the sales to China
  // ended some day of April. Neither is certain on 15 April.
  const Date april15 = *Date::Parse("2025-04-15");
  const Date may1 = *Date::Parse("2025-05-01");
  int bans = 0, visits = 0;
  for (const Relation& r : g.relations) {
    const std::string end = std::string(g.at(r.end).name());
    if (r.type == "RESTRICTS" && end == "H20") {
      ++bans;
      EXPECT_TRUE(r.ValidAt(april15));
      EXPECT_FALSE(r.CertainAt(april15));
      EXPECT_TRUE(r.CertainAt(may1));
      EXPECT_EQ(g.Text(r, "valid_to_text"), "the lifting of restrictions was announced yesterday");
    }
    if (r.type == "VISITS" && end == "United States") {
      ++visits;  // "I was in Washington a week ago": the week before 2025-07-16
      const Value* from = r.Find("valid_from");
      ASSERT_TRUE(from && from->is_date());
      EXPECT_EQ(from->as_date().ToString(), "2025-W28");
      EXPECT_EQ(g.Text(r, "valid_from_text"), "a week ago");
    }
  }
  EXPECT_EQ(bans, 4);
  EXPECT_EQ(visits, 1);
}

}  // namespace
}  // namespace kg
