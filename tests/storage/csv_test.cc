// Tests of the Neo4j-admin CSV reader: header forms, typed and array
// columns, RFC 4180 quoting, and the exact position of every error.
#include "storage/csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "storage/internal/csv_values.h"

namespace kg::storage {
namespace {

class CsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kg_csv_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<std::vector<NodeRow>> Nodes(const std::string& text) {
    std::vector<NodeRow> rows;
    Status s = ReadNodeCsv(Write("nodes.csv", text), [&](NodeRow& r) {
      rows.push_back(r);
      return Status::OK();
    });
    if (!s.ok()) return s;
    return rows;
  }

  // An EdgeRow's texts view the reader's buffer during the callback only:
  // the rows are kept as copies.
  struct Edge {
    std::string start_id, end_id, type;
    PropertyMap properties;
    uint64_t line = 0;
  };
  Result<std::vector<Edge>> Edges(const std::string& text) {
    std::vector<Edge> rows;
    Status s = ReadEdgeCsv(Write("edges.csv", text), [&](EdgeRow& r) {
      rows.push_back({std::string(r.start_id), std::string(r.end_id), std::string(r.type),
                      r.properties, r.line});
      return Status::OK();
    });
    if (!s.ok()) return s;
    return rows;
  }

  // The error message with the temp directory stripped ("nodes.csv:3:5: ...").
  std::string NodeError(const std::string& text) {
    auto r = Nodes(text);
    if (r.ok()) return "OK";
    return Strip(r.status().message());
  }
  std::string EdgeError(const std::string& text) {
    auto r = Edges(text);
    if (r.ok()) return "OK";
    return Strip(r.status().message());
  }
  std::string Strip(std::string msg) {
    std::string prefix = dir_.string() + "/";
    if (msg.rfind(prefix, 0) == 0) msg.erase(0, prefix.size());
    return msg;
  }

