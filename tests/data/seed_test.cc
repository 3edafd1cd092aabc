// The bundled dataset: every quote verbatim in its article, every entity
// reachable by each of its names, the import clean under the built-in
// ontology and kg check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "storage/csv.h"
#include "storage/import.h"
#include "storage/store.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

const std::string kEntities = std::string(KG_SOURCE_DIR) + "/data/seed/entities.csv";
const std::string kRelations = std::string(KG_SOURCE_DIR) + "/data/seed/relations.csv";
const std::string kSeeds = std::string(KG_SOURCE_DIR) + "/../shared/seeds";

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
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "seed articles not found at " << kSeeds;
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
  for (const char* alias : {"NVIDIANVDA--", "nvidia", "Nvidia"}) {
    auto ids = txn->FindByName(alias);
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->size(), 1u) << alias;
    EXPECT_EQ(txn->GetEntity((*ids)[0])->name(), "NVIDIA") << alias;
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

TEST_F(SeedTest, H20RestrictionAndReapprovalHaveDisjointValidity) {
  auto store = Load();
  ASSERT_NE(store, nullptr);
  auto txn = store->BeginRead();
  auto ids = txn->FindByName("H20");
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 1u);
  Date april = *Date::Parse("2025-05-01");
  Date july = *Date::Parse("2025-07-16");
  int restricted_in_may = 0, approved_in_july = 0, approved_in_may = 0;
  Status s = txn->Expand((*ids)[0], storage::Direction::kIncoming, {"RESTRICTS", "APPROVES"},
                         [&](const storage::Edge& e) {
                           auto r = txn->GetRelation(e.relation);
                           if (!r.ok()) return false;
                           if (r->type == "RESTRICTS" && r->ValidAt(april)) ++restricted_in_may;
                           if (r->type == "APPROVES" && r->ValidAt(july)) ++approved_in_july;
                           if (r->type == "APPROVES" && r->valid_from() && r->ValidAt(april))
                             ++approved_in_may;
                           return true;
                         });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(restricted_in_may, 0);
  EXPECT_GT(approved_in_july, 0);
  EXPECT_EQ(approved_in_may, 0);
}

}  // namespace
}  // namespace kg
