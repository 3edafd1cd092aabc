// Source records and texts in the meta family:
//   "source/rec/<id>"  -> 0x01 | JSON of the record (version byte first)
//   "source/text/<id>" -> 0x01 | raw size u64 BE | zstd frame of the UTF-8 text
// A leading version byte lets a later kg change either encoding while still
// reading these; a reader meeting a version it does not know reports
// Corruption naming the key instead of guessing.
#include "storage/sources.h"

#include <openssl/sha.h>
#include <zstd.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "storage/internal/keys.h"
#include "storage/internal/txn_access.h"
#include "storage/quotes.h"

namespace kg::storage {
using internal::TxnAccess;

namespace {

constexpr std::string_view kRecPrefix = "source/rec/";
constexpr std::string_view kTextPrefix = "source/text/";
constexpr char kRecordVersion = 1;
constexpr char kTextZstd = 1;
constexpr int kZstdLevel = 9;  // texts are written once and read rarely

std::string RecKey(std::string_view id) { return std::string(kRecPrefix) + std::string(id); }
std::string TextKey(std::string_view id) { return std::string(kTextPrefix) + std::string(id); }

std::string EncodeRecord(const SourceRecord& r) {
  return std::string(1, kRecordVersion) + SourceRecordJson(r);
}

Result<SourceRecord> DecodeRecord(std::string_view key, std::string_view value) {
  if (value.empty() || value[0] != kRecordVersion)
    return Status::Corruption("meta " + std::string(key) + ": unknown source record version");
  nlohmann::json j = nlohmann::json::parse(value.substr(1), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object())
    return Status::Corruption("meta " + std::string(key) + ": source record is not JSON");
  SourceRecord r;
  auto field = [&](const char* name, std::string* out) {
    auto it = j.find(name);
    if (it != j.end() && it->is_string()) *out = it->get<std::string>();
  };
  field("id", &r.id);
  field("title", &r.title);
  field("publisher", &r.publisher);
  field("author", &r.author);
  field("url", &r.url);
  field("published", &r.published);
  field("language", &r.language);
  field("sha256", &r.sha256);
  field("added_at", &r.added_at);
  field("note", &r.note);
  if (r.id != key.substr(kRecPrefix.size()))
    return Status::Corruption("meta " + std::string(key) + ": record holds id '" + r.id + "'");
  return r;
}

std::string Compress(std::string_view text) {
  std::string out(1, kTextZstd);
  internal::PutU64(&out, text.size());
  size_t bound = ZSTD_compressBound(text.size());
  size_t head = out.size();
  out.resize(head + bound);
  size_t n = ZSTD_compress(out.data() + head, bound, text.data(), text.size(), kZstdLevel);
  out.resize(head + (ZSTD_isError(n) ? 0 : n));
  return out;
}

Result<std::string> Decompress(std::string_view id, std::string_view value) {
  auto bad = [&](const std::string& why) {
    return Status::Corruption("source '" + std::string(id) + "': text " + why);
  };
  if (value.size() < 9 || value[0] != kTextZstd) return bad("has an unknown encoding");
  uint64_t size = internal::ReadU64(value.data() + 1);
  if (size > (uint64_t{1} << 32)) return bad("claims an impossible size");
  std::string out(size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), value.data() + 9, value.size() - 9);
  if (ZSTD_isError(n) || n != size) return bad("does not decompress");
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : md) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status ValidatePublished(std::string_view text) {
  if (text.empty()) return Status::OK();
  auto bad = [&] {
    return Status::InvalidArgument("publication date '" + std::string(text) +
                                   "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  };
  // The same spellings as a date of day, month or year precision
  // (core/date.h); a week is not a publication date.
  Result<Date> d = Date::ParseWithPrecision(text);
  if (!d.ok() || d->precision() == DatePrecision::kWeek) return bad();
  return Status::OK();
}

Status ValidateSourceId(std::string_view id) {
  if (id.empty()) return Status::InvalidArgument("a source needs an id");
  if (id.size() > 200) return Status::InvalidArgument("source id longer than 200 bytes");
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f)
      return Status::InvalidArgument("source id '" + std::string(id) + "' holds a control byte");
  return Status::OK();
}

Result<std::optional<SourceRecord>> GetSource(const Transaction& txn, std::string_view id) {
  std::string key = RecKey(id);
  KG_ASSIGN_OR_RETURN(auto v, TxnAccess::GetMeta(txn, key));
  if (!v) return std::optional<SourceRecord>();
  KG_ASSIGN_OR_RETURN(SourceRecord r, DecodeRecord(key, *v));
  return std::optional<SourceRecord>(std::move(r));
}

Result<std::string> GetSourceText(const Transaction& txn, std::string_view id) {
  KG_ASSIGN_OR_RETURN(auto v, TxnAccess::GetMeta(txn, TextKey(id)));
  if (!v) return Status::NotFound("source '" + std::string(id) + "' has no stored text");
  KG_ASSIGN_OR_RETURN(std::string text, Decompress(id, *v));
  KG_ASSIGN_OR_RETURN(auto rec, GetSource(txn, id));
  if (rec && !rec->sha256.empty() && Sha256Hex(text) != rec->sha256)
    return Status::Corruption("source '" + std::string(id) + "': text does not match its SHA-256");
  return text;
}

Status ScanSources(const Transaction& txn, const std::function<bool(const SourceRecord&)>& fn) {
  std::vector<std::string> keys;
  KG_RETURN_IF_ERROR(TxnAccess::ScanMeta(txn, kRecPrefix, [&](std::string_view k) {
    keys.emplace_back(k);
    return true;
  }));
  for (const std::string& k : keys) {
    KG_ASSIGN_OR_RETURN(auto rec, GetSource(txn, std::string_view(k).substr(kRecPrefix.size())));
    if (rec && !fn(*rec)) break;
  }
  return Status::OK();
}

Result<std::optional<SourceRecord>> FindSourceBySha(const Transaction& txn,
                                                    std::string_view sha256) {
  std::optional<SourceRecord> found;
  KG_RETURN_IF_ERROR(ScanSources(txn, [&](const SourceRecord& r) {
    if (r.sha256 == sha256) found = r;
    return !found;
  }));
  return found;
}

Result<std::map<std::string, SourceLabel>> SourceLabels(const Transaction& txn) {
  std::map<std::string, SourceLabel> out;
  KG_RETURN_IF_ERROR(ScanSources(txn, [&](const SourceRecord& r) {
    out[r.id] = SourceLabel{r.title, r.publisher};
    return true;
  }));
  return out;
}

Status AddSourcePublished(const Transaction& txn, RelationFilter* filter) {
  if (!filter->known_at || filter->source_published != nullptr) return Status::OK();
  // A snapshot's sources never change: its read transactions share one map.
  if (auto kept = TxnAccess::KeptPublished(txn)) {
    filter->source_published = std::move(kept);
    return Status::OK();
  }
  auto days = std::make_shared<std::map<std::string, Date, std::less<>>>();
  KG_RETURN_IF_ERROR(ScanSources(txn, [&](const SourceRecord& r) {
    if (Result<Date> d = Date::ParseWithPrecision(r.published); d.ok()) (*days)[r.id] = *d;
    return true;
  }));
  filter->source_published = days;
  TxnAccess::KeepPublished(txn, std::move(days));
  return Status::OK();
}

std::vector<std::string> RelationSourceIds(const Relation& r) {
  std::vector<std::string> out;
  const Value* v = r.Find(kSourceKey);
  if (!v) return out;
  if (v->is_string()) {
    out.emplace_back(v->as_string());
  } else if (v->is_list()) {
    for (const Value& item : v->as_list())
      if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

Status PutSource(Transaction& txn, SourceRecord record, std::string_view text) {
  KG_RETURN_IF_ERROR(ValidateSourceId(record.id));
  KG_RETURN_IF_ERROR(ValidatePublished(record.published));
  KG_ASSIGN_OR_RETURN(auto old, GetSource(txn, record.id));
  if (old) return Status::AlreadyExists("source '" + record.id + "' already exists");
  record.sha256 = Sha256Hex(text);
  if (record.added_at.empty()) record.added_at = UtcNow();
  KG_RETURN_IF_ERROR(TxnAccess::PutMeta(txn, RecKey(record.id), EncodeRecord(record)));
  return TxnAccess::PutMeta(txn, TextKey(record.id), Compress(text));
}

Status DeleteSourceRecord(Transaction& txn, std::string_view id) {
  KG_RETURN_IF_ERROR(TxnAccess::DeleteMeta(txn, RecKey(id)));
  return TxnAccess::DeleteMeta(txn, TextKey(id));
}

namespace internal {

Status CheckSourceRecords(const Store& store, std::vector<std::string>* problems) {
  auto txn = store.BeginRead();
  std::vector<std::string> keys;
  KG_RETURN_IF_ERROR(TxnAccess::ScanMeta(*txn, kRecPrefix, [&](std::string_view k) {
    keys.emplace_back(k);
    return true;
  }));
  for (const std::string& key : keys) {
    std::string_view id = std::string_view(key).substr(kRecPrefix.size());
    auto rec = GetSource(*txn, id);
    if (!rec.ok()) {
      problems->push_back(rec.status().message());
      continue;
    }
    auto text = GetSourceText(*txn, id);
    if (!text.ok()) problems->push_back(text.status().message());
    if (!ValidatePublished((*rec)->published).ok())
      problems->push_back("source '" + std::string(id) + "': bad publication date '" +
                          (*rec)->published + "'");
  }
  // Texts without a record are left over from a broken write.
  return TxnAccess::ScanMeta(*txn, kTextPrefix, [&](std::string_view k) {
    std::string id(k.substr(kTextPrefix.size()));
    if (std::find(keys.begin(), keys.end(), RecKey(id)) == keys.end())
      problems->push_back("source text '" + id + "' has no source record");
    return true;
  });
}

}  // namespace internal
}  // namespace kg::storage
