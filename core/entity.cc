// Typed views of entity and relation properties.
#include "core/entity.h"

#include <algorithm>

#include "core/relation.h"
#include "core/relation_clock.h"

namespace kg {

namespace {

// The value of `key` in `properties`, or null. A record holds a handful of
// properties: walking them in key order, without the std::string the map's
// find needs made from `key`, is the cheaper look-up there (a bulk import
// looks up a node's name and aliases five times a row).
const Value* FindProperty(const PropertyMap& properties, std::string_view key) {
  constexpr size_t kWalkAtMost = 8;
  if (properties.size() > kWalkAtMost) {
    auto it = properties.find(std::string(key));
    return it == properties.end() ? nullptr : &it->second;
  }
  for (const auto& [k, v] : properties) {
    int order = std::string_view(k).compare(key);
    if (order == 0) return &v;
    if (order > 0) break;
  }
  return nullptr;
}

}  // namespace

const Value* Entity::Find(std::string_view key) const { return FindProperty(properties, key); }

std::string_view Entity::name() const {
  const Value* v = Find(kNameKey);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

std::vector<std::string> Entity::aliases() const {
  std::vector<std::string> out;
  const Value* v = Find(kAliasesKey);
  if (v == nullptr) return out;
  if (v->is_string()) {
    out.push_back(v->as_string());
  } else if (v->is_list()) {
    for (const auto& e : v->as_list())
      if (e.is_string()) out.push_back(e.as_string());
  }
  return out;
}

bool Entity::HasLabel(std::string_view label) const {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

const Value* Relation::Find(std::string_view key) const { return FindProperty(properties, key); }

namespace {
std::optional<double> NumberOf(const Value* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->as_number();
}
std::optional<Date> DateOf(const Value* v) {
  if (v == nullptr || !v->is_date()) return std::nullopt;
  return v->as_date();
}
}  // namespace

std::optional<double> Relation::stance() const { return NumberOf(Find(kStanceKey)); }
std::optional<double> Relation::confidence() const { return NumberOf(Find(kConfidenceKey)); }
std::optional<Date> Relation::valid_from() const { return DateOf(Find(kValidFromKey)); }
std::optional<Date> Relation::valid_to() const { return DateOf(Find(kValidToKey)); }

std::optional<Date> Relation::said() const { return DateOf(Find(kDateKey)); }

std::string_view Relation::StringProperty(std::string_view key) const {
  const Value* v = Find(key);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

namespace {

// Held on some day of `when`: the widest reading of both bounds overlaps it.
bool ValidBetween(const std::optional<Date>& from, const std::optional<Date>& to, Date when) {
  if (from && when.last_day() < from->first_day()) return false;
  if (to && when.first_day() > to->last_day()) return false;
  return true;
}

// RelationFilter::KnownAt over the said date and the `source` value (null
// or absent: none).
bool KnownBy(const RelationFilter& filter, const std::optional<Date>& said, const Value* source,
             Date day) {
  // A statement or a publication dated with a month or a year counts as
  // made by the last day of its period: by then it had surely been said.
  Date by = day.last_day();
  if (said) return said->last_day() <= by;
  if (source == nullptr || filter.source_published == nullptr) return true;
  std::optional<Date> earliest;
  auto consider = [&](const Value& id) {
    if (!id.is_string()) return;
    auto it = filter.source_published->find(id.as_string());
    if (it != filter.source_published->end() && (!earliest || it->second.last_day() < *earliest))
      earliest = it->second.last_day();
  };
  if (source->is_list()) {
    for (const Value& id : source->as_list()) consider(id);
  } else {
    consider(*source);
  }
  return !earliest || *earliest <= by;
}

// The whole of RelationFilter::Accepts, over the properties it reads.
bool AcceptsParts(const RelationFilter& filter, const std::optional<Date>& from,
                  const std::optional<Date>& to, const std::optional<Date>& said,
                  const std::optional<double>& confidence, const Value* source) {
  if (filter.valid_at && !ValidBetween(from, to, *filter.valid_at)) return false;
  if (filter.known_at && !KnownBy(filter, said, source, *filter.known_at)) return false;
  if (filter.min_confidence && confidence.value_or(1.0) < *filter.min_confidence) return false;
  return true;
}

}  // namespace

bool Relation::ValidAt(Date when) const { return ValidBetween(valid_from(), valid_to(), when); }

bool Relation::CertainAt(Date when) const {
  // Held on every day of `when` under every reading: the narrowest reading
  // of both bounds (the last day of valid_from's period, the first day of
  // valid_to's) covers it.
  auto from = valid_from();
  auto to = valid_to();
  if (from && when.first_day() < from->last_day()) return false;
  if (to && when.last_day() > to->first_day()) return false;
  return true;
}

bool RelationFilter::KnownAt(const Relation& relation, Date day) const {
  return KnownBy(*this, relation.said(), relation.Find(kSourceKey), day);
}

bool RelationFilter::Accepts(const Relation& relation) const {
  if (empty()) return true;
  return AcceptsParts(*this, valid_at ? relation.valid_from() : std::nullopt,
                      valid_at ? relation.valid_to() : std::nullopt,
                      known_at ? relation.said() : std::nullopt,
                      min_confidence ? relation.confidence() : std::nullopt,
                      known_at ? relation.Find(kSourceKey) : nullptr);
}

RelationClock RelationClock::Of(const Relation& relation) {
  RelationClock c;
  c.valid_from = relation.valid_from();
  c.valid_to = relation.valid_to();
  c.said = relation.said();
  c.confidence = relation.confidence();
  if (const Value* source = relation.Find(kSourceKey)) c.source = *source;
  return c;
}

void DateRange::Widen(const Date& d) {
  if (!first || d.days() < first->days() ||
      (d.days() == first->days() && d.last_day().days() > first->last_day().days()))
    first = d;
  if (!last || d.last_day().days() > last->last_day().days() ||
      (d.last_day().days() == last->last_day().days() && d.days() > last->days()))
    last = d;
}

void ClockSpan::Widen(const RelationClock& clock) {
  if (!clock.valid_from && !clock.valid_to && !clock.said) return;
  ++dated;
  if (clock.valid_from) valid_from.Widen(*clock.valid_from);
  if (clock.valid_to) valid_to.Widen(*clock.valid_to);
  if (clock.said) said.Widen(*clock.said);
}

bool FilterAccepts(const RelationFilter& filter, const RelationClock& clock) {
  return AcceptsParts(filter, clock.valid_from, clock.valid_to, clock.said, clock.confidence,
                      clock.source.is_null() ? nullptr : &clock.source);
}

bool FilterAccepts(const RelationFilter& filter, const std::optional<Date>& valid_from,
                   const std::optional<Date>& valid_to, const std::optional<Date>& said,
                   const std::optional<double>& confidence, const Value* source) {
  return AcceptsParts(filter, valid_from, valid_to, said, confidence, source);
}

}  // namespace kg
