// Packed relation records (storage/internal/packed_record.h): the encoding
// is Cap'n Proto's own (its reader reads ours, ours reads its writer's), it
// round-trips every message shape with and without the byte shuffle, a
// damaged packed record is Corruption at every cut, and a plain record is
// never taken for a packed one. The store writes them from format version
// 3: an older database reads as it is, is raised to 3 by a writable open,
// and kg check reports a packed record in a database that predates them.
#include "storage/internal/packed_record.h"

#include <capnp/message.h>
#include <capnp/serialize-packed.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>
#include <kj/io.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/internal/adj_clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/keys.h"
#include "storage/internal/store_internal.h"
#include "tests/storage/test_store.h"

namespace kg::storage::internal {
namespace {

// The plain message of `r`.
std::string Message(const Relation& r) {
  std::string m;
  AppendRelation(r, &m);
  return m;
}

// Relations of every shape the codec writes: no properties, small numbers
// and texts (mostly zero bytes), an all-nonzero word, long zero runs (a
// list of 300 nulls: more zero words than one run holds) and a record over
// several segments.
std::vector<Relation> Shapes() {
  ValueList nulls(300, Value());
  return {
      {1, "R", 2, 3, {}},
      {7, "COMPETES_WITH", 100, 200000, {{"since", Value(Date(16000))}}},
      {UINT64_MAX, "AAAAAAAA", UINT64_MAX - 1, 0x0102030405060708, {{"s", Value(-0.5)}}},
      {5, "T", 6, 7, {{"nulls", Value(nulls)}}},
      {9, "T", 10, 11, {{"quote", Value(std::string(5000, 'q'))}}},
      {12, "T", 13, 14, {{"many", Value(ValueList(40, Value(std::string(900, 'z'))))}}},
  };
}

// The bytes of `message` packed by Cap'n Proto's own writer.
std::string CapnpPacked(std::string_view message) {
  kj::ArrayPtr<const capnp::word> words(reinterpret_cast<const capnp::word*>(message.data()),
                                        message.size() / sizeof(capnp::word));
  kj::VectorOutputStream out;
  {
    capnp::_::PackedOutputStream packed(out);
    packed.write(words.begin(), words.size() * sizeof(capnp::word));
  }
  auto bytes = out.getArray();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

TEST(PackedRecordTest, RoundTripsEveryShapeAndDecodesAsThePlainRecord) {
  for (const Relation& r : Shapes()) {
    const std::string message = Message(r);
    std::string packed;
    AppendPackedRecord(message, &packed);
    ASSERT_TRUE(IsPackedRecord(packed)) << r.type;
    EXPECT_LE(packed.size(), PackedRecordBound(message.size()));
    std::string shuffled(PackedRecordBound(message.size()), '\0');
    shuffled.resize(PackRecord(message, shuffled.data()));
    std::string portable(PackedRecordBound(message.size()), '\0');
    portable.resize(PackRecordWithoutShuffle(message, portable.data()));
    EXPECT_EQ(shuffled, packed) << r.type;
    EXPECT_EQ(portable, packed) << r.type;
    kj::Array<capnp::word> buffer;
    size_t words = 0;
    ASSERT_TRUE(UnpackRecord(packed, "relation", &buffer, &words).ok()) << r.type;
    EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(buffer.begin()), words * 8), message);
    EXPECT_EQ(DecodeRelation(packed).value(), r);
    EXPECT_EQ(DecodeRelation(message).value(), r);
    EXPECT_EQ(EncodeRelation(r), packed);
  }
  // A typical imported relation shrinks to under half.
  const std::string message = Message(Shapes()[1]);
  EXPECT_LT(EncodeRelation(Shapes()[1]).size() * 2, message.size());
}

TEST(PackedRecordTest, IsCapnProtosPackedEncoding) {
  for (const Relation& r : Shapes()) {
    const std::string message = Message(r);
    const std::string ours = EncodeRelation(r).substr(1);  // without the marker
    // Cap'n Proto's reader reads ours ...
    kj::ArrayInputStream in(
        kj::ArrayPtr<const kj::byte>(reinterpret_cast<const kj::byte*>(ours.data()), ours.size()));
    capnp::PackedMessageReader reader(in);
    const uint64_t read = reader.getRoot<capnp::AnyPointer>().targetSize().wordCount;
    capnp::FlatArrayMessageReader plain(kj::ArrayPtr<const capnp::word>(
        reinterpret_cast<const capnp::word*>(message.data()), message.size() / 8));
    EXPECT_EQ(read, plain.getRoot<capnp::AnyPointer>().targetSize().wordCount) << r.type;
    EXPECT_EQ(in.tryGetReadBuffer().size(), 0u) << "the whole record is the message";
    // ... and ours reads its writer's (whose runs of nonzero words differ).
    const std::string theirs = "\xFF" + CapnpPacked(message);
    EXPECT_EQ(DecodeRelation(theirs).value(), r) << r.type;
  }
}

TEST(PackedRecordTest, RandomWordsRoundTrip) {
  std::mt19937_64 rng(20261207);
  for (int round = 0; round < 2000; ++round) {
    // A one-segment table, then words of every density of zero bytes.
    const size_t n = 1 + rng() % 300;
    std::vector<uint64_t> words(n + 1);
    words[0] = static_cast<uint64_t>(n) << 32;
    const unsigned density = rng() % 9;
    for (size_t i = 1; i <= n; ++i) {
      uint64_t w = 0;
      for (unsigned b = 0; b < 8; ++b)
        if (rng() % 8 < density) w |= (rng() % 255 + 1) << (8 * b);
      words[i] = rng() % 5 == 0 ? 0 : w;
    }
    std::string_view message(reinterpret_cast<const char*>(words.data()), words.size() * 8);
    std::string packed;
    AppendPackedRecord(message, &packed);
    std::string portable(PackedRecordBound(message.size()), '\0');
    portable.resize(PackRecordWithoutShuffle(message, portable.data()));
    ASSERT_EQ(portable, packed) << round;
    // Cap'n Proto's reader unpacks ours to the same words.
    kj::ArrayInputStream in(kj::ArrayPtr<const kj::byte>(
        reinterpret_cast<const kj::byte*>(packed.data()) + 1, packed.size() - 1));
    capnp::_::PackedInputStream unpacked(in);
    std::string back(message.size(), '\0');
    unpacked.read(back.data(), back.size());
    ASSERT_EQ(back, message) << round;
    ASSERT_EQ(in.tryGetReadBuffer().size(), 0u) << round;
    kj::Array<capnp::word> buffer;
    size_t got = 0;
    ASSERT_TRUE(UnpackRecord(packed, "relation", &buffer, &got).ok()) << round;
    ASSERT_EQ(std::string_view(reinterpret_cast<const char*>(buffer.begin()), got * 8), message)
        << round;
  }
}

TEST(PackedRecordTest, DamageIsCorruptionAtEveryCut) {
  const std::string packed = EncodeRelation(Shapes()[1]);
  for (size_t cut = 2; cut < packed.size(); ++cut) {
    auto r = DecodeRelation(packed.substr(0, cut));
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << cut;
  }
  auto longer = DecodeRelation(packed + std::string(1, '\x01'));
  ASSERT_FALSE(longer.ok());
  EXPECT_NE(longer.status().message().find("goes on after its message"), std::string::npos)
      << longer.status().message();
  // A table claiming four billion words, in a few bytes: refused before any
  // word is made.
  const std::string huge("\xFF\xF0\xFF\xFF\xFF\xFF", 6);
  auto claimed = DecodeRelation(huge);
  ASSERT_FALSE(claimed.ok());
  EXPECT_NE(claimed.status().message().find("more than its bytes can hold"), std::string::npos)
      << claimed.status().message();
  // A zero run that goes past the message.
  const std::string run("\xFF\x10\x02\x00\x07", 5);  // a 2-word message, then 8 zero words
  auto past = DecodeRelation(run);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.status().code(), StatusCode::kCorruption);
  // 600 segments: more than Cap'n Proto reads.
  const std::string segments("\xFF\x03\x57\x02", 4);
  auto many = DecodeRelation(segments);
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.status().message().find("claims 600 segments"), std::string::npos)
      << many.status().message();
}

