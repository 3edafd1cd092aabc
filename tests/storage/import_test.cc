// Bulk import: the happy path on a small seed-like graph, every class of bad
// input (message with file:line, store unchanged), importing into a store
// that already holds data, and :ID values scoped to one import; the
// importer's id map and its direct record encoders.
#include "storage/import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/temporal.h"
#include "storage/internal/codec.h"
#include "storage/internal/id_map.h"
#include "storage/internal/import_files.h"
#include "storage/internal/store_internal.h"
#include "storage/store.h"

namespace kg::storage {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNodes =
    "id:ID,:LABEL,name,aliases:string[],founded:int\n"
    "nv,Company,NVIDIA,NVDA;NVIDIANVDA--,1993\n"
    "hw,Company,Huawei,,1987\n"
    "jh,Person,Jensen Huang,黄仁勋,\n"
    "h20,Product,H20,,\n";

constexpr const char* kEdges =
    ":START_ID,:END_ID,:TYPE,stance:float,quote,date:date\n"
    "jh,hw,PRAISES,0.8,\"Huawei is \"\"very formidable\"\", truly\",2025-07-16\n"
    "nv,h20,MAKES,,,\n"
    "nv,hw,COMPETES_WITH,,,\n"
    "jh,nv,LEADS,,,\n";

// Everything a reader can observe, to prove a failed import wrote nothing.
struct Fingerprint {
  uint64_t entities = 0, relations = 0;
  std::vector<std::pair<std::string, uint64_t>> by_label, by_type;
  std::vector<Entity> all_entities;
  std::vector<Relation> all_relations;
  bool operator==(const Fingerprint&) const = default;
};

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kg_import_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
    ASSERT_TRUE(Store::Create(db_, schema::Ontology::Builtin()).ok());
    store_ = Store::Open(db_, {}).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<ImportSummary> Import(const std::string& nodes, const std::string& edges) {
    ImportOptions o;
    o.node_files = {Write("nodes.csv", nodes)};
    o.edge_files = {Write("edges.csv", edges)};
    return ImportCsv(*store_, o);
  }

  // The corpus imported, then two entities and a relation written and
  // flushed: each family has a table file from the importer and one from
  // a flush.
  void ImportAndFlush() {
    ASSERT_TRUE(Import(kNodes, kEdges).ok());
    auto t = store_->BeginWrite().value();
    EntityId a = t->CreateEntity({"Company"}, {{"name", "Flushed A"}}).value();
    EntityId b = t->CreateEntity({"Company"}, {{"name", "Flushed B"}}).value();
    ASSERT_TRUE(t->CreateRelation("COMPETES_WITH", a, b, {}).ok());
    ASSERT_TRUE(t->Commit().ok());
    ASSERT_TRUE(internal::StoreInternal::Flush(*store_).ok());
  }

  Fingerprint Take() {
    Fingerprint f;
    auto st = store_->Stats().value();
    f.entities = st.entities;
    f.relations = st.relations;
    f.by_label = st.entities_by_label;
    f.by_type = st.relations_by_type;
    auto r = store_->BeginRead();
    EXPECT_TRUE(r->ScanEntities("", [&](EntityId id) {
                   f.all_entities.push_back(r->GetEntity(id).value());
                   return true;
                 }).ok());
    EXPECT_TRUE(r->ScanEdges("", [&](const EdgeTriple& e) {
                   f.all_relations.push_back(r->GetRelation(e.relation).value());
                   return true;
                 }).ok());
    return f;
  }

  // Imports bad input and asserts the error and that nothing changed.
  void ExpectRefused(const std::string& nodes, const std::string& edges, StatusCode code,
                     const std::string& message_part) {
    Fingerprint before = Take();
    auto r = Import(nodes, edges);
    ASSERT_FALSE(r.ok()) << "import of bad input succeeded";
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(message_part), std::string::npos)
        << "message: " << r.status().message() << "\nexpected part: " << message_part;
    EXPECT_EQ(Take(), before);
    EXPECT_TRUE(store_->Check()->empty());
    for (const auto& entry : fs::directory_iterator(db_))
      EXPECT_EQ(entry.path().filename().string().find("import.tmp"), std::string::npos);
  }

  fs::path dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
};

TEST(IdMapTest, FindsEveryInsertedKeyShortAndLong) {
  internal::IdMap map;
  auto key = [](int i) {
    return i % 3 == 0 ? "a-rather-long-identifier-" + std::to_string(i) : std::to_string(i);
  };
  for (int i = 0; i < 50000; ++i) ASSERT_EQ(map.Insert(key(i), i), static_cast<uint32_t>(i));
  EXPECT_EQ(map.size(), 50000u);
  EXPECT_EQ(map.Insert(key(42), 7), 42u);  // present: the old value stays
  for (int i = 0; i < 50000; ++i) ASSERT_EQ(map.Find(key(i)), static_cast<uint32_t>(i));
  EXPECT_EQ(map.Find("50000"), internal::IdMap::kAbsent);
  EXPECT_EQ(map.Find(""), internal::IdMap::kAbsent);
  EXPECT_EQ(map.Insert("", 9), 9u);
  EXPECT_EQ(map.Find(""), 9u);
}

