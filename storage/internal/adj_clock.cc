// The compact clock of an adjacency value, the mark that says values carry
// it, and filling the values of a database written before (adj_clock.h).
#include "storage/internal/adj_clock.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "storage/internal/codec.h"
#include "storage/internal/packed_record.h"
#include "storage/internal/store_impl.h"
#include "storage/internal/store_internal.h"

namespace kg::storage::internal {
namespace {

enum Flag : uint8_t {
  kFrom = 1,
  kTo = 2,
  kSaid = 4,
  kConfidence = 8,
  kSourceText = 16,
  kSourceList = 32,
  kOpaque = 128,
};

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

void PutDate(std::string* out, Date d) {
  // Zigzag keeps days before 1970 short too; the precision takes 2 bits.
  auto days = static_cast<int64_t>(d.days());
  uint64_t zz = (static_cast<uint64_t>(days) << 1) ^ static_cast<uint64_t>(days >> 63);
  PutVarint(out, (zz << 2) | static_cast<uint8_t>(d.precision()));
}

bool GetDate(std::string_view* in, std::optional<Date>* d) {
  uint64_t v;
  if (!GetVarint(in, &v)) return false;
  uint64_t zz = v >> 2;
  auto days = static_cast<int64_t>((zz >> 1) ^ (~(zz & 1) + 1));
  if (days < INT32_MIN || days > INT32_MAX) return false;
  Date first(static_cast<int32_t>(days));
  const auto precision = static_cast<DatePrecision>(v & 3);
  Date period = precision == DatePrecision::kDay ? first : Date::Period(first, precision);
  if (period.first_day() != first) return false;  // not the first day of its period
  *d = period;
  return true;
}

// GetDate as the first and last day of the period (checked as GetDate
// checks it).
bool GetDays(std::string_view* in, int32_t* first, int32_t* last) {
  uint64_t v;
  if (!GetVarint(in, &v)) return false;
  uint64_t zz = v >> 2;
  auto days = static_cast<int64_t>((zz >> 1) ^ (~(zz & 1) + 1));
  if (days < INT32_MIN || days > INT32_MAX) return false;
  *first = *last = static_cast<int32_t>(days);
  const auto precision = static_cast<DatePrecision>(v & 3);
  if (precision == DatePrecision::kDay) return true;
  Date period = Date::Period(Date(*first), precision);
  if (period.days() != *first) return false;  // not the first day of its period
  *last = period.last_day().days();
  return true;
}

void PutText(std::string* out, const std::string& s) {
  PutVarint(out, s.size());
  out->append(s);
}

bool GetText(std::string_view* in, Value* v) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  *v = Value(std::string(in->substr(0, n)));
  in->remove_prefix(n);
  return true;
}

bool AllText(const ValueList& list) {
  for (const Value& x : list)
    if (!x.is_string()) return false;
  return true;
}

}  // namespace

std::string EncodeAdjClock(const RelationClock& c) {
  uint8_t flags = 0;
  if (c.valid_from) flags |= kFrom;
  if (c.valid_to) flags |= kTo;
  if (c.said) flags |= kSaid;
  if (c.confidence) flags |= kConfidence;
  if (c.source.is_string()) {
    flags |= kSourceText;
  } else if (c.source.is_list() && AllText(c.source.as_list())) {
    flags |= kSourceList;
  } else if (!c.source.is_null()) {
    return std::string(1, static_cast<char>(kOpaque));
  }
  if (flags == 0) return {};
  std::string out(1, static_cast<char>(flags));
  if (c.valid_from) PutDate(&out, *c.valid_from);
  if (c.valid_to) PutDate(&out, *c.valid_to);
  if (c.said) PutDate(&out, *c.said);
  if (c.confidence) {
    uint64_t bits = std::bit_cast<uint64_t>(*c.confidence);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(bits >> (8 * i)));
  }
  if (flags & kSourceText) PutText(&out, c.source.as_string());
  if (flags & kSourceList) {
    PutVarint(&out, c.source.as_list().size());
    for (const Value& x : c.source.as_list()) PutText(&out, x.as_string());
  }
  return out;
}

