// PackStream: the writer of kg values and the reader of client messages.
#include "server/internal/bolt_packstream.h"

#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "core/entity.h"
#include "core/relation.h"
#include "core/timezone.h"

namespace kg::server::internal::bolt {

// --- writing -----------------------------------------------------------------

void PackWriter::Be(uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out_->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PackWriter::Sized(uint8_t tiny_base, uint8_t marker8, size_t size, bool tiny_ok) {
  if (tiny_ok && size < 16) {
    out_->push_back(static_cast<char>(tiny_base | size));
  } else if (size <= 0xFF) {
    out_->push_back(static_cast<char>(marker8));
    Be(size, 1);
  } else if (size <= 0xFFFF) {
    out_->push_back(static_cast<char>(marker8 + 1));
    Be(size, 2);
  } else {
    out_->push_back(static_cast<char>(marker8 + 2));
    Be(size, 4);
  }
}

void PackWriter::Null() { out_->push_back(static_cast<char>(0xC0)); }
void PackWriter::Bool(bool b) { out_->push_back(static_cast<char>(b ? 0xC3 : 0xC2)); }

void PackWriter::Int(int64_t v) {
  if (v >= -16 && v <= 127) {
    out_->push_back(static_cast<char>(static_cast<int8_t>(v)));
  } else if (v >= INT8_MIN && v <= INT8_MAX) {
    out_->push_back(static_cast<char>(0xC8));
    Be(static_cast<uint64_t>(v), 1);
  } else if (v >= INT16_MIN && v <= INT16_MAX) {
    out_->push_back(static_cast<char>(0xC9));
    Be(static_cast<uint64_t>(v), 2);
  } else if (v >= INT32_MIN && v <= INT32_MAX) {
    out_->push_back(static_cast<char>(0xCA));
    Be(static_cast<uint64_t>(v), 4);
  } else {
    out_->push_back(static_cast<char>(0xCB));
    Be(static_cast<uint64_t>(v), 8);
  }
}

void PackWriter::Float(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  out_->push_back(static_cast<char>(0xC1));
  Be(bits, 8);
}

void PackWriter::String(std::string_view s) {
  Sized(0x80, 0xD0, s.size(), true);
  out_->append(s);
}

void PackWriter::ListHeader(size_t size) { Sized(0x90, 0xD4, size, true); }
void PackWriter::MapHeader(size_t size) { Sized(0xA0, 0xD8, size, true); }

void PackWriter::StructHeader(size_t fields, uint8_t tag) {
  out_->push_back(static_cast<char>(0xB0 | (fields & 0x0F)));
  out_->push_back(static_cast<char>(tag));
}

void PackWriter::Map(const ValueMap& map, Version version) {
  MapHeader(map.size());
  for (const auto& [key, value] : map) {
    String(key);
    Value(value, version);
  }
}

namespace {

std::string ElementId(uint64_t id) { return std::to_string(id); }

void WriteNode(PackWriter& w, const Entity& n, Version version) {
  bool v5 = version.AtLeast(5, 0);
  w.StructHeader(v5 ? 4 : 3, kNodeTag);
  w.Int(static_cast<int64_t>(n.id));
  w.ListHeader(n.labels.size());
  for (const auto& label : n.labels) w.String(label);
  w.Map(n.properties, version);
  if (v5) w.String(ElementId(n.id));
}

void WriteRelationship(PackWriter& w, const Relation& r, Version version) {
  bool v5 = version.AtLeast(5, 0);
  w.StructHeader(v5 ? 8 : 5, kRelationshipTag);
  w.Int(static_cast<int64_t>(r.id));
  w.Int(static_cast<int64_t>(r.start));
  w.Int(static_cast<int64_t>(r.end));
  w.String(r.type);
  w.Map(r.properties, version);
  if (!v5) return;
  w.String(ElementId(r.id));
  w.String(ElementId(r.start));
  w.String(ElementId(r.end));
}

void WriteUnbound(PackWriter& w, const Relation& r, Version version) {
  bool v5 = version.AtLeast(5, 0);
  w.StructHeader(v5 ? 4 : 3, kUnboundRelationshipTag);
  w.Int(static_cast<int64_t>(r.id));
  w.String(r.type);
  w.Map(r.properties, version);
  if (v5) w.String(ElementId(r.id));
}

// Path(nodes, rels, indices): distinct nodes and relationships, then per
// step the 1-based relationship index (negative when walked from its end to
// its start) and the 0-based index of the node reached.
void WritePath(PackWriter& w, const Path& p, Version version) {
  std::vector<const Entity*> nodes;
  std::map<EntityId, int64_t> node_index;
  for (const auto& n : p.nodes) {
    if (node_index.emplace(n.id, static_cast<int64_t>(nodes.size())).second) nodes.push_back(&n);
  }
  std::vector<const Relation*> rels;
  std::map<RelationId, int64_t> rel_index;
  std::vector<int64_t> indices;
  for (size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
    const Relation& r = p.rels[i];
    auto [it, added] = rel_index.emplace(r.id, static_cast<int64_t>(rels.size()) + 1);
    if (added) rels.push_back(&r);
    bool forward = r.start == p.nodes[i].id;
    indices.push_back(forward ? it->second : -it->second);
    indices.push_back(node_index[p.nodes[i + 1].id]);
  }
  w.StructHeader(3, kPathTag);
  w.ListHeader(nodes.size());
  for (const Entity* n : nodes) WriteNode(w, *n, version);
  w.ListHeader(rels.size());
  for (const Relation* r : rels) WriteUnbound(w, *r, version);
  w.ListHeader(indices.size());
  for (int64_t i : indices) w.Int(i);
}

}  // namespace

void PackWriter::Value(const kg::Value& v, Version version) {
  switch (v.type()) {
    case kg::Value::Type::kNull:
      return Null();
    case kg::Value::Type::kBool:
      return Bool(v.as_bool());
    case kg::Value::Type::kInt:
      return Int(v.as_int());
    case kg::Value::Type::kDouble:
      return Float(v.as_double());
    case kg::Value::Type::kString:
      return String(v.as_string());
    case kg::Value::Type::kDate:
      StructHeader(1, kDateTag);
      return Int(v.as_date().days());
    case kg::Value::Type::kLocalTime:
      StructHeader(1, kLocalTimeTag);
      return Int(v.as_time_value().seconds * kNanosPerSecond + v.as_time_value().nanos);
    case kg::Value::Type::kTime:
      StructHeader(2, kTimeTag);
      Int(v.as_time_value().seconds * kNanosPerSecond + v.as_time_value().nanos);
      return Int(v.as_time_value().offset);
    case kg::Value::Type::kLocalDateTime:
      StructHeader(2, kLocalDateTimeTag);
      Int(v.as_time_value().seconds);
      return Int(v.as_time_value().nanos);
    case kg::Value::Type::kDateTime: {
      const TimeValue& t = v.as_time_value();
      bool utc = version.AtLeast(5, 0);
      StructHeader(3, t.zone != 0 ? (utc ? kDateTimeZoneIdTag : kLegacyDateTimeZoneIdTag)
                                  : (utc ? kDateTimeTag : kLegacyDateTimeTag));
      Int(utc ? t.utc_seconds() : t.seconds);
      Int(t.nanos);
      if (t.zone != 0) return String(ZoneName(t.zone));
      return Int(t.offset);
    }
    case kg::Value::Type::kDuration: {
      const Duration& d = v.as_duration();
      StructHeader(4, kDurationTag);
      Int(d.months);
      Int(d.days);
      Int(d.seconds);
      return Int(d.nanos);
    }
    case kg::Value::Type::kList:
      ListHeader(v.as_list().size());
      for (const auto& item : v.as_list()) Value(item, version);
      return;
    case kg::Value::Type::kMap:
      return Map(v.as_map(), version);
    case kg::Value::Type::kNode:
      return WriteNode(*this, v.as_node(), version);
    case kg::Value::Type::kRelationship:
      return WriteRelationship(*this, v.as_relationship(), version);
    case kg::Value::Type::kPath:
      return WritePath(*this, v.as_path(), version);
  }
}

// --- reading -----------------------------------------------------------------

namespace {

constexpr int kMaxDepth = 64;

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool done() const { return pos_ == in_.size(); }
  size_t pos() const { return pos_; }
  // The first value kg has no type for (the message stays decodable).
  const Status& unsupported() const { return unsupported_; }

  Result<kg::Value> Read(int depth);
  Status Error(std::string_view what) const {
    return Status::InvalidArgument("PackStream: " + std::string(what) + " at byte " +
                                   std::to_string(pos_));
  }
  Result<uint64_t> Be(int bytes) {
    if (in_.size() - pos_ < static_cast<size_t>(bytes)) return Error("value past the end");
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(in_[pos_++]);
    return v;
  }
  Result<uint8_t> Byte() {
    KG_ASSIGN_OR_RETURN(uint64_t b, Be(1));
    return static_cast<uint8_t>(b);
  }

 private:
  Result<kg::Value> ReadString(size_t size) {
    if (in_.size() - pos_ < size) return Error("string past the end");
    std::string s(in_.substr(pos_, size));
    pos_ += size;
    return kg::Value(std::move(s));
  }
  Result<kg::Value> ReadList(size_t size, int depth);
  Result<kg::Value> ReadMap(size_t size, int depth);
  Result<kg::Value> ReadStruct(size_t fields, int depth);
  void Unsupported(std::string what) {
    if (unsupported_.ok())
      unsupported_ = Status::InvalidArgument("TypeError: kg has no " + what + " values")
                         .WithClass("TypeError");
  }

  std::string_view in_;
  size_t pos_ = 0;
  Status unsupported_;
};

int SizeBytes(uint8_t marker, uint8_t marker8) { return 1 << (marker - marker8); }

// Long by design: one case per PackStream marker family, in the order of
// the specification's marker table.
Result<kg::Value> Reader::Read(int depth) {
  if (depth > kMaxDepth) return Error("values nested deeper than 64");
  KG_ASSIGN_OR_RETURN(uint8_t m, Byte());
  if (m < 0x80) return kg::Value(static_cast<int64_t>(m));
  if (m >= 0xF0) return kg::Value(static_cast<int64_t>(static_cast<int8_t>(m)));
  if (m <= 0x8F) return ReadString(m & 0x0F);
  if (m <= 0x9F) return ReadList(m & 0x0F, depth);
  if (m <= 0xAF) return ReadMap(m & 0x0F, depth);
  if (m <= 0xBF) return ReadStruct(m & 0x0F, depth);
  switch (m) {
    case 0xC0:
      return kg::Value();
    case 0xC1: {
      KG_ASSIGN_OR_RETURN(uint64_t bits, Be(8));
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return kg::Value(d);
    }
    case 0xC2:
      return kg::Value(false);
    case 0xC3:
      return kg::Value(true);
    case 0xC8:
    case 0xC9:
    case 0xCA:
    case 0xCB: {
      int bytes = SizeBytes(m, 0xC8);
      KG_ASSIGN_OR_RETURN(uint64_t raw, Be(bytes));
      int shift = 64 - 8 * bytes;  // sign-extend
      return kg::Value(static_cast<int64_t>(raw << shift) >> shift);
    }
    case 0xCC:
    case 0xCD:
    case 0xCE: {
      KG_ASSIGN_OR_RETURN(uint64_t size, Be(SizeBytes(m, 0xCC)));
      if (in_.size() - pos_ < size) return Error("bytes past the end");
      pos_ += size;
      Unsupported("BYTES");
      return kg::Value();
    }
    case 0xD0:
    case 0xD1:
    case 0xD2: {
      KG_ASSIGN_OR_RETURN(uint64_t size, Be(SizeBytes(m, 0xD0)));
      return ReadString(size);
    }
    case 0xD4:
    case 0xD5:
    case 0xD6: {
      KG_ASSIGN_OR_RETURN(uint64_t size, Be(SizeBytes(m, 0xD4)));
      return ReadList(size, depth);
    }
    case 0xD8:
    case 0xD9:
    case 0xDA: {
      KG_ASSIGN_OR_RETURN(uint64_t size, Be(SizeBytes(m, 0xD8)));
      return ReadMap(size, depth);
    }
    default:
      --pos_;
      return Error("reserved marker byte");
  }
}

Result<kg::Value> Reader::ReadList(size_t size, int depth) {
  // Each item takes at least one byte: a bound before reserving memory.
  if (size > in_.size() - pos_) return Error("list past the end");
  ValueList list;
  list.reserve(size);
  for (size_t i = 0; i < size; ++i) {
    KG_ASSIGN_OR_RETURN(kg::Value item, Read(depth + 1));
    list.push_back(std::move(item));
  }
  return kg::Value(std::move(list));
}

Result<kg::Value> Reader::ReadMap(size_t size, int depth) {
  if (size > in_.size() - pos_) return Error("map past the end");
  ValueMap map;
  for (size_t i = 0; i < size; ++i) {
    size_t key_at = pos_;
    KG_ASSIGN_OR_RETURN(kg::Value key, Read(depth + 1));
    if (!key.is_string()) {
      pos_ = key_at;
      return Error("map key that is not a string");
    }
    KG_ASSIGN_OR_RETURN(kg::Value value, Read(depth + 1));
    map[key.as_string()] = std::move(value);  // the last of duplicate keys wins
  }
  return kg::Value(std::move(map));
}

namespace {

// A temporal structure as a kg value; nullopt for other tags, wrong field
// types or out-of-range fields (the caller reports them as unsupported).
std::optional<kg::Value> TemporalFromStruct(uint8_t tag, const ValueList& v) {
  for (const auto& f : v)
    if (!f.is_int() && !f.is_string()) return std::nullopt;
  auto in = [&](size_t i, int64_t lo, int64_t hi) {
    return i < v.size() && v[i].is_int() && v[i].as_int() >= lo && v[i].as_int() <= hi;
  };
  constexpr int64_t kDayNanos = kSecondsPerDay * kNanosPerSecond;
  constexpr int64_t kMaxSeconds = int64_t{1} << 44;  // ±557,000 years
  TimeValue t;
  if ((tag == kLocalTimeTag && v.size() == 1 && in(0, 0, kDayNanos - 1)) ||
      (tag == kTimeTag && v.size() == 2 && in(0, 0, kDayNanos - 1) && in(1, -64800, 64800))) {
    t.kind = tag == kLocalTimeTag ? TimeKind::kLocalTime : TimeKind::kTime;
    t.seconds = v[0].as_int() / kNanosPerSecond;
    t.nanos = static_cast<int32_t>(v[0].as_int() % kNanosPerSecond);
    if (tag == kTimeTag) t.offset = static_cast<int32_t>(v[1].as_int());
    return kg::Value(t);
  }
  if (!in(0, -kMaxSeconds, kMaxSeconds) || !in(1, 0, kNanosPerSecond - 1)) return std::nullopt;
  int64_t s = v[0].as_int();
  auto n = static_cast<int32_t>(v[1].as_int());
  if (tag == kLocalDateTimeTag && v.size() == 2) {
    t.kind = TimeKind::kLocalDateTime;
    t.seconds = s;
    t.nanos = n;
    return kg::Value(t);
  }
  if (v.size() != 3) return std::nullopt;
  bool utc = tag == kDateTimeTag || tag == kDateTimeZoneIdTag;
  if ((tag == kDateTimeTag || tag == kLegacyDateTimeTag) && in(2, -64800, 64800)) {
    auto offset = static_cast<int32_t>(v[2].as_int());
    return kg::Value(DateTimeAtInstant(utc ? s : s - offset, n, offset, 0));
  }
  if ((tag == kDateTimeZoneIdTag || tag == kLegacyDateTimeZoneIdTag) && v[2].is_string()) {
    auto zone = FindZone(v[2].as_string());
    if (!zone.ok()) return std::nullopt;
    return kg::Value(utc ? DateTimeAtInstant(s, n, 0, *zone) : ZonedDateTime(s, n, 0, *zone));
  }
  return std::nullopt;
}

}  // namespace

Result<kg::Value> Reader::ReadStruct(size_t fields, int depth) {
  KG_ASSIGN_OR_RETURN(uint8_t tag, Byte());
  ValueList values;
  for (size_t i = 0; i < fields; ++i) {
    KG_ASSIGN_OR_RETURN(kg::Value v, Read(depth + 1));
    values.push_back(std::move(v));
  }
  if (tag == kDateTag && fields == 1 && values[0].is_int()) {
    int64_t days = values[0].as_int();
    if (days >= INT32_MIN && days <= INT32_MAX) return kg::Value(Date(static_cast<int32_t>(days)));
  }
  if (auto t = TemporalFromStruct(tag, values)) return *t;
  if (tag == kDurationTag && fields == 4 && values[0].is_int() && values[1].is_int() &&
      values[2].is_int() && values[3].is_int() && values[3].as_int() > -kNanosPerSecond &&
      values[3].as_int() < kNanosPerSecond && values[2].as_int() > INT64_MIN + 1 &&
      values[2].as_int() < INT64_MAX - 1)
    return kg::Value(Duration::Of(values[0].as_int(), values[1].as_int(), values[2].as_int(),
                                  values[3].as_int()));
  Unsupported(std::string("structure '") + static_cast<char>(tag) + "'");
  return kg::Value();
}

}  // namespace

Result<Message> DecodeMessage(std::string_view bytes) {
  Reader r(bytes);
  KG_ASSIGN_OR_RETURN(uint8_t marker, r.Byte());
  if ((marker & 0xF0) != 0xB0) return r.Error("message that is not a structure");
  Message message;
  KG_ASSIGN_OR_RETURN(message.tag, r.Byte());
  for (int i = 0; i < (marker & 0x0F); ++i) {
    KG_ASSIGN_OR_RETURN(kg::Value v, r.Read(1));
    message.fields.push_back(std::move(v));
  }
  if (!r.done()) return r.Error("trailing bytes after the message");
  message.unsupported = r.unsupported();
  return message;
}

Result<kg::Value> DecodeValue(std::string_view bytes) {
  Reader r(bytes);
  KG_ASSIGN_OR_RETURN(kg::Value v, r.Read(0));
  if (!r.done()) return r.Error("trailing bytes after the value");
  if (!r.unsupported().ok()) return r.unsupported();
  return v;
}

}  // namespace kg::server::internal::bolt
