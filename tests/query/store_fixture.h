// A test with a fresh store of the open ontology in its own temporary
// directory (named after the test), removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"

namespace kg::query {

class OpenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kg_query_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(storage::Store::Create(dir_.string(), schema::Ontology::Open()).ok());
    auto s = storage::Store::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Result<ResultTable> Q(std::string_view text, const QueryOptions& opts = {}) {
    return query::Run(*store_, text, opts);
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
};

}  // namespace kg::query