// Damage of any kind (a flipped bit, a byte dropped, added or changed) to a
// packed record decodes to a relation or is Corruption (under ASan: never
// reads outside the record).
TEST(PackedRecordTest, MutatedRecordsDecodeOrAreCorruption) {
  std::mt19937_64 rng(99);
  size_t refused = 0;
  for (const Relation& r : Shapes()) {
    const std::string packed = EncodeRelation(r);
    for (int i = 0; i < 2000; ++i) {
      std::string m = packed;
      const size_t at = 1 + rng() % (m.size() - 1);
      switch (rng() % 4) {
        case 0:
          m[at] = static_cast<char>(m[at] ^ (1 << rng() % 8));
          break;
        case 1:
          m.erase(at, 1);
          break;
        case 2:
          m.insert(at, 1, static_cast<char>(rng()));
          break;
        default:
          m[at] = static_cast<char>(rng());
      }
      auto got = DecodeRelation(m);
      if (got.ok()) continue;
      ++refused;
      ASSERT_EQ(got.status().code(), StatusCode::kCorruption) << got.status().ToString();
    }
  }
  EXPECT_GT(refused, 1000u);
}

TEST(PackedRecordTest, APlainRecordIsNeverTakenForAPackedOne) {
  // A plain message of 256 segments starts FF 00 00 00, of 512 FF 01 00 00:
  // its second byte is below any packed record's.
  EXPECT_FALSE(IsPackedRecord(std::string("\xFF\x00\x00\x00", 4)));
  EXPECT_FALSE(IsPackedRecord(std::string("\xFF\x01\x00\x00", 4)));
  EXPECT_FALSE(IsPackedRecord(std::string("\xFF", 1)));
  EXPECT_FALSE(IsPackedRecord(Message(Shapes()[1])));
  EXPECT_TRUE(IsPackedRecord(EncodeRelation(Shapes()[0])));
}

