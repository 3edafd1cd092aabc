// PackStream byte by byte: the examples of the PackStream specification,
// kg's graph values in the Bolt 4.4 and 5.x layouts, and bad input.
#include "server/internal/bolt_packstream.h"

#include <memory>

#include "core/entity.h"
#include "core/relation.h"
#include "core/temporal.h"
#include "gtest/gtest.h"

namespace kg::server::internal::bolt {
namespace {

constexpr Version kV44{4, 4};
constexpr Version kV58{5, 8};

std::string Hex(const std::string& bytes) {
  std::string out;
  char buf[4];
  for (unsigned char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02X ", c);
    out += buf;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

std::string Pack(const Value& v, Version version = kV58) {
  std::string out;
  PackWriter(&out).Value(v, version);
  return out;
}

TEST(PackStreamTest, IntegersTakeTheSmallestForm) {
  EXPECT_EQ(Hex(Pack(Value(42))), "2A");
  EXPECT_EQ(Hex(Pack(Value(127))), "7F");
  EXPECT_EQ(Hex(Pack(Value(-16))), "F0");
  EXPECT_EQ(Hex(Pack(Value(-1))), "FF");
  EXPECT_EQ(Hex(Pack(Value(-17))), "C8 EF");
  EXPECT_EQ(Hex(Pack(Value(-128))), "C8 80");
  EXPECT_EQ(Hex(Pack(Value(128))), "C9 00 80");
  EXPECT_EQ(Hex(Pack(Value(-129))), "C9 FF 7F");
  EXPECT_EQ(Hex(Pack(Value(32768))), "CA 00 00 80 00");
  EXPECT_EQ(Hex(Pack(Value(int64_t{2147483648}))), "CB 00 00 00 00 80 00 00 00");
  EXPECT_EQ(Hex(Pack(Value(INT64_MIN))), "CB 80 00 00 00 00 00 00 00");
}

TEST(PackStreamTest, ScalarsAsTheSpecificationShowsThem) {
  EXPECT_EQ(Hex(Pack(Value())), "C0");
  EXPECT_EQ(Hex(Pack(Value(true))), "C3");
  EXPECT_EQ(Hex(Pack(Value(false))), "C2");
  EXPECT_EQ(Hex(Pack(Value(1.23))), "C1 3F F3 AE 14 7A E1 47 AE");
  EXPECT_EQ(Hex(Pack(Value(""))), "80");
  EXPECT_EQ(Hex(Pack(Value("A"))), "81 41");
  EXPECT_EQ(Hex(Pack(Value("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))).substr(0, 8), "D0 1A 41");
  EXPECT_EQ(Hex(Pack(Value("Größenmaßstäbe"))),
            "D0 12 47 72 C3 B6 C3 9F 65 6E 6D 61 C3 9F 73 74 C3 A4 62 65");
  EXPECT_EQ(Pack(Value(std::string(300, 'x'))).substr(0, 3), Bytes({0xD1, 0x01, 0x2C}));
}

TEST(PackStreamTest, ListsMapsAndDates) {
  EXPECT_EQ(Hex(Pack(Value(ValueList{}))), "90");
  EXPECT_EQ(Hex(Pack(Value(ValueList{Value(1), Value(2), Value(3)}))), "93 01 02 03");
  ValueList forty;
  for (int i = 1; i <= 40; ++i) forty.push_back(Value(i));
  EXPECT_EQ(Hex(Pack(Value(forty))).substr(0, 14), "D4 28 01 02 03");
  EXPECT_EQ(Hex(Pack(Value(ValueMap{{"one", Value("eins")}}))), "A1 83 6F 6E 65 84 65 69 6E 73");
  ValueMap letters;
  for (char c = 'A'; c <= 'Z'; ++c) letters[std::string(1, c)] = Value(c - 'A' + 1);
  EXPECT_EQ(Hex(Pack(Value(letters))).substr(0, 17), "D8 1A 81 41 01 81");
  // Date: a structure 'D' of the days since 1970-01-01.
  EXPECT_EQ(Hex(Pack(Value(Date(0)))), "B1 44 00");
  Date day = *Date::Parse("2025-07-16");
  EXPECT_EQ(Hex(Pack(Value(day))), "B1 44 C9 4F 3D");  // 20285 days
}

// The other temporal types as Bolt's structures: 't' nanoseconds of the day,
// 'T' with the offset, 'd' local seconds and nanos, 'I'/'i' (Bolt 5, UTC
// seconds) or 'F'/'f' (Bolt 4, local seconds) for datetimes, 'E' durations.
TEST(PackStreamTest, TemporalStructures) {
  auto t = [](TimeKind k, const char* s) { return Value(*ParseTimeValue(k, s)); };
  EXPECT_EQ(Hex(Pack(t(TimeKind::kLocalTime, "00:00:01"))), "B1 74 CA 3B 9A CA 00");
  EXPECT_EQ(Hex(Pack(t(TimeKind::kTime, "00:00:01+01:00"))), "B2 54 CA 3B 9A CA 00 C9 0E 10");
  EXPECT_EQ(Hex(Pack(t(TimeKind::kLocalDateTime, "1970-01-01T00:00:01.5"))),
            "B2 64 01 CA 1D CD 65 00");
  Value dt = t(TimeKind::kDateTime, "1970-01-01T01:00+01:00");
  EXPECT_EQ(Hex(Pack(dt, kV58)), "B3 49 00 00 C9 0E 10");
  EXPECT_EQ(Hex(Pack(dt, kV44)), "B3 46 C9 0E 10 00 C9 0E 10");
  Value zoned = t(TimeKind::kDateTime, "1970-01-01T01:00[Europe/Berlin]");
  EXPECT_EQ(Hex(Pack(zoned, kV58)).substr(0, 14), "B3 69 00 00 8D");
  EXPECT_EQ(Hex(Pack(Value(*ParseDuration("P1M2DT3.000000004S")))), "B4 45 01 02 03 04");
  // And back, as parameters from a driver, in either version's form.
  for (Version v : {kV44, kV58}) {
    for (const Value& x :
         {t(TimeKind::kLocalTime, "21:40:32.142"), t(TimeKind::kTime, "21:40-02:00"),
          t(TimeKind::kLocalDateTime, "1815-12-10T09:00"), dt, zoned,
          Value(*ParseDuration("P-1M2DT-3.5S"))}) {
      auto back = DecodeValue(Pack(x, v));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(*back, x) << x.ToDisplayString();
    }
  }
  // The second 02:30 of an autumn night: only Bolt 5's UTC form tells it
  // from the first.
  Value second = t(TimeKind::kDateTime, "2025-10-26T02:30+01:00[Europe/Berlin]");
  EXPECT_EQ(*DecodeValue(Pack(second, kV58)), second);
}

std::shared_ptr<const Entity> Node(EntityId id, std::string name) {
  auto e = std::make_shared<Entity>();
  e->id = id;
  e->labels = {"Company"};
  e->properties = {{"name", Value(std::move(name))}};
  return e;
}

Relation Rel(RelationId id, EntityId start, EntityId end) {
  Relation r;
  r.id = id;
  r.type = "MAKES";
  r.start = start;
  r.end = end;
  return r;
}

TEST(PackStreamTest, NodeWithElementIdFromBolt5) {
  Value node(Node(7, "AMD"));
  // B3 4E: id 7, ["Company"], {"name": "AMD"}
  EXPECT_EQ(Hex(Pack(node, kV44)),
            "B3 4E 07 91 87 43 6F 6D 70 61 6E 79 A1 84 6E 61 6D 65 83 41 4D 44");
  // B4 4E: the same and element id "7".
  EXPECT_EQ(Hex(Pack(node, kV58)),
            "B4 4E 07 91 87 43 6F 6D 70 61 6E 79 A1 84 6E 61 6D 65 83 41 4D 44 81 37");
}

TEST(PackStreamTest, RelationshipWithElementIdsFromBolt5) {
  Value rel(std::make_shared<const Relation>(Rel(9, 1, 2)));
  EXPECT_EQ(Hex(Pack(rel, kV44)), "B5 52 09 01 02 85 4D 41 4B 45 53 A0");
  EXPECT_EQ(Hex(Pack(rel, kV58)), "B8 52 09 01 02 85 4D 41 4B 45 53 A0 81 39 81 31 81 32");
}

TEST(PackStreamTest, PathIndicesFollowDirectionAndRepeatNodes) {
  // (1)-[10]->(2)<-[11]-(1): node 1 appears twice, relationship 11 is walked
  // from its end to its start (negative index).
  auto path = std::make_shared<Path>();
  path->nodes = {*Node(1, "a"), *Node(2, "b"), *Node(1, "a")};
  path->rels = {Rel(10, 1, 2), Rel(11, 1, 2)};
  std::string bytes = Pack(Value(std::shared_ptr<const Path>(path)), kV44);
  ASSERT_EQ(Hex(bytes.substr(0, 3)), "B3 50 92");  // Path, two distinct nodes
  // The indices list ends the structure: [1, 1, -2, 0].
  EXPECT_EQ(Hex(bytes.substr(bytes.size() - 5)), "94 01 01 FE 00");
  auto back = DecodeValue(bytes);
  EXPECT_FALSE(back.ok());  // kg does not take graph values from clients
}

TEST(PackStreamTest, DecodesWhatItEncodes) {
  ValueMap m = {{"i", Value(-129)},
                {"big", Value(INT64_MAX)},
                {"f", Value(-0.5)},
                {"s", Value("it's")},
                {"l", Value(ValueList{Value(), Value(true)})},
                {"d", Value(*Date::Parse("1969-12-31"))}};
  auto back = DecodeValue(Pack(Value(m)));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, Value(m));
}

TEST(PackStreamTest, DecodesMessagesAndFlagsTypesKgLacks) {
  // RUN "RETURN $b" {"b": bytes[1, 2]} {}
  std::string run = Bytes({0xB3, 0x10, 0x89}) + "RETURN $b" +
                    Bytes({0xA1, 0x81, 'b', 0xCC, 0x02, 0x01, 0x02, 0xA0});
  auto m = DecodeMessage(run);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->tag, 0x10);
  ASSERT_EQ(m->fields.size(), 3u);
  EXPECT_EQ(m->fields[0], Value("RETURN $b"));
  EXPECT_NE(m->unsupported.message().find("TypeError: kg has no BYTES"), std::string::npos);
}

TEST(PackStreamTest, MalformedInputIsAnErrorNamingTheByte) {
  auto fails = [](const std::string& bytes, const std::string& what) {
    auto v = DecodeValue(bytes);
    ASSERT_FALSE(v.ok()) << Hex(bytes);
    EXPECT_NE(v.status().message().find(what), std::string::npos) << v.status().message();
  };
  fails(Bytes({0x85, 'a', 'b'}), "string past the end");
  fails(Bytes({0xC9, 0x01}), "past the end");
  fails(Bytes({0xC4}), "reserved marker byte at byte 0");
  fails(Bytes({0xA1, 0x01, 0x01}), "map key that is not a string at byte 1");
  fails(Bytes({0x01, 0x02}), "trailing bytes");
  fails(Bytes({0xD6, 0x7F, 0xFF, 0xFF, 0xFF}), "list past the end");
  std::string deep(70, static_cast<char>(0x91));
  deep.push_back(0x01);
  fails(deep, "deeper than 64");
  EXPECT_FALSE(DecodeMessage(Bytes({0x91, 0x01})).ok());  // not a structure
  EXPECT_FALSE(DecodeMessage("").ok());
}

}  // namespace
}  // namespace kg::server::internal::bolt