// A decimal key too far ahead for the dense array goes to the hash table;
// once the array has grown past it, the key is still found there and not
// stored twice.
TEST(IdMapTest, AKeyTheDenseArrayRefusedStaysFoundAfterItGrows) {
  internal::IdMap map;
  EXPECT_EQ(map.Insert("5000", 0), 0u);
  for (uint32_t i = 1; i <= 6000; ++i) {
    if (i == 5000) continue;
    ASSERT_EQ(map.Insert(std::to_string(i), i), i);
  }
  EXPECT_EQ(map.Insert("5000", 77), 0u);
  EXPECT_EQ(map.Find("5000"), 0u);
  EXPECT_EQ(map.size(), 6000u);
  for (uint32_t i = 1; i <= 6000; ++i) {
    if (i == 5000) continue;
    ASSERT_EQ(map.Find(std::to_string(i)), i);
  }
  EXPECT_EQ(map.Find("0"), internal::IdMap::kAbsent);
  EXPECT_EQ(map.Find("6001"), internal::IdMap::kAbsent);
}

// Ids 0..N-1 in file order map to their own index without the dense array
// (IdMap's identity prefix); an id out of that order ends the prefix, and
// every key is still found with its own value.
TEST(IdMapTest, IdsInFileOrderAndOutOfItResolveAlike) {
  internal::IdMap map;
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(map.Insert(std::to_string(i), i), i);
  EXPECT_EQ(map.Insert("1200", 1000), 1000u);  // skips ahead: the prefix ends at 1000
  EXPECT_EQ(map.Insert("1000", 1001), 1001u);
  EXPECT_EQ(map.Insert("1001", 1002), 1002u);
  EXPECT_EQ(map.Insert("500", 7), 500u);  // present
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(map.Find(std::to_string(i)), i);
  EXPECT_EQ(map.Find("1200"), 1000u);
  EXPECT_EQ(map.Find("1000"), 1001u);
  EXPECT_EQ(map.Find("1001"), 1002u);
  for (const char* absent : {"1002", "1199", "1201", "0999", "01"})
    EXPECT_EQ(map.Find(absent), internal::IdMap::kAbsent) << absent;
  EXPECT_EQ(map.size(), 1003u);
}

// The import's clocks by relation index: undated relations before, between
// and after the dated ones read as empty, and nothing is kept per relation
// until the first dated one.
TEST(AdjClocksTest, EachRelationReadsItsOwnClock) {
  internal::AdjClocks clocks;
  ASSERT_TRUE(clocks.Add(0, "").ok());
  EXPECT_TRUE(clocks.empty());
  ASSERT_TRUE(clocks.Add(3, "abc").ok());
  ASSERT_TRUE(clocks.Add(4, "de").ok());
  ASSERT_TRUE(clocks.Add(5, "").ok());
  ASSERT_TRUE(clocks.Add(7, "f").ok());
  EXPECT_FALSE(clocks.empty());
  const std::vector<std::string> want = {"", "", "", "abc", "de", "", "", "f", "", ""};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(clocks.Text(clocks.SpanOf(i)), want[i]) << i;
}

TEST(IdMapTest, DecimalKeysKeepTheirExactSpelling) {
  internal::IdMap map;
  EXPECT_EQ(map.Insert("7", 0), 0u);
  EXPECT_EQ(map.Insert("007", 1), 1u);
  EXPECT_EQ(map.Insert("+7", 2), 2u);
  EXPECT_EQ(map.Insert("4000000000", 3), 3u);  // too long for the dense array
  EXPECT_EQ(map.Insert("123456789", 4), 4u);   // far beyond the keys so far
  EXPECT_EQ(map.Insert("0", 5), 5u);
  EXPECT_EQ(map.Insert("7", 9), 0u);
  EXPECT_EQ(map.Find("7"), 0u);
  EXPECT_EQ(map.Find("007"), 1u);
  EXPECT_EQ(map.Find("+7"), 2u);
  EXPECT_EQ(map.Find("4000000000"), 3u);
  EXPECT_EQ(map.Find("123456789"), 4u);
  EXPECT_EQ(map.Find("0"), 5u);
  for (const char* absent : {"07", "8", "00", "123456788", "1", "-7"})
    EXPECT_EQ(map.Find(absent), internal::IdMap::kAbsent) << absent;
  for (int i = 10; i < 3000; ++i) ASSERT_EQ(map.Insert(std::to_string(i), i), uint32_t(i));
  for (int i = 10; i < 3000; ++i) ASSERT_EQ(map.Find(std::to_string(i)), uint32_t(i));
  EXPECT_EQ(map.Find("123456789"), 4u);
}

