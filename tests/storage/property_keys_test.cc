// The property-key dictionary (storage/internal/property_keys.h): kept by
// transactions and the bulk import, known per name, listed for "did you
// mean", and built for a database written before it existed (on a
// writable open, stored; on a read-only open, in memory).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "schema/ontology.h"
#include "storage/import.h"
#include "storage/internal/txn_access.h"
#include "storage/store.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;
using internal::TxnAccess;

class PropertyKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kg_prop_keys_XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/db";
    ASSERT_TRUE(Store::Create(path_, schema::Ontology::Open()).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<Store> Open(bool read_only) {
    OpenOptions o;
    o.read_only = read_only;
    auto s = Store::Open(path_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  static bool Has(const Store& s, std::string_view key) {
    auto t = s.BeginRead();
    auto known = t->HasName(NameKind::kPropertyKey, key);
    EXPECT_TRUE(known.ok());
    return known.ok() && *known;
  }
  std::string dir_, path_;
};

TEST_F(PropertyKeysTest, WritesAndImportKeepTheDictionary) {
  auto store = Open(false);
  {
    auto t = store->BeginWrite();
    ASSERT_TRUE(t.ok());
    auto a = (*t)->CreateEntity({"Company"}, {{"name", "NVIDIA"}, {"ticker", "NVDA"}});
    auto b = (*t)->CreateEntity({"Company"}, {{"name", "AMD"}});
    ASSERT_TRUE(a.ok() && b.ok());
    auto r = (*t)->CreateRelation("COMPETES_WITH", *a, *b, {{"since", int64_t{2019}}});
    ASSERT_TRUE(r.ok());
    // Pending keys are known inside the transaction, not outside it yet.
    EXPECT_TRUE(*(*t)->HasName(NameKind::kPropertyKey, "ticker"));
    EXPECT_FALSE(Has(*store, "ticker"));
    Relation rel = *(*t)->GetRelation(*r);
    rel.properties["quote"] = Value("they compete");
    ASSERT_TRUE((*t)->UpdateRelation(rel).ok());
    ASSERT_TRUE((*t)->Commit().ok());
  }
  for (const char* key : {"name", "ticker", "since", "quote"}) EXPECT_TRUE(Has(*store, key)) << key;
  EXPECT_FALSE(Has(*store, "tickr"));
  {  // A transaction dropped without Commit adds nothing.
    auto t = store->BeginWrite();
    ASSERT_TRUE((*t)->CreateEntity({"X"}, {{"name", "x"}, {"dropped", 1}}).ok());
  }
  EXPECT_FALSE(Has(*store, "dropped"));
  std::ofstream(dir_ + "/n.csv") << "id:ID,:LABEL,name,founded\nq,Company,Qualcomm,1985\n";
  ImportOptions o;
  o.node_files = {dir_ + "/n.csv"};
  ASSERT_TRUE(ImportCsv(*store, o).ok());
  EXPECT_TRUE(Has(*store, "founded"));
  auto names = store->BeginRead()->Names(NameKind::kPropertyKey);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"founded", "name", "quote", "since", "ticker"}));
  auto labels = store->BeginRead()->Names(NameKind::kLabel);
  EXPECT_EQ(*labels, (std::vector<std::string>{"Company"}));  // the dropped X never landed
  store.reset();
  auto reopened = Open(true);
  EXPECT_TRUE(Has(*reopened, "founded"));
  EXPECT_TRUE(reopened->Check()->empty());
}

// A database without the dictionary (written before it existed): simulated
// by deleting its entries and marker.
TEST_F(PropertyKeysTest, BuiltForAnOlderDatabase) {
  {
    auto store = Open(false);
    auto t = store->BeginWrite();
    ASSERT_TRUE((*t)->CreateEntity({"Company"}, {{"name", "Arm"}, {"ticker", "ARM"}}).ok());
    ASSERT_TRUE((*t)->Commit().ok());
    auto wipe = store->BeginWrite();
    std::vector<std::string> keys;
    ASSERT_TRUE(TxnAccess::ScanMeta(**wipe, "dict/prop", [&](std::string_view k) {
                  keys.emplace_back(k);
                  return true;
                }).ok());
    EXPECT_EQ(keys.size(), 3u);  // name, ticker and the marker
    for (const std::string& k : keys) ASSERT_TRUE(TxnAccess::DeleteMeta(**wipe, k).ok());
    ASSERT_TRUE(TxnAccess::PutMeta(**wipe, "unrelated", "x").ok());  // a batch that is not empty
    ASSERT_TRUE((*wipe)->Commit().ok());
  }
  {  // Read-only: built in memory on first use; nothing is written.
    auto store = Open(true);
    EXPECT_TRUE(Has(*store, "ticker"));
    EXPECT_FALSE(Has(*store, "tick"));
    auto marker = TxnAccess::GetMeta(*store->BeginRead(), "dict/prop-complete");
    EXPECT_FALSE(marker->has_value());
  }
  {  // Writable: built and stored with the marker.
    auto store = Open(false);
    auto t = store->BeginRead();
    EXPECT_TRUE(TxnAccess::GetMeta(*t, "dict/prop-complete")->has_value());
    EXPECT_TRUE(TxnAccess::GetMeta(*t, "dict/prop/ticker")->has_value());
    EXPECT_TRUE(Has(*store, "ticker"));
    EXPECT_TRUE(store->Check()->empty());
  }
}

}  // namespace
}  // namespace kg::storage
