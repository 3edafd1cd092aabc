// Bad CSV input gets a clear message: CR-only line endings, NUL bytes,
// whitespace around numbers (allowed, as docs/import-export.md says), a
// duplicate :ID across two files (both named), and very wide headers.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "storage/csv.h"
#include "tests/storage/reliability_util.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

class CsvInputTest : public testing::TempDirTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  // The rows, or the error with the directory stripped.
  Result<std::vector<NodeRow>> Nodes(const std::string& text) {
    std::vector<NodeRow> rows;
    Status s = ReadNodeCsv(Write("nodes.csv", text), [&](NodeRow& r) {
      rows.push_back(r);
      return Status::OK();
    });
    if (!s.ok()) return Status(s.code(), Strip(s.message()));
    return rows;
  }
  std::string Strip(std::string message) {
    std::string prefix = dir_.string() + "/";
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    return message;
  }
};

TEST_F(CsvInputTest, CarriageReturnOnlyLineEndingsAreNamed) {
  auto r = Nodes("id:ID,:LABEL,name\r1,Company,A\r2,Company,B\r");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nodes.csv:1:"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("end in CR only"), std::string::npos) << r.status().message();
}

TEST_F(CsvInputTest, CrLfStillReads) {
  auto r = Nodes("id:ID,:LABEL,name\r\n1,Company,A\r\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->size(), 1u);
}

TEST_F(CsvInputTest, NulByteInANameIsRefusedWithItsPosition) {
  auto r = Nodes(std::string("id:ID,:LABEL,name\n1,Company,A\0B\n", 33));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "nodes.csv:2:12: NUL byte in a field (kg refuses NUL bytes in names and values)");
  auto quoted = Nodes(std::string("id:ID,:LABEL,name\n1,Company,\"A\0B\"\n", 35));
  ASSERT_FALSE(quoted.ok());
  EXPECT_NE(quoted.status().message().find("NUL byte"), std::string::npos);
}

TEST_F(CsvInputTest, SpacesAroundNumbersBooleansAndDatesAreAllowed) {
  auto r = Nodes(
      "id:ID,:LABEL,name,n:long,x:double,b:boolean,d:date,l:int[]\n"
      "1,Company,A, 42 ,\t2.5 , true ,  2025-07-15 , 1 ; 2 \n"
      "2,Company,B,   ,  ,  ,   ,\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const PropertyMap& a = (*r)[0].properties;
  EXPECT_EQ(a.at("n"), Value(int64_t{42}));
  EXPECT_EQ(a.at("x"), Value(2.5));
  EXPECT_EQ(a.at("b"), Value(true));
  EXPECT_EQ(a.at("d").ToDisplayString(), "2025-07-15");
  EXPECT_EQ(a.at("l").ToDisplayString(),
            Value(ValueList{Value(int64_t{1}), Value(int64_t{2})}).ToDisplayString());
  // A field of spaces alone is empty: no property (strings keep them).
  const PropertyMap& b = (*r)[1].properties;
  EXPECT_EQ(b.count("n"), 0u);
  EXPECT_EQ(b.count("x"), 0u);
  EXPECT_EQ(b.count("b"), 0u);
  EXPECT_EQ(b.count("d"), 0u);
}

TEST_F(CsvInputTest, DuplicateIdAcrossFilesNamesBothFiles) {
  std::string a = Write("a.csv", "id:ID,:LABEL,name\nx,Company,A\ny,Company,B\n");
  std::string b = Write("b.csv", "id:ID,:LABEL,name\nz,Company,C\ny,Company,D\n");
  std::string db = Path("db");
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto store = Store::Open(db, {});
  ImportOptions o;
  o.node_files = {a, b};
  auto r = ImportCsv(**store, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Strip(r.status().message()),
            "b.csv:3: duplicate :ID 'y' (first in " + a + " on line 3)");
  // Within one file the message stays short.
  o.node_files = {Write("c.csv", "id:ID,:LABEL,name\nx,Company,A\nx,Company,B\n")};
  r = ImportCsv(**store, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Strip(r.status().message()), "c.csv:3: duplicate :ID 'x' (first on line 2)");
}

// A header of 10,000 columns is checked in linear time: each duplicate
// check is a set lookup, not a scan of the earlier columns (that was
// quadratic: 50 million comparisons here). No timing is asserted; see
// docs/reliability-storage.md for the measurement.
TEST_F(CsvInputTest, TenThousandColumnHeaderIsReadAndADuplicateAtTheEndFound) {
  std::string header = "id:ID,:LABEL,name";
  std::string row = "1,Company,A";
  for (int i = 0; i < 10000; ++i) {
    header += ",p" + std::to_string(i) + ":int";
    row += "," + std::to_string(i);
  }
  auto start = std::chrono::steady_clock::now();
  auto r = Nodes(header + "\n" + row + "\n");
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].properties.size(), 10001u);
  std::printf("10,000-column header and row read in %.1f ms\n", ms.count());
  auto dup = Nodes(header + ",p5:int\n" + row + ",1\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("duplicate column for property 'p5'"), std::string::npos);
}

}  // namespace
}  // namespace kg::storage