// The importer's direct record encoders must write exactly the bytes of
// Cap'n Proto's builder, for every kind of value and for records too large
// for the direct path's one segment.
TEST(CodecTest, DirectEncodingMatchesTheBuilder) {
  ValueList mixed = {Value(),
                     Value(true),
                     Value(int64_t{-3}),
                     Value(2.5),
                     Value("x"),
                     Value(Date(-1)),
                     Value(ValueList{Value("nested")})};
  std::vector<PropertyMap> maps = {
      {},
      {{"a", Value()}},
      {{"b", Value(false)}, {"c", Value(true)}},
      {{"i", Value(int64_t{-9000000000})}, {"j", Value(int64_t{0})}},
      {{"d", Value(-0.0)}, {"e", Value(1e300)}},
      {{"t", Value("")}, {"u", Value("1234567")}, {"v", Value("12345678")}, {"w", Value("黄仁勋")}},
      {{"date", Value(Date(20000))}, {"old", Value(Date(-719468))}},
      // Dates of week, month and year precision (the precision byte).
      {{"w", Value(*Date::ParseWithPrecision("2025-W28"))},
       {"m", Value(*Date::ParseWithPrecision("2025-04"))},
       {"y", Value(*Date::ParseWithPrecision("1999"))},
       {"ys", Value(ValueList{Value(*Date::ParseWithPrecision("1999")),
                              Value(*Date::Parse("1999-05-06"))})}},
      {{"empty", Value(ValueList{})}, {"list", Value(ValueList{Value("a"), Value("bc")})}},
      {{"mixed", Value(mixed)}},
      {{"long", Value(std::string(900, 'q'))}},  // larger than the first segment
      // The temporal types besides DATE go through the builder only.
      {{"lt", Value(*ParseTimeValue(TimeKind::kLocalTime, "21:40:32.142"))},
       {"t", Value(*ParseTimeValue(TimeKind::kTime, "21:40-01:30"))},
       {"ldt", Value(*ParseTimeValue(TimeKind::kLocalDateTime, "1815-12-10T09:00"))},
       {"dt", Value(*ParseTimeValue(TimeKind::kDateTime, "2025-07-16T10:00[Asia/Shanghai]"))},
       {"dur", Value(*ParseDuration("P1Y-2DT-0.5S"))},
       {"when",
        Value(ValueList{Value(*ParseTimeValue(TimeKind::kDateTime, "2025-01-01T00:00Z"))})}},
      {{"edge", Value(std::string(8 * 110, 'r'))}},
  };
  std::vector<std::vector<std::string>> label_sets = {
      {}, {""}, {"Company"}, {"Company", "Person", "Organization"}, {std::string(1000, 'L')}};
  for (size_t m = 0; m < maps.size(); ++m) {
    for (const auto& labels : label_sets) {
      Entity e{42 + m, labels, maps[m]};
      for (std::string import_id : {"", "nvidia", "an id, \"quoted\", longer than a word"}) {
        std::string direct;
        internal::AppendEntity(e, &direct, import_id);
        EXPECT_EQ(direct, internal::EncodeEntityWithBuilder(e, import_id)) << "map " << m;
        EXPECT_EQ(internal::DecodeEntity(direct).value(), e);
        EXPECT_EQ(internal::DecodeImportId(direct).value(), import_id);
      }
    }
    for (std::string type : {"", "LEADS", "A_TYPE_NAME_LONGER_THAN_A_WORD"}) {
      Relation r{7 + m, type, 1, UINT64_MAX, maps[m]};
      std::string direct = "prefix";  // appends after what is there
      internal::AppendRelation(r, &direct);
      EXPECT_EQ(direct, "prefix" + internal::EncodeRelationWithBuilder(r)) << "map " << m;
      EXPECT_EQ(internal::DecodeRelation(direct.substr(6)).value(), r);
      // The importer's form (the values by reference, in key order) makes
      // the same bytes, through the builder too when they outgrow a segment.
      std::vector<internal::PropertyRef> refs;
      for (const auto& [key, value] : r.properties) refs.push_back({key, &value});
      std::string by_ref = "prefix";
      internal::AppendRelation(r.id, r.start, r.end, r.type, refs, &by_ref);
      EXPECT_EQ(by_ref, direct) << "map " << m;
    }
  }
  // Sizes around the one-segment limit.
  for (size_t n = 850; n < 1050; ++n) {
    Relation r{1, "T", 2, 3, {{"q", Value(std::string(n, 'z'))}}};
    std::string direct;
    internal::AppendRelation(r, &direct);
    EXPECT_EQ(direct, internal::EncodeRelationWithBuilder(r)) << n;
    const Value& q = r.properties.at("q");
    std::vector<internal::PropertyRef> refs = {{"q", &q}};
    std::string by_ref;
    internal::AppendRelation(1, 2, 3, "T", refs, &by_ref);
    EXPECT_EQ(by_ref, internal::EncodeRelationWithBuilder(r)) << n;
  }
}

