// PackStream v1, the binary encoding of Bolt messages (docs/bolt.md;
// neo4j.com/docs/bolt/current/packstream): big-endian, a marker byte per
// value, structures with a tag byte. Encodes kg values the way Neo4j encodes
// its own (Node, Relationship, UnboundRelationship, Path, Date) and decodes
// what clients send (messages and their parameters).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"

namespace kg::server::internal::bolt {

// A negotiated Bolt protocol version.
struct Version {
  int major = 0;
  int minor = 0;
  bool AtLeast(int ma, int mi) const { return major > ma || (major == ma && minor >= mi); }
  friend bool operator==(Version a, Version b) = default;
};

// Structure tags of the graph and temporal values (structure semantics).
inline constexpr uint8_t kNodeTag = 0x4E;
inline constexpr uint8_t kRelationshipTag = 0x52;
inline constexpr uint8_t kUnboundRelationshipTag = 0x72;
inline constexpr uint8_t kPathTag = 0x50;
inline constexpr uint8_t kDateTag = 0x44;
inline constexpr uint8_t kLocalTimeTag = 0x74;             // 't'
inline constexpr uint8_t kTimeTag = 0x54;                  // 'T'
inline constexpr uint8_t kLocalDateTimeTag = 0x64;         // 'd'
inline constexpr uint8_t kDateTimeTag = 0x49;              // 'I' (Bolt 5: UTC seconds)
inline constexpr uint8_t kDateTimeZoneIdTag = 0x69;        // 'i' (Bolt 5: UTC seconds)
inline constexpr uint8_t kLegacyDateTimeTag = 0x46;        // 'F' (Bolt 4: local seconds)
inline constexpr uint8_t kLegacyDateTimeZoneIdTag = 0x66;  // 'f'
inline constexpr uint8_t kDurationTag = 0x45;              // 'E'

// Appends PackStream values to a byte string, always in the smallest form.
class PackWriter {
 public:
  explicit PackWriter(std::string* out) : out_(out) {}

  void Null();
  void Bool(bool b);
  void Int(int64_t v);
  void Float(double v);
  void String(std::string_view s);
  void ListHeader(size_t size);
  void MapHeader(size_t size);
  // A structure of `fields` (at most 15) values that follow.
  void StructHeader(size_t fields, uint8_t tag);

  // A kg value. Nodes, relationships and paths carry element ids (the
  // decimal id as a string) from Bolt 5.0 on, as the structures then require.
  void Value(const kg::Value& v, Version version);
  void Map(const ValueMap& map, Version version);

 private:
  void Sized(uint8_t tiny_base, uint8_t marker8, size_t size, bool tiny_ok);
  void Be(uint64_t v, int bytes);

  std::string* out_;
};

// A decoded Bolt message: its tag (the structure's) and fields.
struct Message {
  uint8_t tag = 0;
  std::vector<kg::Value> fields;
  // Set when a field holds a value kg has no type for (bytes, points,
  // temporal types other than Date, ...): the message is well formed, so
  // the connection survives, but the request fails with this TypeError.
  Status unsupported;
};

// Decodes one message (a structure). InvalidArgument naming the byte offset
// for malformed input: unknown or reserved markers, sizes past the end,
// trailing bytes, nesting deeper than 64, non-string map keys.
Result<Message> DecodeMessage(std::string_view bytes);

// Decodes one value (what DecodeMessage does per field); for tests.
Result<kg::Value> DecodeValue(std::string_view bytes);

}  // namespace kg::server::internal::bolt
