// Building the clock table from one snapshot's relation records.
#include "storage/internal/clock_table.h"

#include <iterator>
#include <limits>
#include <thread>

#include "storage/internal/codec.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {
namespace {

constexpr uint64_t kMaxId = std::numeric_limits<uint32_t>::max();

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

// A rough count of the heap bytes behind a source value.
size_t HeapBytes(const Value& v) {
  if (v.is_string()) return v.as_string().capacity();
  if (!v.is_list()) return 0;
  size_t n = v.as_list().capacity() * sizeof(Value);
  for (const Value& x : v.as_list()) n += HeapBytes(x);
  return n;
}

}  // namespace

ClockBounds::ClockBounds(const RelationFilter& f)
    : filter(&f),
      valid_at(f.valid_at),
      known_at(f.known_at),
      floor_at(f.min_confidence),
      published(f.source_published.get()) {
  if (f.valid_at) {
    valid = true;
    valid_first = f.valid_at->days();
    valid_last = LastDay(*f.valid_at);
  }
  if (f.known_at) {
    known = true;
    known_last = LastDay(*f.known_at);
  }
  if (f.min_confidence) {
    floor = true;
    min_confidence = *f.min_confidence;
  }
  undated_ok = !floor || 1.0 >= min_confidence;
}

bool ClockBounds::Matches(const RelationFilter& f) const {
  return &f == filter && f.valid_at == valid_at && f.known_at == known_at &&
         f.min_confidence == floor_at && f.source_published.get() == published;
}

bool ClockBounds::Accepts(const RelationClock& c) const {
  if (valid && ((c.valid_from && c.valid_from->days() > valid_last) ||
                (c.valid_to && LastDay(*c.valid_to) < valid_first)))
    return false;
  if (known) {
    if (c.said) {
      if (LastDay(*c.said) > known_last) return false;
    } else if (!c.source.is_null()) {
      return FilterAccepts(*filter, c);  // by its sources' publication
    }
  }
  return !floor || c.confidence.value_or(1.0) >= min_confidence;
}

Result<bool> ClockTable::ScanPart(const Store::Impl& s, rocksdb::ReadOptions ro, uint64_t lo,
                                  uint64_t hi, size_t budget_bytes, Part* part) {
  std::string lo_key = IdKey(lo), hi_key = IdKey(hi);
  rocksdb::Slice upper(hi_key);
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(s.db()->NewIterator(ro, s.cf(kCfRelations)));
  for (it->Seek(rocksdb::Slice(lo_key)); it->Valid(); it->Next()) {
    std::string_view key = View(it->key());
    if (key.size() != 8) continue;
    uint64_t id = ReadU64(key.data());
    RelationId held = 0;
    Result<RelationClock> clock = DecodeRelationClock(View(it->value()), &held);
    if (id < lo || id >= part->bound || !clock.ok() || held != id) return false;
    part->Add(id, *clock);
    if ((part->records.size() & 4095) == 4095 && part->bytes() > budget_bytes) return false;
  }
  KG_RETURN_IF_ERROR(FromRocks(it->status(), "building the clock table"));
  return true;
}

Result<std::unique_ptr<const ClockTable>> ClockTable::Build(const Store::Impl& s,
                                                            const rocksdb::ReadOptions& base,
                                                            uint64_t relation_bound,
                                                            size_t budget_bytes) {
  if (relation_bound >= kMaxId || relation_bound * sizeof(uint32_t) > budget_bytes)
    return std::unique_ptr<const ClockTable>();
  rocksdb::ReadOptions ro = base;
  ro.total_order_seek = true;  // a whole-family scan across the prefix extractor
  ro.fill_cache = false;       // a one-off scan must not evict the hot blocks
  ro.readahead_size = 2 << 20;
  auto t = std::unique_ptr<ClockTable>(new ClockTable());
  t->slot_.assign(relation_bound, kAbsent);
  // The two halves of the id range on two threads (ids are dense, so each
  // holds about half the records). The upper half's scan runs to the end of
  // the family, so a record at or beyond the bound fails the build.
  const uint64_t mid = relation_bound / 2;
  Part low{t->slot_.data(), relation_bound}, high{t->slot_.data(), relation_bound};
  Result<bool> high_ok = false;
  std::thread helper([&] { high_ok = ScanPart(s, ro, mid, UINT64_MAX, budget_bytes, &high); });
  Result<bool> low_ok = ScanPart(s, ro, 0, mid, budget_bytes, &low);
  helper.join();
  for (const Result<bool>* r : {&low_ok, &high_ok}) {
    if (!r->ok()) return r->status();
    if (!**r) return std::unique_ptr<const ClockTable>();
  }
  t->Join(std::move(low), 0, mid);
  t->Join(std::move(high), mid, relation_bound);
  if (t->bytes() > budget_bytes) return std::unique_ptr<const ClockTable>();
  return std::unique_ptr<const ClockTable>(std::move(t));
}