bool DecodeAdjClock(std::string_view in, RelationClock* c) {
  *c = RelationClock();
  if (in.empty()) return true;
  const auto flags = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  if ((flags & kOpaque) != 0 ||
      (flags & (kSourceText | kSourceList)) == (kSourceText | kSourceList))
    return false;
  if ((flags & kFrom) && !GetDate(&in, &c->valid_from)) return false;
  if ((flags & kTo) && !GetDate(&in, &c->valid_to)) return false;
  if ((flags & kSaid) && !GetDate(&in, &c->said)) return false;
  if (flags & kConfidence) {
    if (in.size() < 8) return false;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
    c->confidence = std::bit_cast<double>(bits);
    in.remove_prefix(8);
  }
  if ((flags & kSourceText) && !GetText(&in, &c->source)) return false;
  if (flags & kSourceList) {
    uint64_t n;
    if (!GetVarint(&in, &n) || n > in.size()) return false;
    ValueList list(n);
    for (Value& x : list)
      if (!GetText(&in, &x)) return false;
    c->source = Value(std::move(list));
  }
  return in.empty();
}

std::optional<bool> AdjValueAccepts(std::string_view in, const ClockBounds& b) {
  if (in.empty()) return b.undated_ok;
  const auto flags = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  if ((flags & (kOpaque | kSourceText | kSourceList)) != 0) return std::nullopt;
  int32_t first = 0, last = 0;
  bool rejected = false;  // decided, but the rest of the value is still checked
  if (flags & kFrom) {
    if (!GetDays(&in, &first, &last)) return std::nullopt;
    rejected |= b.valid && first > b.valid_last;
  }
  if (flags & kTo) {
    if (!GetDays(&in, &first, &last)) return std::nullopt;
    rejected |= b.valid && last < b.valid_first;
  }
  if (flags & kSaid) {
    if (!GetDays(&in, &first, &last)) return std::nullopt;
    rejected |= b.known && last > b.known_last;
  }
  double confidence = 1.0;  // none counts as 1.0
  if (flags & kConfidence) {
    if (in.size() < 8) return std::nullopt;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
    confidence = std::bit_cast<double>(bits);
    in.remove_prefix(8);
  }
  if (!in.empty()) return std::nullopt;  // malformed, as DecodeAdjClock says
  return !rejected && (!b.floor || confidence >= b.min_confidence);
}

void EdgeClockMemo::Note(RelationId id, std::string_view value) {
  if (size_ >= kMax || text_.size() + value.size() > UINT32_MAX) {
    std::fill(slots_.begin(), slots_.end(), Slot());
    size_ = 0;
    text_.clear();
  }
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(id) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.id == id) return;  // noted already (both directions of one expansion)
    if (s.id != 0) continue;
    s.id = id;
    s.begin = static_cast<uint32_t>(text_.size());
    text_.append(value);
    s.end = static_cast<uint32_t>(text_.size());
    ++size_;
    return;
  }
}

void EdgeClockMemo::Grow() {
  // From a few hundred slots up, as a FlatIdMap grows: most transactions
  // expand a few nodes, and a table sized for the most would cost them a
  // large zeroed allocation each.
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 256 : old.size() * 2, Slot());
  const size_t mask = slots_.size() - 1;
  for (const Slot& o : old) {
    if (o.id == 0) continue;
    size_t i = Hash(o.id) & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = o;
  }
}

const EdgeClockMemo::Slot* EdgeClockMemo::Find(RelationId id) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(id) & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == id) return &slots_[i];
    if (slots_[i].id == 0) return nullptr;
  }
}

std::optional<bool> EdgeClockMemo::Accepts(RelationId id, const ClockBounds& bounds) const {
  const Slot* s = Find(id);
  if (s == nullptr) return std::nullopt;
  if (s->begin == s->end) return bounds.undated_ok;
  RelationClock clock;
  if (!DecodeAdjClock(std::string_view(text_).substr(s->begin, s->end - s->begin), &clock))
    return std::nullopt;
  return bounds.Accepts(clock);
}

// --- the mark, and filling the values of an older database ------------------

