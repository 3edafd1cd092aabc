// Cap'n Proto codec of stored records (see codec.h).
#include "storage/internal/codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <kj/io.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/timezone.h"
#include "schema/records.capnp.h"
#include "storage/internal/packed_record.h"

namespace kg::storage::internal {
namespace {

namespace cp = ::kg::schema::capnp;

// Most records fit in this many words; larger ones spill to the heap.
constexpr size_t kScratchWords = 128;

void SetValue(const Value& v, cp::PropertyValue::Builder b) {
  switch (v.type()) {
    case Value::Type::kBool:
      b.setBool(v.as_bool());
      return;
    case Value::Type::kInt:
      b.setInt(v.as_int());
      return;
    case Value::Type::kDouble:
      b.setDouble(v.as_double());
      return;
    case Value::Type::kString:
      b.setText(capnp::Text::Reader(v.as_string().data(), v.as_string().size()));
      return;
    case Value::Type::kDate:
      b.setDate(v.as_date().days());
      b.setDatePrecision(static_cast<uint8_t>(v.as_date().precision()));
      return;
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime: {
      const TimeValue& t = v.as_time_value();
      auto s = b.initTime();
      s.setKind(static_cast<uint8_t>(t.kind));
      s.setSeconds(t.seconds);
      s.setNanos(t.nanos);
      s.setOffset(t.offset);
      if (t.zone != 0) {
        const std::string& name = ZoneName(t.zone);
        s.setZone(capnp::Text::Reader(name.data(), name.size()));
      }
      return;
    }
    case Value::Type::kDuration: {
      const Duration& d = v.as_duration();
      auto s = b.initDuration();
      s.setMonths(d.months);
      s.setDays(d.days);
      s.setSeconds(d.seconds);
      s.setNanos(d.nanos);
      return;
    }
    case Value::Type::kList: {
      const ValueList& items = v.as_list();
      auto list = b.initList(static_cast<unsigned>(items.size()));
      for (unsigned i = 0; i < items.size(); ++i) SetValue(items[i], list[i]);
      return;
    }
    default:  // null and non-storable values (refused earlier by the ontology)
      b.setNull();
      return;
  }
}

void SetProperties(const PropertyMap& props, capnp::List<cp::Property>::Builder list) {
  unsigned i = 0;
  for (const auto& [key, value] : props) {
    list[i].setKey(capnp::Text::Reader(key.data(), key.size()));
    SetValue(value, list[i].initValue());
    ++i;
  }
}

// Appends the serialised message to `out`.
void AppendBytes(capnp::MessageBuilder& message, std::string* out) {
  size_t words = capnp::computeSerializedSizeInWords(message);
  size_t at = out->size();
  out->resize(at + words * sizeof(capnp::word));
  kj::ArrayOutputStream stream(
      kj::arrayPtr(reinterpret_cast<kj::byte*>(out->data() + at), words * sizeof(capnp::word)));
  capnp::writeMessage(stream, message);
}

// A zeroed first segment reused from record to record by one thread: after
// each message only the words it used are cleared again.
class Scratch {
 public:
  kj::ArrayPtr<capnp::word> segment() { return kj::arrayPtr(words_, kScratchWords); }
  void Clear(capnp::MessageBuilder& message) {
    auto segments = message.getSegmentsForOutput();
    size_t used = segments.size() == 1 ? segments[0].size() : kScratchWords;
    std::memset(words_, 0, std::min(used, kScratchWords) * sizeof(capnp::word));
  }

