// A session on a fresh database in a temporary directory, seeded by one
// statement: the fixture the session layer's tests share.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "api/session.h"

namespace kg::session::testing {

class SessionDbTest : public ::testing::Test {
 protected:
  explicit SessionDbTest(std::string seed) : seed_(std::move(seed)) {}

  void SetUp() override {
    char tmpl[] = "/tmp/kg_session_test_XXXXXX";
    dir_ = mkdtemp(tmpl);
    OpenOptions options;
    options.create_if_missing = true;
    auto db = Session::Open(dir_ + "/db", options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    auto seeded = db_->Run(seed_, {});
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t Companies() {
    auto r = db_->Run("MATCH (c:Company) RETURN count(c)", {});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->table.rows[0][0].as_int() : -1;
  }

  std::string seed_;
  std::string dir_;
  std::unique_ptr<Session> db_;
};

}  // namespace kg::session::testing
