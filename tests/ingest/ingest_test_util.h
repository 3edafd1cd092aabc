// A temporary database for the ingest tests, optionally holding the bundled
// entities (data/seed/entities.csv, without relations), and helpers to
// analyse a text against it.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"
#include "storage/import.h"

namespace kg::ingest::testing {

inline std::string ReadRepoFile(const std::string& rel) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class IngestDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kg-ingest-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ASSERT_TRUE(storage::Store::Create((dir_ / "db").string(), schema::Ontology::Builtin()).ok());
    store_ = storage::Store::Open((dir_ / "db").string(), {}).value();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void LoadSeedEntities() {
    storage::ImportOptions o;
    o.node_files = {std::string(KG_SOURCE_DIR) + "/data/seed/entities.csv"};
    ASSERT_TRUE(storage::ImportCsv(*store_, o).ok());
  }
  Review Analyse(const std::string& id, const std::string& text, AnalyzeStats* stats = nullptr) {
    storage::SourceRecord src;
    src.id = id;
    src.title = "Test article";
    src.published = "2025-07-17";
    src.sha256 = storage::Sha256Hex(text);
    auto txn = store_->BeginRead();
    auto index = cache_.Get(*txn).value();
    auto r = Analyze(*txn, *index, store_->ontology(), src, text, {}, stats);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Review{};
  }
  // "from -TYPE-> to" of every relation candidate, by entity name.
  static std::vector<std::string> Relations(const Review& r) {
    std::map<std::string, std::string> names;
    for (const auto& c : r.candidates) names[c.id] = c.name;
    std::vector<std::string> out;
    for (const auto& c : r.candidates)
      if (c.kind == CandidateKind::kRelation)
        out.push_back(names[c.from] + " -" + c.type + "-> " + names[c.to]);
    return out;
  }
  static const Candidate* Entity(const Review& r, const std::string& name) {
    for (const auto& c : r.candidates)
      if (c.kind == CandidateKind::kEntity && c.name == name) return &c;
    return nullptr;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  NameIndexCache cache_;
};

// The rule tests' fixture: the bundled entities loaded, and each text's
// relation candidates as "from -TYPE-> to" lines.
class SeededRulesTest : public IngestDbTest {
 protected:
  void SetUp() override {
    IngestDbTest::SetUp();
    LoadSeedEntities();
  }
  std::vector<std::string> Rel(const std::string& text) {
    return Relations(Analyse("t.txt", text));
  }
  static bool Has(const std::vector<std::string>& rels, const std::string& r) {
    return std::find(rels.begin(), rels.end(), r) != rels.end();
  }
  static bool HasAny(const std::vector<std::string>& rels, const std::string& part) {
    return std::any_of(rels.begin(), rels.end(),
                       [&](const std::string& r) { return r.find(part) != std::string::npos; });
  }
  static std::string Dump(const std::vector<std::string>& rels) {
    std::string out;
    for (const auto& r : rels) out += r + "\n";
    return out;
  }
};

}  // namespace kg::ingest::testing