  std::filesystem::path dir_;
};

TEST_F(CsvTest, ReadsKggenNodeHeaderWithoutStoringTheId) {
  auto rows = Nodes("id:ID,:LABEL,name,founded:int\n0,Company,Company_000000,1990\n1,Person,P,\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const NodeRow& a = (*rows)[0];
  EXPECT_EQ(a.id, "0");
  EXPECT_EQ(a.labels, std::vector<std::string>{"Company"});
  EXPECT_EQ(a.properties.size(), 2u);
  EXPECT_EQ(a.properties.at("name"), Value("Company_000000"));
  EXPECT_EQ(a.properties.at("founded"), Value(int64_t{1990}));
  EXPECT_EQ(a.line, 2u);
  const NodeRow& b = (*rows)[1];
  EXPECT_EQ(b.properties.count("founded"), 0u) << "empty field means no property";
  EXPECT_EQ(b.line, 3u);
}

TEST_F(CsvTest, BareIdColumnAndSeveralLabels) {
  auto rows = Nodes(":ID,:LABEL\nx, Company ;Organization;\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].id, "x");
  EXPECT_EQ((*rows)[0].labels, (std::vector<std::string>{"Company", "Organization"}));
  EXPECT_TRUE((*rows)[0].properties.empty());
}

TEST_F(CsvTest, ReadsKggenEdgeHeader) {
  auto rows = Edges(
      ":START_ID,:END_ID,:TYPE,stance:float,since:date\n"
      "1,2,PRAISES,0.5,2020-01-31\n"
      "2,3,MAKES,,1999-12-01\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const Edge& a = (*rows)[0];
  EXPECT_EQ(a.start_id, "1");
  EXPECT_EQ(a.end_id, "2");
  EXPECT_EQ(a.type, "PRAISES");
  EXPECT_EQ(a.properties.at("stance"), Value(0.5));
  EXPECT_EQ(a.properties.at("since"), Value(*Date::Parse("2020-01-31")));
  const Edge& b = (*rows)[1];
  EXPECT_EQ(b.properties.count("stance"), 0u);
  EXPECT_EQ(b.properties.at("since"), Value(*Date::Parse("1999-12-01")));
  EXPECT_EQ(b.line, 3u);
}

TEST_F(CsvTest, EveryTypedColumnParses) {
  auto rows = Nodes(
      ":ID,a:int,b:long,c:float,d:double,e:boolean,f:date,g:string,h,i:BOOLEAN\n"
      "1,-7,9000000000,1.5,-2e3,true,2025-07-15,text,plain,FALSE\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const PropertyMap& p = (*rows)[0].properties;
  EXPECT_EQ(p.at("a"), Value(int64_t{-7}));
  EXPECT_EQ(p.at("b"), Value(int64_t{9000000000}));
  EXPECT_EQ(p.at("c"), Value(1.5));
  EXPECT_EQ(p.at("d"), Value(-2000.0));
  EXPECT_EQ(p.at("e"), Value(true));
  EXPECT_EQ(p.at("f"), Value(*Date::Parse("2025-07-15")));
  EXPECT_EQ(p.at("g"), Value("text"));
  EXPECT_EQ(p.at("h"), Value("plain"));
  EXPECT_EQ(p.at("i"), Value(false));
}

TEST_F(CsvTest, DatesAgreeWithDateParse) {
  const std::vector<std::string> dates = {"0000-01-01", "0000-02-29", "0000-03-01", "0001-01-01",
                                          "1969-12-31", "1970-01-01", "2000-02-29", "2024-02-29",
                                          "2025-12-31", "9999-12-31", "0399-02-28", "0400-02-29"};
  std::string text = ":ID,d:date\n";
  for (size_t i = 0; i < dates.size(); ++i) text += std::to_string(i) + "," + dates[i] + "\n";
  auto rows = Nodes(text);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  for (size_t i = 0; i < dates.size(); ++i) {
    EXPECT_EQ((*rows)[i].properties.at("d"), Value(*Date::Parse(dates[i]))) << dates[i];
  }
  for (const char* bad : {"2023-02-29", "1900-02-29", "2025-13-01", "2025-04-31", "2025-1-01"}) {
    EXPECT_NE(NodeError(std::string(":ID,d:date\n1,") + bad + "\n"), "OK") << bad;
  }
}

TEST_F(CsvTest, DateColumnsKeepTheirPrecision) {
  auto rows = Nodes(":ID,d:date,ds:date[]\n1,2025-04-16,2025-W28;2025-04;1999\n2,2025-04,\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const PropertyMap& p = (*rows)[0].properties;
  EXPECT_EQ(p.at("d"), Value(*Date::Parse("2025-04-16")));
  const ValueList& ds = p.at("ds").as_list();
  ASSERT_EQ(ds.size(), 3u);
  EXPECT_EQ(ds[0].as_date().precision(), DatePrecision::kWeek);
  EXPECT_EQ(ds[0].as_date().first_day().ToString(), "2025-07-07");
  EXPECT_EQ(ds[1].as_date().precision(), DatePrecision::kMonth);
  EXPECT_EQ(ds[2].as_date().precision(), DatePrecision::kYear);
  EXPECT_EQ(ds[2].ToDisplayString(), "1999");
  EXPECT_EQ((*rows)[1].properties.at("d"), Value(*Date::ParseWithPrecision("2025-04")));
  for (const char* bad : {"2025-13", "2025-W54", "2025-W00", "199", "2025-4", "2025-Q2"}) {
    EXPECT_EQ(NodeError(std::string(":ID,d:date\n1,") + bad + "\n"),
              std::string("nodes.csv:2:3: column 'd:date': cannot parse '") + bad +
                  "' as date (expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)");
  }
}

TEST_F(CsvTest, TemporalColumnsParseTheirIsoForms) {
  auto rows = Nodes(
      ":ID,a:localtime,b:time,c:localdatetime,d:datetime,e:duration,f:datetime[]\n"
      "1,21:40,21:40+01:00,2025-07-16T09:30,2025-07-16T09:30[Asia/Shanghai],P1DT2H,"
      "2025-01-01T00:00Z;2025-06-01T00:00Z\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const PropertyMap& p = (*rows)[0].properties;
  EXPECT_EQ(p.at("a").type(), Value::Type::kLocalTime);
  EXPECT_EQ(p.at("b").ToDisplayString(), "21:40+01:00");
  EXPECT_EQ(p.at("c").ToDisplayString(), "2025-07-16T09:30");
  EXPECT_EQ(p.at("d").ToDisplayString(), "2025-07-16T09:30+08:00[Asia/Shanghai]");
  EXPECT_EQ(p.at("e").ToDisplayString(), "P1DT2H");
  EXPECT_EQ(p.at("f").as_list().size(), 2u);
  EXPECT_EQ(NodeError(":ID,d:datetime\n1,2025-07-16T25:00Z\n"),
            "nodes.csv:2:3: column 'd:datetime': cannot parse '2025-07-16T25:00Z' as datetime");
  EXPECT_NE(NodeError(":ID,e:duration\n1,1 day\n"), "OK");
}

TEST_F(CsvTest, ArraysSplitOnSemicolon) {
  auto rows = Nodes(
      ":ID,aliases:string[],n:int[],empty:string[]\n"
      "1,Qwen;Tongyi Qianwen;Qianwen,1;2;3,\"\"\n"
      "2,,,\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const PropertyMap& p = (*rows)[0].properties;
  EXPECT_EQ(p.at("aliases"), Value(ValueList{"Qwen", "Tongyi Qianwen", "Qianwen"}));
  EXPECT_EQ(p.at("n"), Value(ValueList{int64_t{1}, int64_t{2}, int64_t{3}}));
  EXPECT_EQ(p.at("empty"), Value(ValueList{}));
  EXPECT_TRUE((*rows)[1].properties.empty());
}

TEST_F(CsvTest, QuotingHoldsCommasQuotesAndNewlines) {
  auto rows = Nodes(
      ":ID,name,quote\n"
      "1,\"Huawei, Inc.\",\"He said \"\"hi\"\"\"\n"
      "2,\"two\nlines\",\"\"\n"
      "3,after,x\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].properties.at("name"), Value("Huawei, Inc."));
  EXPECT_EQ((*rows)[0].properties.at("quote"), Value("He said \"hi\""));
  EXPECT_EQ((*rows)[1].properties.at("name"), Value("two\nlines"));
  EXPECT_EQ((*rows)[1].properties.at("quote"), Value("")) << "\"\" is an empty string";
  EXPECT_EQ((*rows)[2].line, 5u) << "the quoted newline counts as a physical line";
}

// Each of an edge's id and type fields with doubled quotes keeps its own
// unescaped text (the reader unescapes one field at a time into scratch).
TEST_F(CsvTest, QuotedEdgeFieldsWithDoubledQuotesKeepTheirOwnText) {
  auto rows = Edges(
      ":START_ID,:END_ID,:TYPE,note\n"
      "\"a\"\"1\",\"b\"\"2\",\"T\"\"3\",\"n\"\"4\"\n"
      "plain,\"b\"\"5\",T,x\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].start_id, "a\"1");
  EXPECT_EQ((*rows)[0].end_id, "b\"2");
  EXPECT_EQ((*rows)[0].type, "T\"3");
  EXPECT_EQ((*rows)[0].properties.at("note"), Value("n\"4"));
  EXPECT_EQ((*rows)[1].start_id, "plain");
  EXPECT_EQ((*rows)[1].end_id, "b\"5");
  EXPECT_EQ((*rows)[1].type, "T");
}

TEST_F(CsvTest, QuoteInsideUnquotedFieldIsLiteral) {
  auto rows = Nodes(":ID,name\n1,5\" screen\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].properties.at("name"), Value("5\" screen"));
}

TEST_F(CsvTest, BomBlankLinesAndMissingFinalNewline) {
  auto rows = Nodes("\xEF\xBB\xBF:ID,name\n\n1,a\n\n2,b");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].properties.at("name"), Value("b"));
  EXPECT_EQ((*rows)[1].line, 5u);
}

TEST_F(CsvTest, Utf8PassesThrough) {
  auto rows = Nodes(":ID,name\n1,雷军\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].properties.at("name"), Value("雷军"));
}

TEST_F(CsvTest, ReusedRowDropsPropertiesOfThePreviousRow) {
  std::vector<size_t> sizes;
  Status s = ReadNodeCsv(Write("n.csv", ":ID,a:int,b\n1,1,x\n2,,y\n3,3,\n4,,\n"), [&](NodeRow& r) {
    sizes.push_back(r.properties.size());
    if (r.id == "2") r.properties["junk"] = Value(1);  // callers may scribble on the row
    return Status::OK();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(sizes, (std::vector<size_t>{2, 1, 1, 0}));
}

// The importer's form of an edge row: a slot per property column, in key
// order whatever the header's order, each with its value while its field is
// not empty; ToMap gives the map ReadEdgeCsv hands over, reusing its nodes.
TEST_F(CsvTest, EdgeFieldsKeepAValueSlotPerPropertyColumn) {
  std::vector<std::vector<std::pair<std::string, std::optional<Value>>>> rows;
  std::vector<PropertyMap> maps;
  PropertyMap map{{"stale", Value(1)}};
  Status s = ReadEdgeFields(
      Write("e.csv",
            ":START_ID,z:int,:END_ID,a,:TYPE,m:date[]\n"
            "1,5,2,x,T,2020;2021-02\n"
            "2,,3,,T,\n"
            "3,,4,\"\",T,\"\"\n"),
      [&](EdgeFields& row) {
        auto& out = rows.emplace_back();
        for (const EdgeFields::Property& p : row.properties)
          out.emplace_back(*p.key, p.present ? std::optional<Value>(p.value) : std::nullopt);
        row.ToMap(&map);
        maps.push_back(map);
        return Status::OK();
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rows.size(), 3u);
  using Slots = std::vector<std::pair<std::string, std::optional<Value>>>;
  const Value months(ValueList{Value(*Date::ParseWithPrecision("2020")),
                               Value(*Date::ParseWithPrecision("2021-02"))});
  EXPECT_EQ(rows[0], (Slots{{"a", Value("x")}, {"m", months}, {"z", Value(5)}}));
  EXPECT_EQ(rows[1], (Slots{{"a", std::nullopt}, {"m", std::nullopt}, {"z", std::nullopt}}));
  EXPECT_EQ(rows[2], (Slots{{"a", Value("")}, {"m", Value(ValueList{})}, {"z", std::nullopt}}));
  EXPECT_EQ(maps[0], (PropertyMap{{"a", Value("x")}, {"m", months}, {"z", Value(5)}}));
  EXPECT_EQ(maps[1], PropertyMap{});
  EXPECT_EQ(maps[2], (PropertyMap{{"a", Value("")}, {"m", Value(ValueList{})}}));
}

TEST_F(CsvTest, LongFileCrossesBlockBoundaries) {
  std::string text = ":ID,name\n";
  for (int i = 0; i < 300000; ++i) {
    text += std::to_string(i) + ",\"name " + std::to_string(i) + "\nsecond line\"\n";
  }
  uint64_t n = 0;
  Status s = ReadNodeCsv(Write("big.csv", text), [&](NodeRow& r) {
    EXPECT_EQ(r.id, std::to_string(n));
    EXPECT_EQ(r.line, 2 + 2 * n);
    ++n;
    return Status::OK();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(n, 300000u);
}

// A record longer than the reader's block (a quote of 5 MB, then 1 MB of
// quoted lines) grows the buffer and reads whole, and the rows after it too.
TEST_F(CsvTest, RecordLongerThanABlockReadsWhole) {
  const std::string quote(5 << 20, 'q');
  std::string lines;
  for (int i = 0; i < 100000; ++i) lines += "line " + std::to_string(i) + "\n";
  std::string text = ":ID,name,quote\n1,a," + quote + "\n2,\"" + lines + "\",x\n3,c,\"\"\n";
  std::vector<NodeRow> rows;
  Status s = ReadNodeCsv(Write("long.csv", text), [&](NodeRow& r) {
    rows.push_back(r);
    return Status::OK();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].properties.at("quote"), Value(quote));
  EXPECT_EQ(rows[1].properties.at("name"), Value(lines));
  EXPECT_EQ(rows[1].properties.at("quote"), Value("x"));
  EXPECT_EQ(rows[2].id, "3");
  EXPECT_EQ(rows[2].line, 4u + 100000u);
}

TEST_F(CsvTest, CallbackErrorStopsTheRead) {
  int calls = 0;
  Status s = ReadNodeCsv(Write("n.csv", ":ID\n1\n2\n3\n"), [&](NodeRow&) {
    ++calls;
    return calls == 2 ? Status::SchemaViolation("stop") : Status::OK();
  });
  EXPECT_EQ(s.code(), StatusCode::kSchemaViolation);
  EXPECT_EQ(calls, 2);
}

TEST_F(CsvTest, MissingFileIsIOError) {
  Status s = ReadNodeCsv((dir_ / "absent.csv").string(), [](NodeRow&) { return Status::OK(); });
  EXPECT_EQ(s.code(), StatusCode::kIOError);
}

// --- errors ------------------------------------------------------------------

TEST_F(CsvTest, WrongFieldCount) {
  EXPECT_EQ(NodeError(":ID,name\n1,a\n2,b,c\n"),
            "nodes.csv:3: expected 2 fields as in the header, found 3");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID,:TYPE\n1,2\n"),
            "edges.csv:2: expected 3 fields as in the header, found 2");
}

TEST_F(CsvTest, UnparsableValuesNameColumnAndValue) {
  EXPECT_EQ(NodeError(":ID,founded:int\n1,19x0\n"),
            "nodes.csv:2:3: column 'founded:int': cannot parse '19x0' as int");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID,:TYPE,stance:float\n1,2,PRAISES,high\n"),
            "edges.csv:2:13: column 'stance:float': cannot parse 'high' as float");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID,:TYPE,since:date\n1,2,T,2025-02-30\n"),
            "edges.csv:2:7: column 'since:date': cannot parse '2025-02-30' as date (expected "
            "YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)");
  EXPECT_EQ(NodeError(":ID,ok:boolean\n1,yes\n"),
            "nodes.csv:2:3: column 'ok:boolean': cannot parse 'yes' as boolean");
  EXPECT_EQ(NodeError(":ID,n:int[]\n1,1;x;3\n"),
            "nodes.csv:2:3: column 'n:int[]': cannot parse 'x' as int");
}

TEST_F(CsvTest, ColumnCountsCodePointsNotBytes) {
  EXPECT_EQ(NodeError(":ID,name,n:int\n1,雷军,x\n"),
            "nodes.csv:2:6: column 'n:int': cannot parse 'x' as int");
}

TEST_F(CsvTest, UnterminatedQuotePointsAtTheOpeningLine) {
  auto r = Nodes(":ID,name\n1,ok\n2,\"never\nclosed\n3,x\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
  EXPECT_EQ(Strip(r.status().message()),
            "nodes.csv:3:3: unterminated quoted field (the quote opened here)");
}

TEST_F(CsvTest, TextAfterClosingQuoteIsSyntaxError) {
  auto r = Nodes(":ID,name\n1,\"a\"b\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
  EXPECT_EQ(Strip(r.status().message()), "nodes.csv:2:6: unexpected character after closing quote");
}

TEST_F(CsvTest, InvalidUtf8GivesLineAndColumn) {
  EXPECT_EQ(NodeError(":ID,name\n1,ab\xff\n"), "nodes.csv:2:5: invalid UTF-8");
  EXPECT_EQ(NodeError(":ID,name\n1,\"x\ny\xc3\"\n"), "nodes.csv:3:2: invalid UTF-8");
  EXPECT_EQ(NodeError(":ID,name\n1,\xed\xa0\x80\n"), "nodes.csv:2:3: invalid UTF-8")
      << "surrogates are not UTF-8";
  EXPECT_EQ(NodeError(":ID,name\n1,\xc0\xaf\n"), "nodes.csv:2:3: invalid UTF-8") << "overlong";
}

TEST_F(CsvTest, MissingRequiredColumns) {
  EXPECT_EQ(NodeError("id,:LABEL,name\n1,Company,a\n"), "nodes.csv:1: missing :ID column");
  EXPECT_EQ(EdgeError(":START_ID,:TYPE\n1,T\n"), "edges.csv:1: missing :END_ID column");
  EXPECT_EQ(EdgeError(":END_ID,:TYPE\n1,T\n"), "edges.csv:1: missing :START_ID column");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID\n1,2\n"), "edges.csv:1: missing :TYPE column");
  EXPECT_EQ(NodeError(""), "nodes.csv:1: empty file, expected a header line");
}

TEST_F(CsvTest, DuplicateAndMisplacedColumns) {
  EXPECT_EQ(NodeError(":ID,name,name:string\n"),
            "nodes.csv:1:10: duplicate column for property 'name'");
  EXPECT_EQ(NodeError("id:ID,:ID\n"), "nodes.csv:1:7: duplicate column ':ID'");
  EXPECT_EQ(NodeError(":ID,:TYPE\n"),
            "nodes.csv:1:5: column ':TYPE' is not allowed in a node file");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID,:TYPE,:LABEL\n"),
            "edges.csv:1:25: column ':LABEL' is not allowed in a relationship file");
}

TEST_F(CsvTest, UnknownTypeInHeader) {
  EXPECT_EQ(NodeError(":ID,x:integer\n"),
            "nodes.csv:1:5: unknown type 'integer' in column 'x:integer' (expected int, long, "
            "float, double, boolean, date, localtime, time, localdatetime, datetime, duration or "
            "string)");
  EXPECT_EQ(NodeError(":ID,:int\n"), "nodes.csv:1:5: column ':int' has no property name");
  EXPECT_EQ(NodeError("id:ID(Person)\n"),
            "nodes.csv:1:1: id groups are not supported in column 'id:ID(Person)'");
}

TEST_F(CsvTest, EmptyIdIsAnError) {
  EXPECT_EQ(NodeError(":ID,name\n,a\n"), "nodes.csv:2:1: empty :ID value");
  EXPECT_EQ(EdgeError(":START_ID,:END_ID,:TYPE\n1,2,\n"), "edges.csv:2:5: empty :TYPE value");
}

TEST(CsvFieldTest, AppendQuotesOnlyWhenNeeded) {
  std::string out;
  AppendCsvField("plain", &out);
  EXPECT_EQ(out, "plain");
  out.clear();
  AppendCsvField("a,b", &out);
  EXPECT_EQ(out, "\"a,b\"");
  out.clear();
  AppendCsvField("say \"hi\"", &out);
  EXPECT_EQ(out, "\"say \"\"hi\"\"\"");
  out.clear();
  AppendCsvField("two\nlines", &out);
  EXPECT_EQ(out, "\"two\nlines\"");
  out.clear();
  AppendCsvField(" padded", &out);
  EXPECT_EQ(out, "\" padded\"");
}

// The import's own day parser agrees with Date's on every day of whole
// years (leap days and year 0 included) and refuses what Date refuses:
// wrong separators, a non-digit in each place (bytes just below '0' and
// just above '9'), month 0 or 13, day 0 or past the month's end.
TEST(CsvDayTest, ParserAgreesWithDates) {
  auto text = [](int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
  };
  for (int y : {0, 1, 1900, 1969, 1970, 1999, 2000, 2024, 2100, 9999})
    for (int m = 0; m <= 13; ++m)
      for (int d = 0; d <= 32; ++d) {
        std::string t = text(y, m, d);
        Date fast;
        bool ok = csv::ParseDate(t, &fast);
        auto slow = Date::FromCivil(y, m, d);
        ASSERT_EQ(ok, slow.ok()) << t;
        if (ok) {
          EXPECT_EQ(fast.days(), slow->days()) << t;
        }
      }
  const std::string good = "2024-02-29";
  Date d;
  ASSERT_TRUE(csv::ParseDate(good, &d));
  for (size_t i = 0; i < good.size(); ++i)
    for (char c : {'/', ':', 'a', ' ', '-'}) {
      if (c == good[i]) continue;
      std::string t = good;
      t[i] = c;
      EXPECT_FALSE(csv::ParseDate(t, &d)) << t;
    }
  for (const char* t : {"2024-2-29", "2024/02/29", "20240229", "2024-02-290", ""})
    EXPECT_FALSE(csv::ParseDate(t, &d)) << t;
}

}  // namespace
}  // namespace kg::storage