 private:
  capnp::word words_[kScratchWords] = {};
};

// An entity with the import id its record keeps beside it.
struct EntityParts {
  const Entity& entity;
  std::string_view import_id;
};

void BuildEntity(const EntityParts& parts, capnp::MessageBuilder& message) {
  const Entity& e = parts.entity;
  auto r = message.initRoot<cp::EntityRecord>();
  r.setId(e.id);
  auto labels = r.initLabels(static_cast<unsigned>(e.labels.size()));
  for (unsigned i = 0; i < e.labels.size(); ++i)
    labels.set(i, capnp::Text::Reader(e.labels[i].data(), e.labels[i].size()));
  SetProperties(e.properties, r.initProperties(static_cast<unsigned>(e.properties.size())));
  if (!parts.import_id.empty())
    r.setImportId(capnp::Text::Reader(parts.import_id.data(), parts.import_id.size()));
}

void BuildRelation(const Relation& rel, capnp::MessageBuilder& message) {
  auto r = message.initRoot<cp::RelationRecord>();
  r.setId(rel.id);
  r.setType(capnp::Text::Reader(rel.type.data(), rel.type.size()));
  r.setStart(rel.start);
  r.setEnd(rel.end);
  SetProperties(rel.properties, r.initProperties(static_cast<unsigned>(rel.properties.size())));
}

// A direct writer of the single-segment message Cap'n Proto's builder makes
// for a record that fits its first segment: the same objects allocated in the
// same order, so the bytes are identical (tests compare them). It skips the
// builder's per-object bookkeeping, which dominated encoding in bulk import.
//
// Layouts (schema/records.capnp.h): PropertyValue 2 data words (u16 tag at
// byte 0, bool at bit 16, datePrecision at byte 3, int/double/date at byte
// 8) + 1 pointer; Property
// 0 + 2 (key, value); EntityRecord 1 (id) + 3 (labels, properties, importId);
// RelationRecord 3 (id, start, end) + 2 (type, properties).
// A property as the direct writer reads it: from a PropertyMap or a list of
// PropertyRefs (the importer's, in key order).
std::string_view KeyOf(const std::pair<const std::string, Value>& p) { return p.first; }
const Value& ValueOf(const std::pair<const std::string, Value>& p) { return p.second; }
std::string_view KeyOf(const PropertyRef& p) { return p.key; }
const Value& ValueOf(const PropertyRef& p) { return *p.value; }

class Wire {
 public:
  static size_t TextWords(std::string_view s) { return (s.size() + 8) / 8; }
  static size_t ValueWords(const Value& v) {  // beyond the value's own struct
    switch (v.type()) {
      case Value::Type::kString:
        return TextWords(v.as_string());
      case Value::Type::kList: {
        size_t n = 1 + 3 * v.as_list().size();
        for (const Value& item : v.as_list()) n += ValueWords(item);
        return n;
      }
      case Value::Type::kLocalTime:
      case Value::Type::kTime:
      case Value::Type::kLocalDateTime:
      case Value::Type::kDateTime:
      case Value::Type::kDuration:
        // Not written by this fast path: the size sends the record to the
        // Cap'n Proto builder (SetValue).
        return kScratchWords;
      default:
        return 0;
    }
  }
  template <typename Props>
  static size_t PropertiesWords(const Props& props) {
    size_t n = 1 + 2 * std::size(props);
    for (const auto& p : props) n += TextWords(KeyOf(p)) + 3 + ValueWords(ValueOf(p));
    return n;
  }

  explicit Wire(char* segment) : seg_(segment) {}
  size_t Alloc(size_t words) {
    size_t at = end_;
    end_ += words;
    return at;
  }
  void Put16(size_t word, size_t byte, uint16_t v) { std::memcpy(At(word, byte), &v, 2); }
  void Put32(size_t word, size_t byte, uint32_t v) { std::memcpy(At(word, byte), &v, 4); }
  void Put64(size_t word, uint64_t v) { std::memcpy(At(word, 0), &v, 8); }
  void StructPointer(size_t ptr, size_t target, uint16_t data, uint16_t ptrs) {
    Put32(ptr, 0, static_cast<uint32_t>((target - ptr - 1) << 2));
    Put32(ptr, 4, data | (static_cast<uint32_t>(ptrs) << 16));
  }
  // element_size: 2 byte, 6 pointer, 7 inline composite (count in words).
  void ListPointer(size_t ptr, size_t target, uint32_t element_size, size_t count) {
    Put32(ptr, 0, static_cast<uint32_t>(((target - ptr - 1) << 2) | 1));
    Put32(ptr, 4, element_size | static_cast<uint32_t>(count << 3));
  }
  void Text(size_t ptr, std::string_view s) {
    size_t at = Alloc(TextWords(s));
    if (!s.empty()) std::memcpy(At(at, 0), s.data(), s.size());
    ListPointer(ptr, at, 2, s.size() + 1);
  }
  // Allocates a list of n structs; returns the word of the first element.
  size_t StructList(size_t ptr, size_t n, uint16_t data, uint16_t ptrs) {
    size_t words = n * (data + ptrs);
    size_t tag = Alloc(1 + words);
    ListPointer(ptr, tag, 7, words);
    Put32(tag, 0, static_cast<uint32_t>(n << 2));
    Put32(tag, 4, data | (static_cast<uint32_t>(ptrs) << 16));
    return tag + 1;
  }
  void PutValue(size_t at, const Value& v) {  // `at`: a PropertyValue struct
    switch (v.type()) {
      case Value::Type::kBool:
        Put16(at, 0, cp::PropertyValue::BOOL);
        if (v.as_bool()) *At(at, 2) = 1;
        return;
      case Value::Type::kInt:
        Put16(at, 0, cp::PropertyValue::INT);
        Put64(at + 1, static_cast<uint64_t>(v.as_int()));
        return;
      case Value::Type::kDouble: {
        Put16(at, 0, cp::PropertyValue::DOUBLE);
        double d = v.as_double();
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        Put64(at + 1, bits);
        return;
      }
      case Value::Type::kString:
        Put16(at, 0, cp::PropertyValue::TEXT);
        Text(at + 2, v.as_string());
        return;
      case Value::Type::kDate:
        Put16(at, 0, cp::PropertyValue::DATE);
        Put32(at + 1, 0, static_cast<uint32_t>(v.as_date().days()));
        *At(at, 3) = static_cast<char>(v.as_date().precision());
        return;
      case Value::Type::kList: {
        Put16(at, 0, cp::PropertyValue::LIST);
        const ValueList& items = v.as_list();
        size_t first = StructList(at + 2, items.size(), 2, 1);
        for (size_t i = 0; i < items.size(); ++i) PutValue(first + 3 * i, items[i]);
        return;
      }
      default:  // null (all zero), as SetValue
        return;
    }
  }
  template <typename Props>
  void Properties(size_t ptr, const Props& props) {
    size_t element = StructList(ptr, std::size(props), 0, 2);
    for (const auto& p : props) {
      Text(element, KeyOf(p));
      size_t at = Alloc(3);
      StructPointer(element + 1, at, 2, 1);
      PutValue(at, ValueOf(p));
      element += 2;
    }
  }
  size_t end() const { return end_; }