std::unique_ptr<const ClockTable> ClockTable::FromClocks(
    const std::vector<std::pair<RelationId, RelationClock>>& clocks, uint64_t relation_bound) {
  auto t = std::unique_ptr<ClockTable>(new ClockTable());
  t->slot_.assign(relation_bound, kAbsent);
  Part all{t->slot_.data(), relation_bound};
  for (const auto& [id, clock] : clocks)
    if (id < relation_bound) all.Add(id, clock);
  t->Join(std::move(all), 0, relation_bound);
  return t;
}

std::unique_ptr<ClockTable> ClockTable::Empty(uint64_t relation_bound) {
  auto t = std::unique_ptr<ClockTable>(new ClockTable());
  t->slot_.assign(relation_bound, kAbsent);
  return t;
}

void ClockTable::Set(RelationId id, const RelationClock& clock) {
  AddRecord(slot_.data(), &records_, &extras_, &extra_bytes_, id, clock);
}

void ClockTable::AddRecord(uint32_t* slot, std::vector<Record>* records, std::vector<Extra>* extras,
                           size_t* extra_bytes, RelationId id, const RelationClock& c) {
  if (Undated(c)) {
    slot[id] = kUndated;
    return;
  }
  Record r;
  auto precision = [](Date d, int shift) {
    return static_cast<uint8_t>(static_cast<uint8_t>(d.precision()) << shift);
  };
  if (c.valid_from) {
    r.from_first = c.valid_from->days();
    r.precisions |= precision(*c.valid_from, 0);
    r.has |= kFrom;
  }
  if (c.valid_to) {
    r.to_first = c.valid_to->days();
    r.to_last = LastDay(*c.valid_to);
    r.precisions |= precision(*c.valid_to, 2);
    r.has |= kTo;
  }
  if (c.said) {
    r.said_first = c.said->days();
    r.said_last = LastDay(*c.said);
    r.precisions |= precision(*c.said, 4);
    r.has |= kSaid;
  }
  if (c.confidence || !c.source.is_null()) {
    extras->push_back(Extra{c.confidence, c.source});
    *extra_bytes += HeapBytes(c.source);
    r.extra = static_cast<uint32_t>(extras->size());
  }
  slot[id] = kFirstRecord + static_cast<uint32_t>(records->size());
  records->push_back(r);
}

void ClockTable::Join(Part&& part, uint64_t lo, uint64_t hi) {
  const auto shift = static_cast<uint32_t>(records_.size());
  const auto extra_shift = static_cast<uint32_t>(extras_.size());
  if (shift != 0) {
    for (uint64_t id = lo; id < hi; ++id)
      if (slot_[id] >= kFirstRecord) slot_[id] += shift;
  }
  for (Record& r : part.records)
    if (r.extra != 0) r.extra += extra_shift;
  records_.insert(records_.end(), part.records.begin(), part.records.end());
  extras_.insert(extras_.end(), std::make_move_iterator(part.extras.begin()),
                 std::make_move_iterator(part.extras.end()));
  extra_bytes_ += part.extra_bytes;
}

std::optional<bool> ClockTable::Accepts(RelationId id, const RelationFilter& filter) const {
  if (filter.empty())
    return id < slot_.size() && slot_[id] != kAbsent ? std::optional<bool>(true) : std::nullopt;
  return Accepts(id, ClockBounds(filter));
}

RelationClock ClockTable::ClockOf(const Record& r) const {
  // Each first day is its period's first day, so Period gives the date back.
  auto date = [&r](int32_t first, int shift) {
    auto p = static_cast<DatePrecision>((r.precisions >> shift) & 3);
    return p == DatePrecision::kDay ? Date(first) : Date::Period(Date(first), p);
  };
  RelationClock c;
  if (r.has & kFrom) c.valid_from = date(r.from_first, 0);
  if (r.has & kTo) c.valid_to = date(r.to_first, 2);
  if (r.has & kSaid) c.said = date(r.said_first, 4);
  if (r.extra != 0) {
    c.confidence = extras_[r.extra - 1].confidence;
    c.source = extras_[r.extra - 1].source;
  }
  return c;
}

std::optional<RelationClock> ClockTable::Clock(RelationId id) const {
  if (id >= slot_.size() || slot_[id] == kAbsent) return std::nullopt;
  if (slot_[id] == kUndated) return RelationClock();
  return ClockOf(records_[slot_[id] - kFirstRecord]);
}

std::optional<EntryClock> ClockTable::EntryClockAt(uint32_t slot) const {
  if (slot == kAbsent) return std::nullopt;
  EntryClock c;
  if (slot == kUndated) return c;
  const Record& r = records_[slot - kFirstRecord];
  if (r.has & kFrom) c.from = r.from_first;
  if (r.has & kTo) c.to = r.to_last;
  if (r.has & kSaid) {
    c.said = r.said_last;
  } else if (r.extra != 0 && !extras_[r.extra - 1].source.is_null()) {
    c.said = EntryClock::kAskSaid;
  }
  return c;
}

void ClockTable::Widen(ClockSpan* span) const {
  for (const Record& r : records_) span->Widen(ClockOf(r));
}

size_t ClockTable::bytes() const {
  return slot_.capacity() * sizeof(uint32_t) + records_.capacity() * sizeof(Record) +
         extras_.capacity() * sizeof(Extra) + extra_bytes_;
}

}  // namespace kg::storage::internal
