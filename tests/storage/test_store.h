// A fresh database for the running storage test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "schema/ontology.h"
#include "storage/store.h"

namespace kg::storage {

// Creates an empty database (open ontology) at
// <temp>/<prefix>_<pid>_<test name>/db, removing whatever an earlier run left
// in that directory, and returns the directory; the database's path is its
// "db". A creation that fails is reported as the test's failure.
inline std::filesystem::path CreateTestStore(const std::string& prefix) {
  namespace fs = std::filesystem;
  fs::path dir =
      fs::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()) + "_" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::error_code ec;
  fs::remove_all(dir, ec);
  Status created = Store::Create((dir / "db").string(), schema::Ontology::Open());
  EXPECT_TRUE(created.ok()) << created.ToString();
  return dir;
}

// A fixture whose database is made once per test: created (CreateTestStore
// with the fixture's prefix), filled by Fill in one write transaction that
// SetUp commits, removed at TearDown. Fill keeps the ids it means to use in
// ids_; Open reopens the database with other options.
class FilledStoreTest : public ::testing::Test {
 protected:
  explicit FilledStoreTest(std::string prefix) : prefix_(std::move(prefix)) {}

  virtual void Fill(Transaction& t) = 0;

  void SetUp() override {
    dir_ = CreateTestStore(prefix_);
    path_ = (dir_ / "db").string();
    auto s = Store::Open(path_, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto w = (*s)->BeginWrite();
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    Fill(**w);
    if (HasFatalFailure()) return;
    Status committed = (*w)->Commit();
    ASSERT_TRUE(committed.ok()) << committed.ToString();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> Open(const OpenOptions& o) {
    auto s = Store::Open(path_, o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  std::filesystem::path dir_;
  std::string path_;
  std::vector<EntityId> ids_;

 private:
  std::string prefix_;
};

}  // namespace kg::storage