// A record written before dates had a precision (no precision byte: the
// bytes of a day today) reads as a day; the precision byte is what tells a
// month from its first day.
TEST(CodecTest, DatesWithoutPrecisionReadAsDays) {
  Date april = *Date::ParseWithPrecision("2025-04");
  Relation day{1, "T", 2, 3, {{"valid_from", Value(april.first_day())}}};
  Relation month{1, "T", 2, 3, {{"valid_from", Value(april)}}};
  std::string day_bytes, month_bytes;  // the plain messages, byte for byte
  internal::AppendRelation(day, &day_bytes);
  internal::AppendRelation(month, &month_bytes);
  ASSERT_EQ(day_bytes.size(), month_bytes.size());
  size_t differ = 0;
  for (size_t i = 0; i < day_bytes.size(); ++i) differ += day_bytes[i] != month_bytes[i];
  EXPECT_EQ(differ, 1u) << "only the precision byte";
  EXPECT_EQ(internal::DecodeRelation(day_bytes)->properties.at("valid_from"),
            Value(april.first_day()));
  EXPECT_EQ(internal::DecodeRelation(month_bytes)->properties.at("valid_from"), Value(april));
  // A precision byte beyond year is corruption, not a guess.
  for (size_t i = 0; i < day_bytes.size(); ++i) {
    if (day_bytes[i] != month_bytes[i]) month_bytes[i] = 9;
  }
  auto bad = internal::DecodeRelation(month_bytes);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
}

// A damaged record of 64 bytes may claim a list of eight million empty
// properties (Cap'n Proto's default traversal limit allows it, charging one
// word per empty element); it must be refused as Corruption at once, not
// decoded for seconds (found by fuzz_codec).
TEST(CodecTest, AmplifiedEmptyListIsCorruption) {
  const unsigned char bytes[] = {
      0,    0,    0,    0,    7, 0, 0, 0,  // one segment of 7 words
      0,    0,    0,    0,    3, 0, 2, 0,  // root: 3 data words, 2 pointers
      0,    0,    0,    0,    0, 0, 0, 0,  // id
      0,    0,    0,    0,    0, 0, 0, 0,  // start
      0,    0,    0,    0,    0, 0, 0, 0,  // end
      0,    0,    0,    0,    0, 0, 0, 0,  // type: null
      1,    0,    0,    0,    7, 0, 0, 0,  // properties: composite list of 0 words
      0x00, 0x48, 0xe8, 0x01, 0, 0, 0, 0,  // tag: 8,000,000 empty structs
  };
  auto relation = internal::DecodeRelation(
      std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  ASSERT_FALSE(relation.ok());
  EXPECT_EQ(relation.status().code(), StatusCode::kCorruption) << relation.status().ToString();
}

TEST_F(ImportTest, SeedLikeGraphLandsWhole) {
  std::vector<uint64_t> progress_rows;
  uint64_t last_done = 0, last_total = 0;
  ImportOptions o;
  o.node_files = {Write("nodes.csv", kNodes)};
  o.edge_files = {Write("edges.csv", kEdges)};
  o.progress = [&](uint64_t rows, uint64_t done, uint64_t total) {
    progress_rows.push_back(rows);
    EXPECT_LE(done, total);
    last_done = done;
    last_total = total;
  };
  auto summary = ImportCsv(*store_, o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->entities, 4u);
  EXPECT_EQ(summary->relations, 4u);
  ASSERT_FALSE(progress_rows.empty());
  EXPECT_EQ(progress_rows.back(), 8u);
  // The last report has read every byte of both files.
  EXPECT_EQ(last_total, std::string_view(kNodes).size() + std::string_view(kEdges).size());
  EXPECT_EQ(last_done, last_total);

  auto stats = store_->Stats().value();
  EXPECT_EQ(stats.entities, 4u);
  EXPECT_EQ(stats.relations, 4u);
  EXPECT_EQ(stats.entities_by_label, (std::vector<std::pair<std::string, uint64_t>>{
                                         {"Company", 2}, {"Person", 1}, {"Product", 1}}));
  EXPECT_EQ(stats.relations_by_type.size(), 4u);

  auto r = store_->BeginRead();
  auto nv = r->FindByName("nvidianvda--").value();
  ASSERT_EQ(nv.size(), 1u);
  EXPECT_EQ(r->FindByName("NVDA").value(), nv);
  Entity nvidia = r->GetEntity(nv[0]).value();
  EXPECT_EQ(nvidia.name(), "NVIDIA");
  EXPECT_EQ(*nvidia.Find("founded"), Value(1993));
  EntityId jh = r->FindByName("黄仁勋").value().at(0);
  std::vector<Edge> out;
  ASSERT_TRUE(r->Expand(jh, Direction::kOutgoing, {}, [&](const Edge& e) {
                 out.push_back(e);
                 return true;
               }).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].type, "LEADS");
  EXPECT_EQ(out[1].type, "PRAISES");
  Relation praise = r->GetRelation(out[1].relation).value();
  EXPECT_EQ(praise.StringProperty("quote"), "Huawei is \"very formidable\", truly");
  EXPECT_DOUBLE_EQ(*praise.stance(), 0.8);
  EXPECT_EQ(praise.Find("date")->as_date().ToString(), "2025-07-16");
  EXPECT_EQ(r->Degree(nv[0], Direction::kBoth, {}).value(), 3u);
  EXPECT_TRUE(store_->Check()->empty());

  // Transactions continue after the imported ids.
  auto t = store_->BeginWrite().value();
  EntityId next = t->CreateEntity({"Country"}, {{"name", "China"}}).value();
  EXPECT_GT(next, nv[0]);
  ASSERT_TRUE(t->Commit().ok());
  EXPECT_TRUE(store_->Check()->empty());
}

