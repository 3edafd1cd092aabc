// A fresh database for the running storage test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

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

}  // namespace kg::storage