 private:
  char* At(size_t word, size_t byte) { return seg_ + word * sizeof(capnp::word) + byte; }
  char* seg_;
  size_t end_ = 0;
};

// Resizes `out` for a one-segment message of `words` words, writes the
// segment table and returns the segment.
char* AppendSegment(size_t words, std::string* out) {
  size_t at = out->size();
  out->resize(at + (words + 1) * sizeof(capnp::word));
  char* p = out->data() + at;
  uint32_t table[2] = {0, static_cast<uint32_t>(words)};
  std::memcpy(p, table, sizeof(table));
  return p + sizeof(capnp::word);
}

bool AppendEntityDirect(const Entity& e, std::string_view import_id, std::string* out) {
  size_t words = 1 + 4 + e.labels.size() + Wire::PropertiesWords(e.properties);
  for (const std::string& l : e.labels) words += Wire::TextWords(l);
  if (!import_id.empty()) words += Wire::TextWords(import_id);
  if (words > kScratchWords) return false;
  Wire w(AppendSegment(words, out));
  size_t root = w.Alloc(1);
  size_t r = w.Alloc(4);
  w.StructPointer(root, r, 1, 3);
  w.Put64(r, e.id);
  size_t labels = w.Alloc(e.labels.size());
  w.ListPointer(r + 1, labels, 6, e.labels.size());
  for (size_t i = 0; i < e.labels.size(); ++i) w.Text(labels + i, e.labels[i]);
  w.Properties(r + 2, e.properties);
  if (!import_id.empty()) w.Text(r + 3, import_id);
  return true;
}

template <typename Props>
bool AppendRelationDirect(uint64_t id, uint64_t start, uint64_t end, std::string_view type,
                          const Props& props, std::string* out) {
  size_t words = 1 + 5 + Wire::TextWords(type) + Wire::PropertiesWords(props);
  if (words > kScratchWords) return false;
  Wire w(AppendSegment(words, out));
  size_t root = w.Alloc(1);
  size_t r = w.Alloc(5);
  w.StructPointer(root, r, 3, 2);
  w.Put64(r, id);
  w.Put64(r + 1, start);
  w.Put64(r + 2, end);
  w.Text(r + 3, type);
  w.Properties(r + 4, props);
  return true;
}

template <typename T, void (*Build)(const T&, capnp::MessageBuilder&)>
void Append(const T& record, std::string* out) {
  thread_local Scratch scratch;
  {
    capnp::MallocMessageBuilder message(scratch.segment());
    Build(record, message);
    AppendBytes(message, out);
    scratch.Clear(message);
  }
}

std::string TextOf(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

Result<Value> GetValue(cp::PropertyValue::Reader r) {
  switch (r.which()) {
    case cp::PropertyValue::NULL_:
      return Value();
    case cp::PropertyValue::BOOL:
      return Value(r.getBool());
    case cp::PropertyValue::INT:
      return Value(static_cast<int64_t>(r.getInt()));
    case cp::PropertyValue::DOUBLE:
      return Value(r.getDouble());
    case cp::PropertyValue::TEXT:
      return Value(TextOf(r.getText()));
    case cp::PropertyValue::DATE: {
      uint8_t precision = r.getDatePrecision();
      if (precision > static_cast<uint8_t>(DatePrecision::kYear))
        return Status::Corruption("bad date precision " + std::to_string(precision));
      Date day(r.getDate());
      auto p = static_cast<DatePrecision>(precision);
      // Stored as the period's first day; snapping keeps a damaged record
      // from producing a date that is not one.
      return Value(p == DatePrecision::kDay ? day : Date::Period(day, p));
    }
    case cp::PropertyValue::TIME: {
      auto s = r.getTime();
      if (s.getKind() > 3 || s.getNanos() < 0 || s.getNanos() >= kNanosPerSecond)
        return Status::Corruption("bad time value");
      TimeValue t;
      t.kind = static_cast<TimeKind>(s.getKind());
      t.seconds = s.getSeconds();
      t.nanos = s.getNanos();
      t.offset = s.getOffset();
      if (s.hasZone() && s.getZone().size() > 0) {
        // A zone this machine's tz database lacks keeps its offset: the
        // instant stays right.
        auto zone = FindZone(TextOf(s.getZone()));
        if (zone.ok()) t.zone = *zone;
      }
      return Value(t);
    }
    case cp::PropertyValue::DURATION: {
      auto s = r.getDuration();
      return Value(Duration::Of(s.getMonths(), s.getDays(), s.getSeconds(), s.getNanos()));
    }
    case cp::PropertyValue::LIST: {
      ValueList items;
      for (auto item : r.getList()) {
        KG_ASSIGN_OR_RETURN(Value v, GetValue(item));
        items.push_back(std::move(v));
      }
      return Value(std::move(items));
    }
  }
  return Status::Corruption("unknown property value kind " + std::to_string(r.which()));
}

Result<PropertyMap> GetProperties(capnp::List<cp::Property>::Reader list) {
  PropertyMap props;
  for (auto p : list) {
    KG_ASSIGN_OR_RETURN(Value v, GetValue(p.getValue()));
    props.emplace(TextOf(p.getKey()), std::move(v));
  }
  return props;
}

Result<Entity> ReadEntity(capnp::MessageReader& message) {
  auto r = message.getRoot<cp::EntityRecord>();
  Entity e;
  e.id = r.getId();
  for (auto label : r.getLabels()) e.labels.push_back(TextOf(label));
  KG_ASSIGN_OR_RETURN(e.properties, GetProperties(r.getProperties()));
  return e;
}

Result<Relation> ReadRelation(capnp::MessageReader& message) {
  auto r = message.getRoot<cp::RelationRecord>();
  Relation rel;
  rel.id = r.getId();
  rel.type = TextOf(r.getType());
  rel.start = r.getStart();
  rel.end = r.getEnd();
  KG_ASSIGN_OR_RETURN(rel.properties, GetProperties(r.getProperties()));
  return rel;
}

// The accessors' typing rules (core/entity.cc): a number, a date, or nothing.
std::optional<double> NumberOf(const Value& v) {
  return v.is_number() ? std::optional<double>(v.as_number()) : std::nullopt;
}
std::optional<Date> DateOf(const Value& v) {
  return v.is_date() ? std::optional<Date>(v.as_date()) : std::nullopt;
}

Result<RelationClock> ReadRelationClock(capnp::MessageReader& message, RelationId* id) {
  auto r = message.getRoot<cp::RelationRecord>();
  *id = r.getId();
  RelationClock c;
  // Keys are stored sorted and unique; like GetProperties, the first of a
  // repeated key counts.
  bool seen[5] = {false, false, false, false, false};
  for (auto p : r.getProperties()) {
    auto key = p.getKey();
    std::string_view k(key.cStr(), key.size());
    int which = k == kValidFromKey    ? 0
                : k == kValidToKey    ? 1
                : k == kDateKey       ? 2
                : k == kConfidenceKey ? 3
                : k == kSourceKey     ? 4
                                      : -1;
    if (which < 0 || seen[which]) continue;
    seen[which] = true;
    KG_ASSIGN_OR_RETURN(Value v, GetValue(p.getValue()));
    switch (which) {
      case 0:
        c.valid_from = DateOf(v);
        break;
      case 1:
        c.valid_to = DateOf(v);
        break;
      case 2:
        c.said = DateOf(v);
        break;
      case 3:
        c.confidence = NumberOf(v);
        break;
      default:
        c.source = std::move(v);
        break;
    }
  }
  return c;
}

// Copies the bytes into word-aligned memory and runs `read` on the message,
// turning every Cap'n Proto exception into Corruption.
template <typename T, typename Fn>
Result<T> Decode(std::string_view bytes, const char* what, Fn read) {
  // One buffer per thread, grown when a record needs more: a decode
  // allocates nothing for the copy. (A kj::Array: capnp::word cannot be
  // copied or moved under clang, so std::vector cannot grow it.)
  thread_local kj::Array<capnp::word> buffer;
  size_t size = 0;
  if (IsPackedRecord(bytes)) {
    KG_RETURN_IF_ERROR(UnpackRecord(bytes, what, &buffer, &size));
  } else {
    if (bytes.empty() || bytes.size() % sizeof(capnp::word) != 0)
      return Status::Corruption(std::string(what) + " record has a bad size (" +
                                std::to_string(bytes.size()) + " bytes)");
    size = bytes.size() / sizeof(capnp::word);
    if (buffer.size() < size) buffer = kj::heapArray<capnp::word>(size);
    std::memcpy(buffer.begin(), bytes.data(), bytes.size());
  }
  kj::ArrayPtr<capnp::word> words(buffer.begin(), size);
  // Reading a kg record touches each word once, so a traversal limit of the
  // record's own size (plus slack) is never hit by a good record; Cap'n
  // Proto's default (8M words) let a damaged 30-byte record claim a list of
  // millions of empty elements and keep the decoder busy for seconds.
  capnp::ReaderOptions options;
  options.traversalLimitInWords = 2 * words.size() + 64;
  try {
    capnp::FlatArrayMessageReader message(words, options);
    Result<T> result = read(message);
    if (!result.ok()) return result.status().WithPrefix(std::string(what) + " record");
    return result;
  } catch (const kj::Exception& e) {
    return Status::Corruption(std::string(what) +
                              " record does not decode: " + e.getDescription().cStr());
  }
}

}  // namespace

std::string EncodeEntity(const Entity& e, std::string_view import_id) {
  std::string out;
  AppendEntity(e, &out, import_id);
  return out;
}

std::string EncodeRelation(const Relation& rel) {
  thread_local std::string message;
  message.clear();
  AppendRelation(rel, &message);
  std::string out;
  AppendPackedRecord(message, &out);
  return out;
}

void AppendEntity(const Entity& e, std::string* out, std::string_view import_id) {
  if (!AppendEntityDirect(e, import_id, out))
    Append<EntityParts, BuildEntity>(EntityParts{e, import_id}, out);
}

void AppendRelation(const Relation& rel, std::string* out) {
  if (!AppendRelationDirect(rel.id, rel.start, rel.end, rel.type, rel.properties, out))
    Append<Relation, BuildRelation>(rel, out);
}

void AppendRelation(uint64_t id, uint64_t start, uint64_t end, std::string_view type,
                    std::span<const PropertyRef> props, std::string* out) {
  if (AppendRelationDirect(id, start, end, type, props, out)) return;
  Relation rel{id, std::string(type), start, end, {}};
  for (const PropertyRef& p : props) rel.properties.emplace(std::string(p.key), *p.value);
  Append<Relation, BuildRelation>(rel, out);
}

std::string EncodeEntityWithBuilder(const Entity& e, std::string_view import_id) {
  std::string out;
  Append<EntityParts, BuildEntity>(EntityParts{e, import_id}, &out);
  return out;
}

std::string EncodeRelationWithBuilder(const Relation& rel) {
  std::string out;
  Append<Relation, BuildRelation>(rel, &out);
  return out;
}

Result<Entity> DecodeEntity(std::string_view bytes) {
  return Decode<Entity>(bytes, "entity", ReadEntity);
}

Result<std::string> DecodeImportId(std::string_view bytes) {
  return Decode<std::string>(bytes, "entity", [](capnp::MessageReader& message) {
    return Result<std::string>(TextOf(message.getRoot<cp::EntityRecord>().getImportId()));
  });
}

Result<Relation> DecodeRelation(std::string_view bytes) {
  return Decode<Relation>(bytes, "relation", ReadRelation);
}

}  // namespace kg::storage::internal

namespace kg::storage::internal {

Result<RelationClock> DecodeRelationClock(std::string_view bytes, RelationId* id) {
  return Decode<RelationClock>(bytes, "relation", [id](capnp::MessageReader& message) {
    return ReadRelationClock(message, id);
  });
}

}  // namespace kg::storage::internal