// Rows are encoded straight from their columns unless a property needs the
// general path (a clock property, which also dates the adjacency entry).
// Rows of both kinds in one file and one batch land as the same records a
// transaction would write, and the dated ones are found by a time filter.
TEST_F(ImportTest, RowsOnTheQuickAndTheGeneralPathLandAlike) {
  ImportOptions o;
  o.node_files = {Write("nodes.csv", kNodes)};
  o.edge_files = {Write("edges.csv",
                        ":START_ID,:END_ID,:TYPE,stance:float,note,valid_from:date,tags:string[]\n"
                        "jh,hw,PRAISES,0.5,kind words,,a;b\n"  // quick: stance, text, list
                        "nv,hw,COMPETES_WITH,,,2019-05,\n"     // general: a clock
                        "nv,h20,MAKES,,\"\",,\n"               // quick: an empty quoted text
                        "jh,nv,LEADS,,,1993,x\n")};            // general again
  auto summary = ImportCsv(*store_, o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(summary->relations, 4u);
  auto r = store_->BeginRead();
  std::vector<Relation> got;
  for (RelationId id = 1; got.size() < 4 && id < 100; ++id) {
    auto rel = r->GetRelation(id);
    if (rel.ok()) got.push_back(*rel);
  }
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].type, "PRAISES");
  EXPECT_EQ(got[0].properties, (PropertyMap{{"note", Value("kind words")},
                                            {"stance", Value(0.5)},
                                            {"tags", Value(ValueList{Value("a"), Value("b")})}}));
  EXPECT_EQ(got[1].properties,
            (PropertyMap{{"valid_from", Value(*Date::ParseWithPrecision("2019-05"))}}));
  EXPECT_EQ(got[2].properties, (PropertyMap{{"note", Value("")}}));
  EXPECT_EQ(got[3].properties,
            (PropertyMap{{"tags", Value(ValueList{Value("x")})},
                         {"valid_from", Value(*Date::ParseWithPrecision("1993"))}}));
  // Each record is what a transaction writes for the relation it decodes to.
  for (const Relation& rel : got) {
    auto raw =
        internal::StoreInternal::Get(*store_, internal::kCfRelations, internal::IdKey(rel.id));
    ASSERT_TRUE(raw.has_value());
    EXPECT_EQ(*raw, internal::EncodeRelation(rel)) << rel.type;
  }
  // The dated relations' adjacency entries carry their clocks: in 1990
  // NVIDIA's competition with Huawei and Jensen Huang's lead had not begun.
  EntityId nv = r->FindByName("NVIDIA").value().at(0);
  // The sorted types of NVIDIA's relations valid on `day`.
  auto types_on = [&](const char* day) {
    RelationFilter filter;
    filter.valid_at = *Date::Parse(day);
    std::vector<std::string> seen;
    EXPECT_TRUE(r->Expand(nv, Direction::kBoth, {}, filter, [&](const Edge& e) {
                   seen.emplace_back(e.type);
                   return true;
                 }).ok());
    std::sort(seen.begin(), seen.end());
    return seen;
  };
  EXPECT_EQ(types_on("1990-01-01"), std::vector<std::string>{"MAKES"});
  EXPECT_EQ(types_on("2020-01-01"), (std::vector<std::string>{"COMPETES_WITH", "LEADS", "MAKES"}));
  EXPECT_TRUE(store_->Check()->empty());
}

// Each family's table files carry the compression docs/storage.md gives it:
// LZ4 for the (packed) relation records and the entity records, none for
// the key-only families; the same whether the importer or a flush wrote
// them.
TEST_F(ImportTest, TableFilesUseEachFamilysCompression) {
  ASSERT_NO_FATAL_FAILURE(ImportAndFlush());
  using internal::StoreInternal;
  // A file from the import and one from the flush, each family.
  auto expect = [&](int cf, const std::string& name) {
    std::vector<std::string> files = StoreInternal::TableCompressions(*store_, cf).value();
    EXPECT_EQ(files.size(), 2u) << cf;
    for (const std::string& f : files) EXPECT_EQ(f, name) << cf;
  };
  expect(internal::kCfRelations, "LZ4");
  expect(internal::kCfEntities, "LZ4");
  for (int cf : {internal::kCfOut, internal::kCfIn, internal::kCfNames, internal::kCfLabels})
    expect(cf, "NoCompression");
  Fingerprint f = Take();  // every record reads back
  EXPECT_EQ(f.entities, 6u);
  EXPECT_EQ(f.all_relations.size(), 5u);
  EXPECT_TRUE(store_->Check()->empty());
}