namespace {

constexpr size_t kUpgradeBatch = 1 << 14;  // relations rewritten per write

// Writes the clock of every dated relation into its two adjacency values.
Status FillAdjacencyClocks(Store::Impl* impl) {
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  ro.fill_cache = false;
  rocksdb::WriteOptions wo;
  rocksdb::WriteBatch batch;
  size_t pending = 0;
  std::unique_ptr<rocksdb::Iterator> it(impl->db()->NewIterator(ro, impl->cf(kCfRelations)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view bytes(it->value().data(), it->value().size());
    RelationId held = 0;
    KG_ASSIGN_OR_RETURN(RelationClock clock, DecodeRelationClock(bytes, &held));
    std::string value = EncodeAdjClock(clock);
    if (value.empty()) continue;  // undated: its values are already empty
    KG_ASSIGN_OR_RETURN(Relation r, DecodeRelation(bytes));
    std::optional<uint32_t> type = impl->types_.Find(r.type);
    if (!type)
      return Status::Corruption("relation " + std::to_string(r.id) + ": type '" + r.type +
                                "' not in the dictionary");
    batch.Put(impl->cf(kCfOut), EncodeAdjKey({r.start, *type, r.end, r.id}), value);
    batch.Put(impl->cf(kCfIn), EncodeAdjKey({r.end, *type, r.start, r.id}), value);
    if (++pending == kUpgradeBatch) {
      KG_RETURN_IF_ERROR(FromRocks(impl->db()->Write(wo, &batch), "filling adjacency clocks"));
      batch.Clear();
      pending = 0;
    }
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "filling adjacency clocks"));
  // The mark lands with (after) the last values; a synced write also syncs
  // every earlier write of the log.
  batch.Put(impl->cf(kCfMeta), std::string(kMetaAdjacencyClocks), "");
  batch.Put(impl->cf(kCfMeta), std::string(kMetaFormatVersion), U32Value(kFormatVersion));
  wo.sync = true;
  KG_RETURN_IF_ERROR(FromRocks(impl->db()->Write(wo, &batch), "filling adjacency clocks"));
  impl->format_version_ = kFormatVersion;
  return Status::OK();
}

}  // namespace

Status LoadAdjacencyClocks(Store::Impl* impl) {
  KG_ASSIGN_OR_RETURN(auto mark, impl->Get(kCfMeta, kMetaAdjacencyClocks));
  if (!mark && !impl->read_only_) {
    KG_RETURN_IF_ERROR(FillAdjacencyClocks(impl));
    mark = std::string();
  }
  impl->adj_clocks_ = mark.has_value();
  return Status::OK();
}

namespace {

// Puts every packed relation record back as its plain message, as a kg
// before format version 3 wrote it.
Status PutRelationsPlain(Store::Impl* impl, rocksdb::WriteBatch* batch) {
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(impl->db()->NewIterator(ro, impl->cf(kCfRelations)));
  kj::Array<capnp::word> buffer;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view bytes(it->value().data(), it->value().size());
    if (!IsPackedRecord(bytes)) continue;
    size_t words = 0;
    KG_RETURN_IF_ERROR(UnpackRecord(bytes, "relation", &buffer, &words));
    batch->Put(
        impl->cf(kCfRelations), it->key(),
        rocksdb::Slice(reinterpret_cast<const char*>(buffer.begin()), words * sizeof(capnp::word)));
  }
  return FromRocks(it->status(), "rewriting relation records");
}

}  // namespace

Status RewriteAsOlderFormat(Store& store, uint32_t version) {
  Store::Impl* impl = StoreInternal::ImplOf(store);
  if (impl->read_only_) return Status::NotSupported("the database is open read-only");
  if (version < kOldestFormatVersion || version >= kFormatVersion)
    return Status::InvalidArgument("no older format version " + std::to_string(version));
  std::lock_guard<std::mutex> lock(impl->write_mu_);
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(PutRelationsPlain(impl, &batch));
  if (version < kAdjacencyClocksFormatVersion) {
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;
    for (int cf : {kCfOut, kCfIn}) {
      std::unique_ptr<rocksdb::Iterator> it(impl->db()->NewIterator(ro, impl->cf(cf)));
      for (it->SeekToFirst(); it->Valid(); it->Next())
        if (it->value().size() != 0) batch.Put(impl->cf(cf), it->key(), rocksdb::Slice());
      KG_RETURN_IF_ERROR(FromRocks(it->status(), "emptying adjacency values"));
    }
    batch.Delete(impl->cf(kCfMeta), std::string(kMetaAdjacencyClocks));
  }
  batch.Put(impl->cf(kCfMeta), std::string(kMetaFormatVersion), U32Value(version));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(impl->db()->Write(wo, &batch), "rewriting as an older format");
}

}  // namespace kg::storage::internal