// --- the store ---------------------------------------------------------------

class PackedStoreTest : public FilledStoreTest {
 protected:
  PackedStoreTest() : FilledStoreTest("kg_packed") {}
  void Fill(Transaction& t) override {
    EntityId a = *t.CreateEntity({"L"}, {{"name", Value(std::string("a"))}});
    EntityId b = *t.CreateEntity({"L"}, {{"name", Value(std::string("b"))}});
    ids_ = {a, b, *t.CreateRelation("R", a, b, {{"since", Value(Date(16000))}})};
  }
  std::optional<std::string> Record(Store& s, RelationId id) {
    return StoreInternal::Get(s, kCfRelations, IdKey(id));
  }
  std::vector<std::string> Problems(Store& s) {
    auto p = s.Check();
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : std::vector<std::string>{};
  }
};

TEST_F(PackedStoreTest, AVersionTwoDatabaseReadsAsItIsAndIsRaisedByAWritableOpen) {
  const RelationId first = ids_[2];
  {
    auto s = Open(OpenOptions{});
    ASSERT_TRUE(IsPackedRecord(*Record(*s, first)));
    ASSERT_TRUE(RewriteAsOlderFormat(*s, 2).ok());
  }
  {
    OpenOptions ro;
    ro.read_only = true;
    auto s = Open(ro);
    EXPECT_EQ(s->Stats()->format_version, 2u);
    EXPECT_FALSE(IsPackedRecord(*Record(*s, first)));
    EXPECT_EQ(s->BeginRead()->GetRelation(first)->properties.at("since"), Value(Date(16000)));
    EXPECT_TRUE(Problems(*s).empty());
  }
  auto s = Open(OpenOptions{});
  EXPECT_EQ(s->Stats()->format_version, 3u);
  EXPECT_EQ(StoreInternal::Get(*s, kCfMeta, kMetaFormatVersion), U32Value(3));
  auto w = s->BeginWrite();
  RelationId second = *(*w)->CreateRelation("R", ids_[1], ids_[0], {});
  ASSERT_TRUE((*w)->Commit().ok());
  // The old record stays plain, the new one is packed; both read.
  EXPECT_FALSE(IsPackedRecord(*Record(*s, first)));
  EXPECT_TRUE(IsPackedRecord(*Record(*s, second)));
  auto r = s->BeginRead();
  EXPECT_EQ(r->GetRelation(first)->start, ids_[0]);
  EXPECT_EQ(r->GetRelation(second)->start, ids_[1]);
  EXPECT_TRUE(Problems(*s).empty());
}

TEST_F(PackedStoreTest, CheckReportsAPackedRecordInAnOlderDatabase) {
  auto s = Open(OpenOptions{});
  ASSERT_TRUE(StoreInternal::Put(*s, kCfMeta, kMetaFormatVersion, U32Value(2)).ok());
  std::vector<std::string> problems = Problems(*s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "relation " + std::to_string(ids_[2]) +
                             ": packed record in a format version 2 database");
}

}  // namespace
}  // namespace kg::storage::internal