// The relations family's files carry a two-level index, so an open reads
// only its top level; the families on the traversals' path keep a one-level
// index (docs/storage.md, "RocksDB options"). The same whether the importer
// or a flush wrote them, and everything reads back through a read-only open.
TEST_F(ImportTest, RelationFilesHaveATwoLevelIndex) {
  ASSERT_NO_FATAL_FAILURE(ImportAndFlush());
  using internal::StoreInternal;
  auto relations = StoreInternal::TableShapes(*store_, internal::kCfRelations).value();
  ASSERT_EQ(relations.size(), 2u);
  for (const auto& file : relations) EXPECT_GE(file.index_partitions, 1u);
  for (int cf : {internal::kCfEntities, internal::kCfOut, internal::kCfIn, internal::kCfNames,
                 internal::kCfLabels}) {
    auto files = StoreInternal::TableShapes(*store_, cf).value();
    EXPECT_EQ(files.size(), 2u) << cf;
    for (const auto& file : files) EXPECT_EQ(file.index_partitions, 0u) << cf;
  }
  Fingerprint before = Take();
  store_.reset();
  OpenOptions ro;
  ro.read_only = true;
  store_ = Store::Open(db_, ro).value();
  Fingerprint after = Take();
  EXPECT_EQ(after.entities, 6u);
  EXPECT_EQ(after.all_relations.size(), 5u);
  EXPECT_EQ(after, before);
}

// The adjacency families are written in 16 KB blocks (a quarter of the
// index that a 4 KB block size needs, all of which an open reads), and so
// are the relation records (fewer index entries, tighter blocks); the
// others in RocksDB's 4 KB: 1,000 nodes with 5 edges each fill several
// blocks of every family.
TEST_F(ImportTest, AdjacencyAndRelationFilesHaveLargerBlocks) {
  std::string nodes = "id:ID,:LABEL,name\n", edges = ":START_ID,:END_ID,:TYPE\n";
  constexpr int kCount = 1000;
  for (int i = 0; i < kCount; ++i) {
    nodes += std::to_string(i) + ",Company,Company number " + std::to_string(i) + "\n";
    for (int d = 1; d <= 5; ++d)
      edges += std::to_string(i) + "," + std::to_string((i + d) % kCount) + ",COMPETES_WITH\n";
  }
  ASSERT_TRUE(Import(nodes, edges).ok());
  using internal::StoreInternal;
  // The bytes of keys and values per block, before compression and before
  // the blocks' prefix encoding (so a 4 KB block holds up to about 8 KB).
  auto average_block = [&](int cf) {
    auto files = StoreInternal::TableShapes(*store_, cf).value();
    EXPECT_EQ(files.size(), 1u) << cf;
    if (files.empty()) return uint64_t{0};
    EXPECT_GE(files[0].data_blocks, 3u) << cf;
    return files[0].raw_bytes / std::max<uint64_t>(files[0].data_blocks, 1);
  };
  for (int cf : {internal::kCfOut, internal::kCfIn, internal::kCfRelations})
    EXPECT_GT(average_block(cf), 12u << 10) << cf;
  for (int cf : {internal::kCfNames, internal::kCfEntities})
    EXPECT_LT(average_block(cf), 8u << 10) << cf;
  auto r = store_->BeginRead();
  std::vector<EntityId> first = r->FindByName("Company number 0").value();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(r->Degree(first[0], Direction::kBoth, {}).value(), 10u);
  // A relation record is read back from its larger block.
  Relation rel = r->GetRelation(RelationId{2500}).value();
  EXPECT_EQ(rel.type, "COMPETES_WITH");
  EXPECT_EQ(r->GetEntity(rel.start).value().Find("name")->as_string(), "Company number 499");
}

TEST_F(ImportTest, ImportIntoNonEmptyStoreAddsAndScopesIdsPerImport) {
  EntityId existing;
  {
    auto t = store_->BeginWrite().value();
    existing = t->CreateEntity({"Company"}, {{"name", "NVIDIA"}}).value();
    ASSERT_TRUE(t->Commit().ok());
  }
  ASSERT_TRUE(Import(kNodes, kEdges).ok());
  // The same :ID strings again are new entities: :ID is scoped to one import.
  auto again = Import(kNodes, kEdges);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto stats = store_->Stats().value();
  EXPECT_EQ(stats.entities, 9u);
  EXPECT_EQ(stats.relations, 8u);
  auto nvidias = store_->BeginRead()->FindByName("nvidia").value();
  ASSERT_EQ(nvidias.size(), 3u);
  EXPECT_EQ(nvidias[0], existing);
  EXPECT_TRUE(store_->Check()->empty());
  // After reopening, the counters continue past all imported ids.
  store_.reset();
  auto reopened = Store::Open(db_, {});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  auto w = store_->BeginWrite().value();
  EXPECT_GT(w->CreateEntity({"Country"}, {{"name", "US"}}).value(), nvidias[2]);
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_TRUE(store_->Check()->empty());
}

TEST_F(ImportTest, EmptyFilesImportNothing) {
  auto r = Import("id:ID,:LABEL,name\n", ":START_ID,:END_ID,:TYPE\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities, 0u);
  EXPECT_EQ(store_->Stats()->entities, 0u);
}

TEST_F(ImportTest, DuplicateIdIsRefused) {
  ASSERT_TRUE(Import(kNodes, kEdges).ok());  // a non-empty store must stay unchanged too
  ExpectRefused(std::string(kNodes) + "hw,Company,Huawei 2,,\n", kEdges,
                StatusCode::kInvalidArgument, "nodes.csv:6: duplicate :ID 'hw' (first on line 3)");
}

TEST_F(ImportTest, UnknownStartIdIsRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "zz,nv,LEADS,,,\n", StatusCode::kInvalidArgument,
                "edges.csv:6: unknown :START_ID 'zz'");
}

TEST_F(ImportTest, UnknownEndIdIsRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "jh,qq,LEADS,,,\n", StatusCode::kInvalidArgument,
                "edges.csv:6: unknown :END_ID 'qq'");
}

TEST_F(ImportTest, UnknownLabelIsRefused) {
  ExpectRefused(std::string(kNodes) + "x,Compnay,X,,\n", kEdges, StatusCode::kSchemaViolation,
                "nodes.csv:6: entity 'X': unknown kind 'Compnay'");
}

TEST_F(ImportTest, MissingNameIsRefused) {
  ExpectRefused(std::string(kNodes) + "x,Company,,,\n", kEdges, StatusCode::kSchemaViolation,
                "nodes.csv:6: ");
}

TEST_F(ImportTest, DisallowedEndpointKindsAreRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "jh,hw,COMPETES_WITH,,,\n",
                StatusCode::kSchemaViolation, "edges.csv:6: COMPETES_WITH starts at");
}

// More label sets than one byte numbers (the importer keeps each node's set
// in a byte until the 257th set appears): the endpoint check still sees
// each node's own kind. 300 kinds; LINKS may not end at K290, whose set
// number would read as K34's if it were cut to a byte.
TEST_F(ImportTest, EndpointKindsHoldPastTwoHundredFiftySixLabelSets) {
  std::string kinds, ends;
  for (int i = 0; i < 300; ++i) {
    kinds += std::string(i ? "," : "") + "\"K" + std::to_string(i) + "\"";
    if (i != 290) ends += std::string(ends.empty() ? "" : ",") + "\"K" + std::to_string(i) + "\"";
  }
  auto ontology = schema::Ontology::FromJson(
      "{\"kinds\": [" + kinds + "], \"relations\": [{\"type\": \"LINKS\", \"from\": [" + kinds +
          "], \"to\": [" + ends + "]}]}",
      "test");
  ASSERT_TRUE(ontology.ok()) << ontology.status().ToString();
  std::string nodes = "id:ID,:LABEL,name\n";
  for (int i = 0; i < 300; ++i)
    nodes += std::to_string(i) + ",K" + std::to_string(i) + ",node " + std::to_string(i) + "\n";
  ImportOptions o;
  o.node_files = {Write("nodes.csv", nodes)};
  o.edge_files = {Write("edges.csv", ":START_ID,:END_ID,:TYPE\n299,34,LINKS\n0,299,LINKS\n")};
  auto ok = ImportIntoNewDatabase((dir_ / "wide").string(), *ontology, o);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->relations, 2u);
  o.edge_files = {Write("edges.csv", ":START_ID,:END_ID,:TYPE\n299,34,LINKS\n1,290,LINKS\n")};
  auto refused = ImportIntoNewDatabase((dir_ / "wide2").string(), *ontology, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kSchemaViolation);
  EXPECT_NE(refused.status().message().find("edges.csv:3: LINKS ends at"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(fs::exists(dir_ / "wide2"));
}

TEST_F(ImportTest, UnknownTypeIsRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "nv,hw,LOVES,,,\n", StatusCode::kSchemaViolation,
                "edges.csv:6: unknown relation type 'LOVES'");
}

TEST_F(ImportTest, StanceOutOfRangeIsRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "jh,nv,PRAISES,1.5,,\n", StatusCode::kSchemaViolation,
                "edges.csv:6: ");
}

TEST_F(ImportTest, ReservedPropertyNamesAreRefused) {
  ExpectRefused("id:ID,:LABEL,name,_labels\nnv,Company,NVIDIA,x\n", ":START_ID,:END_ID,:TYPE\n",
                StatusCode::kSchemaViolation,
                "nodes.csv:2: entity 'NVIDIA': property name '_labels'");
}

// The importer checks a relation type's endpoint kinds once per pair of label
// sets; the property rules must still hold row by row, with the ontology's
// own messages.
TEST_F(ImportTest, PropertyRulesApplyToEveryRowOfACheckedType) {
  const std::string header = ":START_ID,:END_ID,:TYPE,stance:float,valid_from:date,valid_to:date\n";
  const std::string good =
      "jh,hw,PRAISES,0.8,,\n"
      "jh,nv,PRAISES,-0.5,2020-01-01,2021-01-01\n"
      "nv,h20,MAKES,,2020-01-01,2020-01-01\n";
  ASSERT_TRUE(Import(kNodes, header + good).ok());
  ExpectRefused(kNodes, header + good + "jh,hw,PRAISES,1.5,,\n", StatusCode::kSchemaViolation,
                "edges.csv:5: relation PRAISES: stance 1.5 is outside [-1, 1]");
  ExpectRefused(kNodes, header + good + "nv,h20,MAKES,0.5,,\n", StatusCode::kSchemaViolation,
                "edges.csv:5: MAKES carries no stance");
  ExpectRefused(kNodes, header + good + "nv,h20,MAKES,,2021-01-01,2020-01-01\n",
                StatusCode::kSchemaViolation,
                "edges.csv:5: relation MAKES: valid_from 2021-01-01 is after valid_to 2020-01-01");
  ExpectRefused(std::string(kNodes) + "x,Company,,,\n", kEdges, StatusCode::kSchemaViolation,
                "nodes.csv:6: entity: a Company needs a non-empty string name");
  ExpectRefused(std::string(kNodes) + "x,Company;Person,X,,\n", kEdges,
                StatusCode::kSchemaViolation,
                "nodes.csv:6: entity 'X': needs exactly one kind, has 2 (Company, Person)");
}

TEST_F(ImportTest, UnparsableValueIsRefused) {
  ExpectRefused(std::string(kNodes) + "x,Company,X,,nineteen\n", kEdges,
                StatusCode::kInvalidArgument, "nodes.csv:6:");
}

TEST_F(ImportTest, BrokenQuotingIsRefused) {
  ExpectRefused(kNodes, std::string(kEdges) + "jh,nv,PRAISES,0.5,\"unterminated,\n",
                StatusCode::kSyntaxError, "edges.csv:6:");
}

TEST_F(ImportTest, InvalidUtf8IsRefused) {
  ExpectRefused(std::string(kNodes) + "x,Company,Bad\xff\xfe,,\n", kEdges,
                StatusCode::kInvalidArgument, "nodes.csv:6:");
}

TEST_F(ImportTest, MissingRequiredHeaderColumnIsRefused) {
  ExpectRefused(kNodes, ":START_ID,:END_ID,stance:float\njh,nv,0.5\n", StatusCode::kInvalidArgument,
                "edges.csv:1:");
}

TEST_F(ImportTest, ErrorOnLastOfManyRowsWritesNothing) {
  std::string nodes = "id:ID,:LABEL,name\n";
  std::string edges = ":START_ID,:END_ID,:TYPE\n";
  for (int i = 0; i < 2000; ++i) {
    nodes += "c" + std::to_string(i) + ",Company,Company " + std::to_string(i) + "\n";
    if (i > 0) edges += "c" + std::to_string(i) + ",c0,SUPPLIES\n";
  }
  edges += "c1,c1,LEADS\n";  // line 2001: LEADS starts at a Person
  ExpectRefused(nodes, edges, StatusCode::kSchemaViolation, "edges.csv:2001: LEADS starts at");
  auto ok = Import(nodes, ":START_ID,:END_ID,:TYPE\nc1,c0,SUPPLIES\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(store_->Stats()->entities, 2000u);
}

TEST_F(ImportTest, ReadOnlyStoreRefusesImport) {
  store_.reset();
  OpenOptions ro;
  ro.read_only = true;
  store_ = Store::Open(db_, ro).value();
  auto r = Import(kNodes, kEdges);
  EXPECT_EQ(r.status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace kg::storage

namespace kg::storage {
namespace {

// A measurement, not a test: imports $KG_BENCH_DATA/{nodes,edges}.csv (e.g.
// kggen --size M) into a fresh store and prints the time. Run as
// KG_BENCH_DATA=/tmp/kgM storage_test --gtest_also_run_disabled_tests
// --gtest_filter=DISABLED_ImportBench.*
TEST(DISABLED_ImportBench, ImportKggen) {
  const char* data = std::getenv("KG_BENCH_DATA");
  if (data == nullptr) GTEST_SKIP() << "set KG_BENCH_DATA to a kggen output directory";
  std::string db =
      (fs::temp_directory_path() / ("kg_import_bench_" + std::to_string(::getpid()))).string();
  fs::remove_all(db);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto store = Store::Open(db, {}).value();
  auto t1 = std::chrono::steady_clock::now();
  ImportOptions o;
  o.node_files = {std::string(data) + "/nodes.csv"};
  o.edge_files = {std::string(data) + "/edges.csv"};
  auto summary = ImportCsv(*store, o);
  auto t2 = std::chrono::steady_clock::now();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::cout << "create+open " << ms(t0, t1) << " ms, import " << ms(t1, t2)
            << " ms: " << summary->entities << " entities, " << summary->relations
            << " relations\n";
  store.reset();
  fs::remove_all(db);
}

}  // namespace
}  // namespace kg::storage
